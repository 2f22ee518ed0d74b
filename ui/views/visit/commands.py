"""Undoable visit edits. An answer command stores the before/after answer states; undo writes the
old one back through the service, so the score, the grade and the audit log follow every step.

A step the store refuses later (the visit was submitted, the record changed elsewhere) reports
through ``on_error`` instead of raising inside Qt's undo machinery.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from adjuster.domain.errors import AdjusterError
from ui.views.visit.session import AnswerState, VisitSession

OnError = Callable[[str], None]


def _ignore(message: str) -> None:
    """Default error sink."""


class SetAnswer(QUndoCommand):
    """One item's answer, already stored when pushed (a refused answer never reaches the stack);
    undo/redo store the old/new state again and call ``on_change(key)``."""

    def __init__(self, session: VisitSession, key: str, old: AnswerState, new: AnswerState, text: str,
                 on_change: Callable[[str], None], on_error: OnError = _ignore) -> None:
        super().__init__(text)
        self.session, self.key = session, key
        self.old, self.new = old, new
        self.on_change, self.on_error = on_change, on_error
        self._first = True

    def _apply(self, state: AnswerState) -> None:
        try:
            self.session.set_answer(self.key, state)
        except AdjusterError as err:
            self.on_error(str(err))
            return
        self.on_change(self.key)

    def redo(self) -> None:
        if self._first:
            self._first = False  # stored by the caller already
            return
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class SetNote(QUndoCommand):
    """A finding's note, already stored when pushed."""

    def __init__(self, session: VisitSession, key: str, old: str, new: str, text: str,
                 on_change: Callable[[str], None], on_error: OnError = _ignore) -> None:
        super().__init__(text)
        self.session, self.key = session, key
        self.old, self.new = old, new
        self.on_change, self.on_error = on_change, on_error
        self._first = True

    def _apply(self, note: str) -> None:
        try:
            self.session.set_note(self.key, note)
        except AdjusterError as err:
            self.on_error(str(err))
            return
        self.on_change(self.key)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
