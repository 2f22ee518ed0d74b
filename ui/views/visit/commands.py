"""Undoable visit edits. An answer command stores the before/after answer states; undo writes the
old one back through the service, so the score, the grade and the audit log follow every step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ui.views.visit.session import AnswerState, VisitSession


class SetAnswer(QUndoCommand):
    """Answer (or clear) one item; ``on_change(key)`` repaints after do and undo."""

    def __init__(self, session: VisitSession, key: str, new: AnswerState, text: str,
                 on_change: Callable[[str], None]) -> None:
        super().__init__(text)
        self.session, self.key = session, key
        self.old = session.state(key)
        self.new = new
        self.on_change = on_change

    def redo(self) -> None:
        self.new = self.session.set_answer(self.key, self.new)
        self.on_change(self.key)

    def undo(self) -> None:
        self.session.set_answer(self.key, self.old)
        self.on_change(self.key)


class SetNote(QUndoCommand):
    def __init__(self, session: VisitSession, key: str, new: str, text: str, on_change: Callable[[str], None]) -> None:
        super().__init__(text)
        self.session, self.key = session, key
        finding = session.finding(key)
        self.old = finding.note if finding else ""
        self.new = new
        self.on_change = on_change

    def redo(self) -> None:
        self.session.set_note(self.key, self.new)
        self.on_change(self.key)

    def undo(self) -> None:
        self.session.set_note(self.key, self.old)
        self.on_change(self.key)
