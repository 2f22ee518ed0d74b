"""Bind form widgets to one record's fields: load values, write each field when it is committed
(autosave through :class:`ui.undo.Edits`), and show a ``ValidationError`` next to the field its
``field`` names — never as a traceback, and without clearing what was typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.errors import ValidationError
from ui.undo import Edits

#: Idle time after the last keystroke in a multi-line field before it is written.
TEXT_AUTOSAVE_MS = 1200
ERROR_STYLE = "color: #c0392b;"
INVALID_STYLE = "border: 1px solid #c0392b;"


@dataclass
class Binding:
    name: str
    widget: QWidget
    label: QLabel
    error: QLabel
    title: Callable[[], str]
    read: Callable[[], Any]
    write: Callable[[Any], None]
    extra_fields: tuple[str, ...] = field(default_factory=tuple)


class FormBinder(QObject):
    """One record (``repo_name`` / ``record_id``) shown in a QFormLayout."""

    def __init__(self, edits: Edits, repo_name: str, layout: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.repo_name = repo_name
        self.layout = layout
        self.record_id = ""
        self.bindings: dict[str, Binding] = {}
        self.errors: dict[str, str] = {}
        self.read_only = False
        self._loading = False
        self.on_saved: Callable[[str], None] | None = None
        self._timers: dict[str, QTimer] = {}
        self._fillers: list[Callable[[], None]] = []
        self._placeholders: dict[str, Callable[[], str] | None] = {}

    # -- building -------------------------------------------------------------------------------
    def _row(self, name: str, widget: QWidget, title: Callable[[], str], read: Callable[[], Any],
             write: Callable[[Any], None], extra: tuple[str, ...] = ()) -> Binding:
        label = QLabel(title())
        label.setBuddy(widget)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        v.addWidget(error)
        widget.setObjectName(f"field_{name}")
        self.layout.addRow(label, box)
        b = Binding(name, widget, label, error, title, read, write, extra)
        self.bindings[name] = b
        return b

    def line(self, name: str, title: Callable[[], str], *, placeholder: Callable[[], str] | None = None) -> QLineEdit:
        w = QLineEdit()
        if placeholder:
            w.setPlaceholderText(placeholder())
        b = self._row(name, w, title, w.text, lambda v: _show_start(w, "" if v is None else str(v)))
        w.editingFinished.connect(lambda: self.commit(name) if w.isModified() else None)
        self._placeholders[name] = placeholder
        return b.widget  # type: ignore[return-value]

    def text(self, name: str, title: Callable[[], str]) -> QPlainTextEdit:
        w = QPlainTextEdit()
        w.setTabChangesFocus(True)
        w.setMinimumHeight(70)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(TEXT_AUTOSAVE_MS)
        timer.timeout.connect(lambda: self.commit(name))
        self._timers[name] = timer
        self._row(name, w, title, w.toPlainText, lambda v: w.setPlainText("" if v is None else str(v)))
        w.textChanged.connect(lambda: None if self._loading else timer.start())
        w.installEventFilter(self)
        return w

    def choice(self, name: str, title: Callable[[], str], options: Callable[[], list[tuple[str, str]]]) -> QComboBox:
        w = QComboBox()

        def fill() -> None:
            current = w.currentData()
            w.blockSignals(True)
            w.clear()
            for value, text in options():
                w.addItem(text, value)
            idx = w.findData(current)
            w.setCurrentIndex(max(0, idx))
            w.blockSignals(False)

        def write(v: Any) -> None:
            idx = w.findData("" if v is None else str(v))
            if idx < 0 and v not in (None, ""):
                w.addItem(str(v), str(v))
                idx = w.count() - 1
            w.setCurrentIndex(max(0, idx))

        fill()
        self._fillers.append(fill)
        self._row(name, w, title, w.currentData, write)
        w.activated.connect(lambda _i: self.commit(name))
        return w

    def check(self, name: str, title: Callable[[], str]) -> QCheckBox:
        w = QCheckBox()
        self._row(name, w, title, w.isChecked, lambda v: w.setChecked(bool(v)))
        w.clicked.connect(lambda _c: self.commit(name))
        return w

    def custom(self, name: str, widget: QWidget, title: Callable[[], str], read: Callable[[], Any],
               write: Callable[[Any], None], extra: tuple[str, ...] = ()) -> Binding:
        """A composite editor (e.g. the deductible); the caller calls ``commit(name)``."""
        return self._row(name, widget, title, read, write, extra)

    def eventFilter(self, obj: QObject, event: Any) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusOut:
            for name, b in self.bindings.items():
                if b.widget is obj and name in self._timers and self._timers[name].isActive():
                    self._timers[name].stop()
                    self.commit(name)
        return False

    # -- loading and saving ---------------------------------------------------------------------
    def load(self, record: Any) -> None:
        """Show ``record``; a field whose last commit failed keeps what the user typed."""
        self.record_id = record.id
        data = record.to_dict()
        self._loading = True
        try:
            for name, b in self.bindings.items():
                if name in self.errors:
                    continue
                if name in self._timers and self._timers[name].isActive():
                    continue  # being typed: will be saved by its timer
                if isinstance(b.widget, QLineEdit) and b.widget.isModified() and b.widget.hasFocus():
                    continue  # being typed: saved when the field is left
                b.widget.blockSignals(True)
                b.write(data.get(name))
                b.widget.blockSignals(False)
                if isinstance(b.widget, QLineEdit):
                    b.widget.setModified(False)
        finally:
            self._loading = False

    def commit(self, name: str) -> bool:
        """Write one field to the store; on a ValidationError show it at the field it names."""
        if self._loading or not self.record_id or self.read_only:
            return False
        b = self.bindings[name]
        value = b.read()
        if isinstance(value, str) and isinstance(b.widget, QLineEdit):
            value = value.strip()
        try:
            self.edits.update(self.repo_name, self.record_id, {name: value}, self._undo_text(b))
        except ValidationError as err:
            self.show_error(err, fallback=name)
            return False
        self.clear_error(name)
        if isinstance(b.widget, QLineEdit):
            b.widget.setModified(False)
        if self.on_saved:
            self.on_saved(name)
        return True

    def _undo_text(self, b: Binding) -> str:
        from ui.i18n import tr

        return tr("Edit {field}").format(field=b.title())

    def binding_for(self, field_path: str) -> Binding | None:
        head = field_path.split(".")[0].split("[")[0]
        if head in self.bindings:
            return self.bindings[head]
        for b in self.bindings.values():
            if head in b.extra_fields:
                return b
        return None

    def show_error(self, err: ValidationError, *, fallback: str) -> None:
        from ui.errors import explain

        message = explain(err)
        b = self.binding_for(err.field) or self.bindings[fallback]
        self.errors[b.name] = message
        if fallback != b.name:
            self.errors[fallback] = message
            self._mark(self.bindings[fallback], message)
        self._mark(b, message)

    def _mark(self, b: Binding, message: str) -> None:
        b.error.setText(message)
        b.error.show()
        b.widget.setStyleSheet(INVALID_STYLE if isinstance(b.widget, (QLineEdit, QPlainTextEdit)) else "")
        b.widget.setToolTip(message)

    def clear_error(self, name: str) -> None:
        for key in [name] + [k for k, v in self.errors.items() if k != name and v == self.errors.get(name)]:
            self.errors.pop(key, None)
            b = self.bindings.get(key)
            if b:
                b.error.hide()
                b.error.clear()
                b.widget.setStyleSheet("")
                b.widget.setToolTip("")

    def flush(self) -> None:
        """Write any multi-line field still waiting for its idle timer (before closing)."""
        for name, timer in self._timers.items():
            if timer.isActive():
                timer.stop()
                self.commit(name)
        for name, b in self.bindings.items():
            if isinstance(b.widget, QLineEdit) and b.widget.isModified():
                self.commit(name)

    def set_read_only(self, ro: bool) -> None:
        self.read_only = ro
        for b in self.bindings.values():
            if isinstance(b.widget, (QLineEdit, QPlainTextEdit)):
                b.widget.setReadOnly(ro)
            else:
                b.widget.setEnabled(not ro)

    def refill(self) -> None:
        """Rebuild the choices of every combo box (their options may depend on the record)."""
        for fill in self._fillers:
            fill()

    def retranslate(self) -> None:
        for name, b in self.bindings.items():
            b.label.setText(b.title())
            ph = self._placeholders.get(name)
            if ph and isinstance(b.widget, QLineEdit):
                b.widget.setPlaceholderText(ph())
        for fill in self._fillers:
            fill()


#: characters beyond which a value loaded into a field not yet shown starts at its beginning
LONG_TEXT = 8


def _show_start(w: QLineEdit, text: str) -> None:
    """Set a loaded value; one too long for the field shows its beginning (a long address otherwise
    shows only its end). Short values keep the cursor at the end, where typing continues."""
    w.setText(text)
    # before the first layout the width is not known yet: judge by length
    room = w.width() - 12 if w.isVisible() else w.fontMetrics().averageCharWidth() * LONG_TEXT
    if not w.hasFocus() and w.fontMetrics().horizontalAdvance(text) > room:
        w.setCursorPosition(0)
