"""Photo viewer dialog: zoom/pan over the upright derivative and vector annotation tools.

The image is loaded by the job runner; the dialog returns the annotation list and the caller stores
it in ``Photo.annotations`` (the original bytes are never touched).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.models import Photo
from ui.i18n import tr
from ui.views.photos import jobs
from ui.views.photos.canvas import AnnotationCanvas
from ui.views.photos.imaging import VIEW, load_derivative
from ui.views.photos.info import PhotoInfo

COLORS = ("#ff3b30", "#ffcc00", "#34c759", "#0a84ff", "#ffffff")


def _swatch(color: str) -> QIcon:
    pix = QPixmap(16, 16)
    pix.fill(QColor(color))
    return QIcon(pix)


class PhotoViewer(QDialog):
    """Modal viewer for one photo; ``annotations()`` after ``exec()`` returns the edited list."""

    def __init__(self, runner: Any, media: Any, photo: Photo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo = photo
        self.setWindowTitle(tr("Photo — {}").format(photo.caption or photo.original_name or photo.sha256[:12]))
        self.resize(1100, 760)
        self.canvas = AnnotationCanvas(self)
        self.canvas.ask_text = self._ask_text
        self.status = QLabel(tr("Loading…"))
        self.info = PhotoInfo(self)
        self.info.show_photo(photo)
        self.info.setMaximumWidth(340)
        self.toolbar = self._make_toolbar()

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.info)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 300])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.canvas.zoomChanged.connect(lambda z: self.status.setText(tr("Zoom {}%").format(round(z * 100))))
        self.loaded = False
        jobs.run(runner, lambda: load_derivative(media, photo.sha256, VIEW), on_done=self._on_image,
                 on_error=self._on_error, title=tr("Opening photo"))

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        group = QActionGroup(self)
        group.setExclusive(True)
        self.tool_actions: dict[str, QAction] = {}
        names = [("pan", tr("Pan"), "H"), ("select", tr("Select"), "V"), ("arrow", tr("Arrow"), "A"),
                 ("rect", tr("Rectangle"), "R"), ("circle", tr("Circle"), "C"), ("text", tr("Text"), "T"),
                 ("measure", tr("Measurement"), "M")]
        for tool, label, key in names:
            act = QAction(label, self)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(key))
            act.setToolTip(f"{label} ({key})")
            act.triggered.connect(lambda _=False, t=tool: self.canvas.set_tool(t))
            group.addAction(act)
            bar.addAction(act)
            self.tool_actions[tool] = act
        self.tool_actions["pan"].setChecked(True)
        bar.addSeparator()
        for color in COLORS:
            act = QAction(_swatch(color), color, self)
            act.setToolTip(tr("Colour"))
            act.triggered.connect(lambda _=False, c=color: setattr(self.canvas, "color", c))
            bar.addAction(act)
        bar.addSeparator()
        undo = self.canvas.undo_stack.createUndoAction(self, tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.canvas.undo_stack.createRedoAction(self, tr("Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        bar.addAction(undo)
        bar.addAction(redo)
        delete = QAction(tr("Delete"), self)
        delete.triggered.connect(self.canvas.delete_selected)
        bar.addAction(delete)
        bar.addSeparator()
        for label, slot in ((tr("Zoom in"), lambda: self.canvas.zoom_by(1.25)),
                            (tr("Zoom out"), lambda: self.canvas.zoom_by(0.8)),
                            (tr("Fit"), self.canvas.fit), ("100%", self.canvas.actual_size)):
            act = QAction(label, self)
            act.triggered.connect(slot)
            bar.addAction(act)
        return bar

    def _ask_text(self, title: str, initial: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, tr("Label:"), text=initial)
        return text if ok else None

    def _on_image(self, image: QImage) -> None:
        self.canvas.set_image(image, list(self.photo.annotations or []))
        self.loaded = True
        self.status.setText(tr("{} × {} px").format(image.width(), image.height()))

    def _on_error(self, message: str) -> None:
        self.status.setText(tr("Cannot show this photo: {}").format(message))

    def annotations(self) -> list[dict[str, Any]]:
        """The annotations as drawn (unchanged from the photo's if the image never loaded)."""
        if not self.loaded:
            return list(self.photo.annotations or [])
        return self.canvas.annotations()
