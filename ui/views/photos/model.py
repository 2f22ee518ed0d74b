"""List model of an owner's photos for the thumbnail grid, sorted by capture time.

Thumbnails come from the shared ``ThumbnailCache``: ``data(DecorationRole)`` only asks for rows the
view paints, so a case with thousands of photos loads only what is on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap

from adjuster.domain.models import Photo
from ui.views.photos.info import format_time
from ui.views.photos.thumbnails import ThumbnailCache

PhotoRole = Qt.ItemDataRole.UserRole + 1
ShaRole = Qt.ItemDataRole.UserRole + 2
THUMB_SIZE = QSize(160, 160)

SORT_TAKEN = "taken"
SORT_TAKEN_DESC = "taken_desc"
SORT_IMPORTED = "imported"
SORTS = (SORT_TAKEN, SORT_TAKEN_DESC, SORT_IMPORTED)

Index = QModelIndex | QPersistentModelIndex


def sort_key(mode: str) -> Any:
    """Capture time first (photos without one go last, in import order), or import order."""
    if mode == SORT_IMPORTED:
        return lambda p: (p.position, p.imported_at or "", p.id)
    return lambda p: (p.taken_at is None, p.taken_at or "", p.position, p.id)


def _placeholder(size: QSize, color: str) -> QPixmap:
    pix = QPixmap(size)
    pix.fill(QColor(color))
    painter = QPainter(pix)
    painter.setPen(QColor("#bbbbbb"))
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.end()
    return pix


class PhotoListModel(QAbstractListModel):
    def __init__(self, thumbs: ThumbnailCache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self.photos: list[Photo] = []
        self.sort_mode = SORT_TAKEN
        self._loading = _placeholder(THUMB_SIZE, "#e8e8e8")
        self._broken = _placeholder(THUMB_SIZE, "#f4c7c3")
        thumbs.ready.connect(self._thumb_changed)
        thumbs.failed.connect(lambda sha, _msg: self._thumb_changed(sha))

    # -- content --------------------------------------------------------------------------------
    def set_photos(self, photos: list[Photo]) -> None:
        self.beginResetModel()
        self.photos = sorted(photos, key=sort_key(self.sort_mode))
        if self.sort_mode == SORT_TAKEN_DESC:
            dated = [p for p in self.photos if p.taken_at]
            undated = [p for p in self.photos if not p.taken_at]
            self.photos = dated[::-1] + undated
        self.endResetModel()

    def set_sort(self, mode: str) -> None:
        if mode not in SORTS:
            raise ValueError(mode)
        self.sort_mode = mode
        self.set_photos(list(self.photos))

    def replace(self, photo: Photo) -> None:
        """Swap in the updated record of one photo (caption, annotations…) without a reset."""
        for row, old in enumerate(self.photos):
            if old.id == photo.id:
                self.photos[row] = photo
                idx = self.index(row)
                self.dataChanged.emit(idx, idx)
                return

    def row_of(self, photo_id: str) -> int:
        return next((r for r, p in enumerate(self.photos) if p.id == photo_id), -1)

    def photo(self, row: int) -> Photo:
        return self.photos[row]

    def _thumb_changed(self, sha256: str) -> None:
        for row, p in enumerate(self.photos):
            if p.sha256 == sha256:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.photos)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.photos):
            return None
        p = self.photos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return p.caption or p.original_name or p.sha256[:12]
        if role == Qt.ItemDataRole.DecorationRole:
            pix = self.thumbs.pixmap(p.sha256)
            if pix is not None:
                return pix
            return self._broken if p.sha256 in self.thumbs.errors else self._loading
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [p.caption or p.original_name, format_time(p.taken_at)]
            if p.sha256 in self.thumbs.errors:
                lines.append(self.thumbs.errors[p.sha256])
            return "\n".join(x for x in lines if x)
        if role == PhotoRole:
            return p
        if role == ShaRole:
            return p.sha256
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled


class CaptionModel(PhotoListModel):
    """The list model plus in-place caption editing (F2 in the grid), reported as a request."""

    captionEdited = Signal(int, str)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.isValid() else flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return self.photos[index.row()].caption
        return super().data(index, role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self.captionEdited.emit(index.row(), str(value))
        return True
