"""Undoable photo edits (caption, item link, annotations): each is one ``store.photos.update``.

The command holds the old and new value only, so undo after a restart-free session is exact and
the audit log shows each step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from adjuster.domain.errors import AdjusterError
from adjuster.domain.models import Photo


class SetPhotoField(QUndoCommand):
    """One field of one photo, already written when pushed (a refused value never reaches the stack);
    undo/redo write it again and call ``on_change(photo)`` so the views follow."""

    def __init__(self, store: Any, before: Photo, after: Photo, field: str, text: str,
                 on_change: Callable[[Photo], None], on_error: Callable[[str], None] = lambda message: None) -> None:
        super().__init__(text)
        self.store = store
        self.photo_id = before.id
        self.field = field
        self.old = getattr(before, field)
        self.new = getattr(after, field)
        self.on_change = on_change
        self.on_error = on_error
        self._first = True

    def _apply(self, value: Any) -> None:
        try:
            photo = self.store.photos.update(self.photo_id, **{self.field: value})
        except AdjusterError as err:  # e.g. the photo was removed meanwhile
            self.on_error(str(err))
            return
        self.on_change(photo)

    def redo(self) -> None:
        if self._first:
            self._first = False  # written by the caller already
            return
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
