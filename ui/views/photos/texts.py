"""Runtime language switching for these views: each visible text is set by a small function kept in a
``Texts`` list and re-run when Qt sends ``LanguageChange`` (the strings stay inside ``tr("…")`` so the
translation tools find them)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from shiboken6 import isValid

from ui.i18n import tr

F = TypeVar("F", bound=Callable[..., Any])


def alive(method: F) -> F:
    """For callbacks that can outlive their widget (undo commands on the window's stack, shared
    caches, background jobs): do nothing once the widget's C++ side is gone."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not isValid(self):
            return None
        return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def guarded(callback: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a bound method of a QObject so calling it after the object was deleted is a no-op."""
    owner = getattr(callback, "__self__", None)
    if owner is None:
        return callback

    def call(*args: Any) -> Any:
        return callback(*args) if isValid(owner) else None

    return call


class Texts:
    """``texts(lambda: label.setText(tr("Caption")))`` sets the text now and after every language change."""

    def __init__(self) -> None:
        self._setters: list[Callable[[], object]] = []

    def __call__(self, setter: Callable[[], object]) -> None:
        setter()
        self._setters.append(setter)

    def apply(self) -> None:
        for setter in self._setters:
            setter()


class _UndoTexts(QObject):
    """Keeps the undo/redo actions' text and state in step; a QObject child of the view, so the
    (possibly shared, longer-lived) stack's signals stop reaching it when the view goes away."""

    def __init__(self, stack: QUndoStack, undo: QAction, redo: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self.stack, self.undo, self.redo = stack, undo, redo
        stack.indexChanged.connect(self.refresh)
        stack.cleanChanged.connect(self.refresh)

    def refresh(self, *_: object) -> None:
        if not (isValid(self.stack) and isValid(self.undo) and isValid(self.redo)):
            return  # signals sent while the stack or the view is being torn down
        self.undo.setText(f"{tr('Undo')} {self.stack.undoText()}".strip())
        self.redo.setText(f"{tr('Redo')} {self.stack.redoText()}".strip())
        self.undo.setEnabled(self.stack.canUndo())
        self.redo.setEnabled(self.stack.canRedo())


def undo_actions(stack: QUndoStack, parent: QObject, texts: Texts, *, shortcuts: bool = True) -> tuple[QAction, QAction]:
    """Undo/Redo actions whose "Undo <what>" text follows both the stack and the UI language
    (``QUndoStack.createUndoAction`` fixes its prefix at creation, so it cannot be retranslated).

    ``shortcuts`` False when the stack is the window's own: its Undo action already has Ctrl+Z, and
    two live actions with one shortcut make Qt trigger neither."""
    undo, redo = QAction(parent), QAction(parent)
    if shortcuts:
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo.setShortcut(QKeySequence.StandardKey.Redo)
    for act in (undo, redo):
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    undo.triggered.connect(stack.undo)
    redo.triggered.connect(stack.redo)
    keeper = _UndoTexts(stack, undo, redo, parent)
    texts(keeper.refresh)
    return undo, redo
