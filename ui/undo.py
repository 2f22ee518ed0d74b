"""Undo/redo for edits, with autosave: every edit is written to the store when it is committed.

:class:`Edits` is the one way views change records. It writes at once (so a killed app loses at
most the field being typed), and records a ``QUndoCommand`` only when the write succeeded — a
``ValidationError`` reaches the caller, who shows it at the field, and nothing is pushed.

Undoing a creation tombstones the record; redoing it (or undoing a deletion) creates a copy with a
fresh id, because synced records are never un-deleted. A :class:`Ref` follows the record through
such id changes, so older commands on the same record keep working.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from adjuster.domain.errors import AdjusterError
from adjuster.domain.models import SYNC_FIELDS, Record
from adjuster.util.ids import uuid7


class Ref:
    """A record id that can move (see module doc)."""

    def __init__(self, record_id: str) -> None:
        self.id = record_id


class Edits(QObject):
    """Applies edits to the store and keeps them undoable on ``stack``."""

    failed = Signal(str)  # an undo/redo that the store refused (e.g. the record changed meanwhile)
    applied = Signal(str, str)  # repo name, record id — after every write, undo and redo included

    def __init__(self, store: Any, stack: QUndoStack | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        #: one undo history per open record, so Undo never changes a record that is not on screen
        self.group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self.stack = stack or QUndoStack(self)
        self.group.addStack(self.stack)
        self.group.setActiveStack(self.stack)
        self._refs: dict[str, Ref] = {}

    def focus(self, record_id: str) -> QUndoStack:
        """Make ``record_id``'s undo history the active one (kept for the session) and return it."""
        stack = self._stacks.get(record_id)
        if stack is None:
            stack = self._stacks[record_id] = QUndoStack(self)
            self.group.addStack(stack)
        self.stack = stack
        self.group.setActiveStack(stack)
        return stack

    def ref(self, record_id: str) -> Ref:
        ref = self._refs.get(record_id)
        if ref is None:
            ref = self._refs[record_id] = Ref(record_id)
        return ref

    def _moved(self, ref: Ref, new_id: str) -> None:
        self._refs.pop(ref.id, None)
        ref.id = new_id
        self._refs[new_id] = ref

    def repo(self, name: str) -> Any:
        return getattr(self.store, name)

    # -- the three edits ------------------------------------------------------------------------
    def update(self, repo_name: str, record_id: str, changes: dict[str, Any], text: str) -> Record:
        """Write ``changes`` now; raises ValidationError (nothing written, nothing pushed)."""
        repo = self.repo(repo_name)
        before = repo.get(record_id)
        after = repo.update(record_id, **changes)
        if after is before or after.rev == before.rev:
            return after
        old_d, new_d = before.to_dict(), after.to_dict()
        old = {k: old_d[k] for k in changes if old_d[k] != new_d[k]}
        new = {k: new_d[k] for k in old}
        self.stack.push(_Update(self, repo_name, self.ref(record_id), old, new, text))
        self.applied.emit(repo_name, record_id)
        return after

    def create(self, repo_name: str, obj: Record, text: str) -> Record:
        created = self.repo(repo_name).create(obj)
        self.stack.push(_Create(self, repo_name, self.ref(created.id), created, text))
        self.applied.emit(repo_name, created.id)
        return created

    def delete(self, repo_name: str, record_id: str, text: str) -> None:
        repo = self.repo(repo_name)
        record = repo.get(record_id)
        repo.soft_delete(record_id)
        self.stack.push(_Delete(self, repo_name, self.ref(record_id), record, text))
        self.applied.emit(repo_name, record_id)

    # -- used by the commands -------------------------------------------------------------------
    def _guard(self, fn: Any) -> None:
        try:
            fn()
        except AdjusterError as err:
            self.failed.emit(str(err))

    def _recreate(self, repo_name: str, ref: Ref, record: Record) -> None:
        fresh = dataclasses.replace(record, id=uuid7(), **{f: None for f in SYNC_FIELDS if f != "rev"}, rev=0)
        self.repo(repo_name).create(fresh)
        self._moved(ref, fresh.id)
        self.applied.emit(repo_name, fresh.id)

    def _tombstone(self, repo_name: str, ref: Ref) -> None:
        self.repo(repo_name).soft_delete(ref.id)
        self.applied.emit(repo_name, ref.id)


class _Update(QUndoCommand):
    def __init__(self, edits: Edits, repo_name: str, ref: Ref, old: dict[str, Any], new: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self.edits, self.repo_name, self.ref, self.old, self.new = edits, repo_name, ref, old, new
        self._first = True  # already written by Edits.update

    def _write(self, values: dict[str, Any]) -> None:
        def go() -> None:
            self.edits.repo(self.repo_name).update(self.ref.id, **values)
            self.edits.applied.emit(self.repo_name, self.ref.id)

        self.edits._guard(go)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._write(self.new)

    def undo(self) -> None:
        self._write(self.old)


class _Create(QUndoCommand):
    def __init__(self, edits: Edits, repo_name: str, ref: Ref, record: Record, text: str) -> None:
        super().__init__(text)
        self.edits, self.repo_name, self.ref, self.record = edits, repo_name, ref, record
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        current = self.edits.repo(self.repo_name).get(self.ref.id, include_deleted=True)
        self.edits._guard(lambda: self.edits._recreate(self.repo_name, self.ref, current))

    def undo(self) -> None:
        self.edits._guard(lambda: self.edits._tombstone(self.repo_name, self.ref))


class _Delete(QUndoCommand):
    def __init__(self, edits: Edits, repo_name: str, ref: Ref, record: Record, text: str) -> None:
        super().__init__(text)
        self.edits, self.repo_name, self.ref, self.record = edits, repo_name, ref, record
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.edits._guard(lambda: self.edits._tombstone(self.repo_name, self.ref))

    def undo(self) -> None:
        self.edits._guard(lambda: self.edits._recreate(self.repo_name, self.ref, self.record))
