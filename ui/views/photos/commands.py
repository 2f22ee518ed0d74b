"""Undoable photo edits (caption, item link, annotations): each is one ``store.photos.update``.

The command holds the old and new value only, so undo after a restart-free session is exact and
the audit log shows each step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from adjuster.domain.models import Photo


class SetPhotoField(QUndoCommand):
    """Set one field of one photo; ``on_change(photo)`` refreshes the views after do and undo."""

    def __init__(self, store: Any, photo: Photo, field: str, new: Any, text: str,
                 on_change: Callable[[Photo], None]) -> None:
        super().__init__(text)
        self.store = store
        self.photo_id = photo.id
        self.field = field
        self.old = getattr(photo, field)
        self.new = new
        self.on_change = on_change

    def _apply(self, value: Any) -> None:
        photo = self.store.photos.update(self.photo_id, **{self.field: value})
        self.on_change(photo)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
