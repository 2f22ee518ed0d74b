"""The thumbnail grid: an icon-mode QListView that accepts dropped files and folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from ui.views.photos.delegate import CAPTION_LINES, PAD, PhotoDelegate
from ui.views.photos.model import THUMB_SIZE


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in a drag (URLs from a file manager); remote URLs are ignored."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class PhotoGrid(QListView):
    """Emits ``pathsDropped`` with what was dropped; folders are expanded later, in the import job."""

    pathsDropped = Signal(list)
    activatedPhoto = Signal(int)
    deleteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setItemDelegate(PhotoDelegate(self))
        line = self.fontMetrics().lineSpacing()
        self.setIconSize(THUMB_SIZE)
        self.setGridSize(QSize(THUMB_SIZE.width() + 2 * PAD + 8, THUMB_SIZE.height() + 2 * PAD + CAPTION_LINES * line + 10))
        self.setUniformItemSizes(True)  # the view then never asks every row for its size
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWrapping(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # drops land on the viewport, not the scroll area
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.doubleClicked.connect(lambda idx: self.activatedPhoto.emit(idx.row()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.pathsDropped.emit(paths)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedPhoto.emit(self.currentIndex().row())
            return
        if event.key() == Qt.Key.Key_Delete and self.selectionModel().hasSelection():
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)
