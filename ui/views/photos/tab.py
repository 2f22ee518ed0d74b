"""The Photos tab: thumbnail grid of one owner's photos, drop/import, captions, item links, viewer.

Every write is one core call (``store.photos.update`` / ``media.service``) wrapped in an undo
command; imports and thumbnails run in the app's job runner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from adjuster.domain.enums import OwnerType
from adjuster.domain.errors import AdjusterError
from adjuster.domain.models import Photo
from adjuster.media.annotate import validate_annotations
from ui.i18n import is_language_change, tr
from ui.views.photos import jobs
from ui.views.photos.commands import SetPhotoField
from ui.views.photos.grid import PhotoGrid
from ui.views.photos.import_panel import ImportPanel
from ui.views.photos.importing import ImportMixin
from ui.views.photos.info import PhotoInfo
from ui.views.photos.model import SORT_IMPORTED, SORT_TAKEN, SORT_TAKEN_DESC, CaptionModel
from ui.views.photos.texts import Texts, alive, undo_actions
from ui.views.photos.thumbnails import shared_thumbnails
from ui.views.photos.viewer import PhotoViewer
from ui.workers import Job

#: up to this many rows a re-read is done on the spot (well under a frame); above, in a worker
SYNC_ROWS = 300


class PhotosTab(ImportMixin, QWidget):
    """Photos of one owner (a case, item, visit or finding)."""

    photosChanged = Signal()
    importFinished = Signal(list)

    def __init__(self, runner: Any, store: Any, media: Any, owner_type: str, owner_id: str,
                 parent: QWidget | None = None, *, undo_stack: QUndoStack | None = None,
                 events: Any = None, compact: bool = False) -> None:
        """``events``: the app's StoreEvents; when given, photos changed elsewhere (sync, CLI, another
        tab) show up here without a manual refresh. ``compact``: a smaller form for embedding (a
        finding's photos): import and view only, caption beside the grid, no preview or facts."""
        super().__init__(parent)
        self.compact = compact
        self.runner, self.store, self.media = runner, store, media
        self.owner_type, self.owner_id = OwnerType(owner_type), owner_id
        self.own_stack = undo_stack is None
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.texts = Texts()
        self._caption_for = ""  # id of the photo whose caption is in the editor
        self._resetting = False
        self.import_job: Job | None = None
        self.last_results: list[Any] = []
        #: asks yes/no before removing photos; tests replace it
        self.confirm: Callable[[str], bool] = self._confirm

        self.thumbs = shared_thumbnails(runner, media)
        self.model = CaptionModel(self.thumbs, self)
        self.model.captionEdited.connect(lambda row, text: self.set_caption(self.model.photo(row), text))
        self.grid = PhotoGrid(self)
        self.grid.setObjectName("photoGrid")
        self.grid.setModel(self.model)
        self.grid.pathsDropped.connect(self.import_paths)
        self.grid.activatedPhoto.connect(self.open_viewer)
        self.grid.deleteRequested.connect(self.remove_selected)
        self.grid.selectionModel().selectionChanged.connect(lambda *_: self._show_current())
        self.grid.selectionModel().currentChanged.connect(lambda *_: self._show_current())

        self.panel = ImportPanel(self)
        self.panel.cancelRequested.connect(self.cancel_import)
        self.hint = QLabel(self)
        self.texts(lambda: self.hint.setText(tr("Drop photos or folders here, or use Import.")))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(mid);")

        self.toolbar = self._make_toolbar()
        self.detail = self._make_detail()
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.grid, 1)
        lv.addWidget(self.hint)
        lv.addWidget(self.panel)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 300])
        if not self.own_stack:  # the window's Undo/Redo already act on this stack
            for act in (self.undo_action, self.redo_action, self._separators[0]):
                act.setVisible(False)
        if compact:
            for act in (self.remove_action, self.undo_action, self.redo_action, *self._separators):
                act.setVisible(False)
            self.sort_widgets_visible(False)
            self.preview.hide()
            self.info.hide()
            self.panel.results.setMaximumHeight(90)
            self.panel.hide_when_clean = True
            splitter.setOrientation(Qt.Orientation.Vertical)  # caption full width under the grid
            splitter.setSizes([260, 60])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(300)
        self._reload_timer.timeout.connect(self.refresh)
        self._generation = 0
        if events is not None:
            events.changed.connect(self._store_changed)
        self.update_rows()

    def update_rows(self) -> None:
        """Re-read now when the list is small (the caller sees the rows at once); for a big case,
        in a worker, so the window never freezes while thousands of rows are built."""
        if self.store.photos.count("owner_type = ? AND owner_id = ?", [str(self.owner_type), self.owner_id]) > SYNC_ROWS:
            self.refresh()
        else:
            self.reload()

    def retranslate(self) -> None:
        self.texts.apply()
        self.info.retranslate()
        self.panel.retranslate()
        self._reload_items()
        self._show_current()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def _store_changed(self, entities: Any) -> None:
        if "photo" in entities and not self._reload_timer.isActive():
            self._reload_timer.start()

    # -- building -------------------------------------------------------------------------------
    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        self.import_action = QAction(self)
        self.texts(lambda: self.import_action.setText(tr("Import photos…")))
        self.import_action.triggered.connect(self._choose_files)
        self.folder_action = QAction(self)
        self.texts(lambda: self.folder_action.setText(tr("Import folder…")))
        self.folder_action.triggered.connect(self._choose_folder)
        self.view_action = QAction(self)
        self.texts(lambda: self.view_action.setText(tr("View / annotate")))
        self.view_action.triggered.connect(lambda: self.open_viewer(self.grid.currentIndex().row()))
        self.remove_action = QAction(self)
        self.texts(lambda: self.remove_action.setText(tr("Remove")))
        self.remove_action.triggered.connect(self.remove_selected)
        self.undo_action, self.redo_action = undo_actions(self.undo_stack, self, self.texts, shortcuts=self.own_stack)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        for act in (self.import_action, self.folder_action, self.view_action, self.remove_action):
            bar.addAction(act)
        self._separators = [bar.addSeparator()]
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        self._separators.append(bar.addSeparator())
        self.sort_label = QLabel(self)
        self.texts(lambda: self.sort_label.setText(tr("Sort:")))
        self._sort_label_action = bar.addWidget(self.sort_label)
        self.sort_combo = QComboBox(self)
        self.sort_combo.setObjectName("photoSort")
        for mode in (SORT_TAKEN, SORT_TAKEN_DESC, SORT_IMPORTED):
            self.sort_combo.addItem("", mode)

        def sort_texts() -> None:
            for i, label in enumerate((tr("Capture time (oldest first)"), tr("Capture time (newest first)"),
                                       tr("Import order"))):
                self.sort_combo.setItemText(i, label)

        self.texts(sort_texts)
        self.sort_combo.currentIndexChanged.connect(lambda _i: self.set_sort(self.sort_combo.currentData()))
        self._sort_combo_action = bar.addWidget(self.sort_combo)
        return bar

    def sort_widgets_visible(self, visible: bool) -> None:
        self._sort_label_action.setVisible(visible)
        self._sort_combo_action.setVisible(visible)

    def _make_detail(self) -> QWidget:
        box = QWidget(self)
        self.preview = QLabel(box)
        self.preview.setObjectName("photoPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(200)
        self.thumbs.ready.connect(self._thumb_ready)  # a bound method: disconnected when the tab goes
        form = QFormLayout()
        self.caption_edit = QLineEdit(box)
        self.caption_edit.setObjectName("captionEdit")
        self.texts(lambda: self.caption_edit.setPlaceholderText(tr("What the photo shows")))
        self.caption_edit.editingFinished.connect(self._caption_from_editor)
        caption_label = QLabel(box)
        self.texts(lambda: caption_label.setText(tr("Caption")))
        form.addRow(caption_label, self.caption_edit)
        self.item_combo = QComboBox(box)
        self.item_combo.setObjectName("itemLink")
        self.item_combo.activated.connect(self._item_from_combo)
        self.item_label = QLabel(box)
        self.texts(lambda: self.item_label.setText(tr("Loss item")))
        form.addRow(self.item_label, self.item_combo)
        self.error_label = QLabel(box)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.info = PhotoInfo(box)
        layout = QVBoxLayout(box)
        layout.addWidget(self.preview)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.info)
        layout.addStretch(1)
        links_items = self.owner_type in (OwnerType.CASE, OwnerType.ITEM)
        self.item_combo.setVisible(links_items)
        self.item_label.setVisible(links_items)
        return box

    # -- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read this owner's photos now (one indexed query), keeping the selection."""
        self._generation += 1
        self._show_photos(self.store.photos.for_owner(self.owner_type, self.owner_id))

    def refresh(self) -> None:
        """Re-read in a worker (thousands of rows take longer than a frame to build) and show the
        result on arrival; a newer refresh or reload supersedes an older one still running."""
        self._generation += 1
        generation = self._generation
        store, owner_type, owner_id = self.store, self.owner_type, self.owner_id
        jobs.run(self.runner, lambda: store.photos.for_owner(owner_type, owner_id),
                 on_done=lambda photos: isValid(self) and generation == self._generation and self._show_photos(photos),
                 on_error=lambda message: None, quiet=True)

    def _show_photos(self, photos: list[Photo]) -> None:
        current = self.current_photo()
        selected = {p.id for p in self.selected_photos()}
        self._resetting = True  # the reset briefly clears the selection: do not clear the editor with it
        try:
            self.model.set_photos(photos)
            self.hint.setVisible(self.model.rowCount() == 0)
            self._reload_items()
            sel = self.grid.selectionModel()
            for row, photo in enumerate(self.model.photos):
                if photo.id in selected:
                    sel.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
                if current is not None and photo.id == current.id:
                    sel.setCurrentIndex(self.model.index(row), QItemSelectionModel.SelectionFlag.NoUpdate)
            if current is None and self.model.rowCount():
                # show the first photo's facts rather than an empty panel
                sel.setCurrentIndex(self.model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._resetting = False
        self._show_current()
        self.photosChanged.emit()

    def _reload_items(self) -> None:
        if self.owner_type not in (OwnerType.CASE, OwnerType.ITEM):
            return
        case_id = self.owner_id
        if self.owner_type == OwnerType.ITEM:
            item = self.store.items.find(self.owner_id)
            case_id = item.case_id if item else ""
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        self.item_combo.addItem(tr("(not linked)"), "")
        for n, item in enumerate(self.store.items.for_case(case_id), 1):
            self.item_combo.addItem(f"{n}. {item.description}", item.id)
        self.item_combo.blockSignals(False)

    def photos(self) -> list[Photo]:
        return list(self.model.photos)

    def current_photo(self) -> Photo | None:
        idx = self.grid.currentIndex()
        return self.model.photo(idx.row()) if idx.isValid() and idx.row() < self.model.rowCount() else None

    def selected_photos(self) -> list[Photo]:
        rows = sorted(i.row() for i in self.grid.selectionModel().selectedIndexes())
        return [self.model.photo(r) for r in rows if r < self.model.rowCount()]

    def select_row(self, row: int) -> None:
        self.grid.setCurrentIndex(self.model.index(row))

    def set_sort(self, mode: str) -> None:
        self.model.set_sort(mode)
        idx = self.sort_combo.findData(mode)
        if idx >= 0 and idx != self.sort_combo.currentIndex():
            self.sort_combo.setCurrentIndex(idx)

    def _show_current(self) -> None:
        if self._resetting:
            return
        photo = self.current_photo()
        self.info.show_photo(photo)
        self.caption_edit.setEnabled(photo is not None)
        self.item_combo.setEnabled(photo is not None)
        self.view_action.setEnabled(photo is not None)
        self.remove_action.setEnabled(photo is not None)
        self._show_preview()
        if photo is None:
            self.caption_edit.clear()
            self._caption_for = ""
            return
        typing = self.caption_edit.isModified() and self._caption_for == photo.id
        if not typing:  # never overwrite what the user is typing for this photo
            self.caption_edit.setText(photo.caption)
            self._caption_for = photo.id
        idx = self.item_combo.findData(photo.item_id or "")
        self.item_combo.setCurrentIndex(max(idx, 0))

    def _thumb_ready(self, sha256: str) -> None:
        photo = self.current_photo()
        if photo is not None and photo.sha256 == sha256:
            self._show_preview()

    def _show_preview(self) -> None:
        photo = self.current_photo()
        pix = self.thumbs.pixmap(photo.sha256) if photo is not None else None
        if pix is None:
            self.preview.clear()
            return
        self.preview.setPixmap(pix)

    @alive
    def _photo_changed(self, photo: Photo) -> None:
        self.model.replace(photo)
        if (cur := self.current_photo()) is not None and cur.id == photo.id:
            self.caption_edit.setText(photo.caption)
            self._caption_for = photo.id
            self._show_current()
        self.photosChanged.emit()

    # -- edits ----------------------------------------------------------------------------------
    def _push(self, photo: Photo, field: str, value: Any, text: str) -> bool:
        """Write one edit now and keep it as an undo step; a refused value is shown beside the
        fields (nothing written, nothing pushed)."""
        if getattr(photo, field) == value:
            return True
        try:
            after = self.store.photos.update(photo.id, **{field: value})
        except AdjusterError as err:
            self.error_label.setText(str(err))
            self.error_label.show()
            return False
        self.error_label.hide()
        self.undo_stack.push(SetPhotoField(self.store, photo, after, field, text, self._photo_changed,
                                           self._step_failed))
        self._photo_changed(after)
        return True

    @alive
    def _step_failed(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def set_caption(self, photo: Photo, caption: str) -> bool:
        return self._push(photo, "caption", caption.strip(), tr("Edit caption"))

    def _caption_from_editor(self) -> None:
        """Commit the typed caption to the photo it was typed for (the selection may have moved)."""
        row = self.model.row_of(self._caption_for) if self._caption_for else -1
        if row < 0:
            return
        if self.set_caption(self.model.photo(row), self.caption_edit.text()):
            self.caption_edit.setModified(False)

    def link_item(self, photos: Sequence[Photo], item_id: str | None) -> None:
        """Link (or with None/"" unlink) photos to a loss item, as one undo step."""
        self.undo_stack.beginMacro(tr("Link photo to item"))
        try:
            for photo in photos:
                self._push(photo, "item_id", item_id or None, tr("Link photo to item"))
        finally:
            self.undo_stack.endMacro()

    def _item_from_combo(self, _index: int) -> None:
        photos = self.selected_photos() or ([p] if (p := self.current_photo()) else [])
        self.link_item(photos, self.item_combo.currentData() or None)

    def set_annotations(self, photo: Photo, shapes: list[dict[str, Any]]) -> bool:
        try:
            clean = validate_annotations(shapes)
        except AdjusterError as err:
            self.error_label.setText(str(err))
            self.error_label.show()
            return False
        current = self.store.photos.get(photo.id)
        return self._push(current, "annotations", clean, tr("Annotate photo"))

    def remove_selected(self) -> None:
        photos = self.selected_photos()
        if not photos or not self.confirm(tr("Remove {} photo(s) from this record? The original file stays in the "
                                                 "media store.").format(len(photos))):
            return
        with self.store.transaction():
            for photo in photos:
                self.store.photos.soft_delete(photo.id)
        self.update_rows()

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, tr("Remove photos"), text)
        return answer == QMessageBox.StandardButton.Yes

    # -- viewer ---------------------------------------------------------------------------------
    def open_viewer(self, row: int) -> PhotoViewer | None:
        """Open the viewer (window-modal, not blocking); Save stores the annotations as one undo step."""
        if not 0 <= row < self.model.rowCount():
            return None
        photo = self.model.photo(row)
        viewer = PhotoViewer(self.runner, self.media, photo, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.accepted.connect(lambda: self.set_annotations(photo, viewer.annotations()))
        viewer.open()
        return viewer


__all__ = ["PhotosTab", "shared_thumbnails"]
