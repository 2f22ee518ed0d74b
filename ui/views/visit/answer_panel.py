"""The current item in full: question, guidance, answer controls for its type, severity, note,
and any error shown right at the field (a refused value never becomes a traceback)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from adjuster.inspect.scoring import SEVERITY_NAMES
from adjuster.inspect.templates import Item
from adjuster.inspect.templates import tr as pick
from ui.i18n import tr
from ui.views.photos.texts import Texts
from ui.views.visit.checklist import result_label, unit_label
from ui.views.visit.flow import FlowLayout
from ui.views.visit.session import UNANSWERED, AnswerState

#: a choice's button shows at most this many pixels of its label (the rest in its tooltip)
MAX_BUTTON_TEXT = 300


class AnswerPanel(QWidget):
    answered = Signal(str, object)  # item key, AnswerState
    noteEdited = Signal(str, str)
    recommendationWanted = Signal(str)
    finished = Signal()  # value typed and committed: go back to the list, next item
    escaped = Signal()  # Esc in the value field: back to the list, nothing stored

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.texts = Texts()
        self.key = ""
        self.item: Item | None = None
        self.state = UNANSWERED
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        font = QFont()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.question.setFont(font)
        self.guidance = QLabel(self)
        self.guidance.setWordWrap(True)
        self.guidance.setStyleSheet("color: palette(mid);")

        # both button rows wrap: a long choice list must not set the window's minimum width
        self.result_box = QWidget(self)
        self.result_row = FlowLayout(self.result_box)
        self.result_buttons = QButtonGroup(self)
        self.result_buttons.setExclusive(True)
        self.value_edit = QLineEdit(self)
        self.value_edit.setObjectName("answerValue")
        self.value_edit.returnPressed.connect(self._commit_value)
        self.value_edit.installEventFilter(self)
        self.value_edit.setMinimumWidth(140)
        self.value_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.unit = QLabel(self)

        self.severity_box = QWidget(self)
        self.severity_row = FlowLayout(self.severity_box)
        self.severity_buttons = QButtonGroup(self)
        self.severity_buttons.setExclusive(True)
        for sev in (1, 2, 3, 4):
            b = QPushButton(self)
            b.setCheckable(True)
            self.texts(lambda b=b, sev=sev: (b.setText(f"{sev} {pick(SEVERITY_NAMES[sev], self.lang)}"),
                                             b.setToolTip(tr("Ctrl+{}").format(sev))))
            self.severity_buttons.addButton(b, sev)
            self.severity_row.addWidget(b)
        self.severity_buttons.idClicked.connect(self._severity_clicked)

        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("findingNote")
        self.texts(lambda: self.note_edit.setPlaceholderText(tr("What you saw (optional)")))
        self.note_edit.editingFinished.connect(lambda: self.key and self.noteEdited.emit(self.key, self.note_edit.text()))
        self.error = QLabel(self)
        self.error.setObjectName("answerError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.rec_warning = QLabel(self)
        self.texts(lambda: self.rec_warning.setText(tr("A deficiency of severity 3 or 4 needs a recommendation.")))
        self.rec_warning.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.rec_warning.setWordWrap(True)
        self.rec_button = QPushButton(self)
        self.texts(lambda: self.rec_button.setText(tr("Add recommendation…")))
        self.rec_button.clicked.connect(lambda: self.key and self.recommendationWanted.emit(self.key))
        self.hint = QLabel(self)
        self.texts(lambda: self.hint.setText(tr("Keys: 1 OK · 2 deficient · 3 n/a · N n/a · Ctrl+1…4 severity · "
                                                "Enter value · 0 clear · ↑↓ move")))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid); font-size: 9pt;")

        form = QFormLayout()
        answer_label, severity_label, note_label = QLabel(self), QLabel(self), QLabel(self)
        self.texts(lambda: (answer_label.setText(tr("Answer")), severity_label.setText(tr("Severity")),
                            note_label.setText(tr("Note"))))
        form.addRow(answer_label, self.result_box)
        form.addRow(severity_label, self.severity_box)
        form.addRow(note_label, self.note_edit)
        rec_row = QHBoxLayout()
        rec_row.addWidget(self.rec_warning, 1)
        rec_row.addWidget(self.rec_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.guidance)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(rec_row)
        layout.addWidget(self.hint)
        self.photo_box = QVBoxLayout()
        layout.addLayout(self.photo_box, 1)
        self.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.value_edit and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.value_edit.setText(self.state.value if self.state.result != "n/a" else "")
            self.error.hide()
            self.escaped.emit()
            return True
        return super().eventFilter(watched, event)

    # -- showing --------------------------------------------------------------------------------
    def _clear_result_row(self) -> None:
        for b in list(self.result_buttons.buttons()):
            self.result_buttons.removeButton(b)
        while self.result_row.count():
            w = self.result_row.takeAt(0).widget()
            if w is not None and w not in (self.value_edit, self.unit):
                w.hide()  # deleted later; hidden now so it does not linger on screen until then
                w.deleteLater()
        self.value_edit.hide()
        self.unit.hide()

    def _button(self, text: str, result: str, value: str = "") -> QPushButton:
        b = QPushButton(self)
        shown = b.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, MAX_BUTTON_TEXT)
        b.setText(shown)
        if shown != text:
            b.setToolTip(text)
        b.setCheckable(True)
        b.setProperty("result", result)
        b.setProperty("value", value)
        b.clicked.connect(lambda: self._pick(result, value))
        self.result_buttons.addButton(b)
        self.result_row.addWidget(b)
        return b

    def show_item(self, key: str, item: Item | None, state: AnswerState, note: str, *, needs_rec: bool,
                  editable: bool) -> None:
        self.key, self.item, self.state = key, item, state
        self.error.hide()
        self._clear_result_row()
        if item is None:
            self.question.setText(tr("Choose an item in the checklist."))
            self.guidance.clear()
            self.setEnabled(False)
            return
        self.setEnabled(editable)
        self.question.setText(pick(item.question, self.lang))
        self.guidance.setText(pick(item.guidance, self.lang) if item.guidance else "")
        if item.answer == "check":
            for n, result in enumerate(("ok", "deficient", "n/a"), 1):
                self._button(f"{n}  {result_label(result)}", result)
        elif item.answer == "choice":
            for n, choice in enumerate(item.choices, 1):
                self._button(f"{n}  {pick(choice.label, self.lang)}", choice.result, choice.value)
            self._button(f"N  {result_label('n/a')}", "n/a")
        else:
            self.value_edit.setText(state.value if state.result != "n/a" else "")
            self.value_edit.setPlaceholderText(tr("number") if item.answer == "number" else tr("text"))
            self.result_row.addWidget(self.value_edit)
            self.value_edit.show()
            if item.unit:
                self.unit.setText(unit_label(item.unit))
                self.result_row.addWidget(self.unit)
                self.unit.show()
            ok = QPushButton(tr("Set"), self)
            ok.clicked.connect(self._commit_value)
            self.result_row.addWidget(ok)
            self._button(f"N  {result_label('n/a')}", "n/a")
            if state.answered and state.result != "n/a":
                verdict = QLabel(result_label(state.result), self)
                verdict.setObjectName("verdict")
                self.result_row.addWidget(verdict)
        for b in self.result_buttons.buttons():
            value = b.property("value") or ""
            b.setChecked(state.answered and b.property("result") == state.result and
                         (item.answer != "choice" or state.result == "n/a" or value == state.value))
        deficient = state.result == "deficient"
        for sev, b in ((i, self.severity_buttons.button(i)) for i in (1, 2, 3, 4)):
            b.setEnabled(deficient)
            b.setChecked(deficient and state.severity == sev)
        if not deficient:
            # an exclusive group keeps one checked; clear it explicitly
            self.severity_buttons.setExclusive(False)
            for b in self.severity_buttons.buttons():
                b.setChecked(False)
            self.severity_buttons.setExclusive(True)
        if not self.note_edit.hasFocus():
            self.note_edit.setText(note)
        self.rec_warning.setVisible(needs_rec)
        self.rec_button.setVisible(state.result == "deficient" or needs_rec)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def begin_value(self, typed: str) -> None:
        """Focus the value field with what was typed in the list (a digit starts a number)."""
        if self.item is None or self.item.answer not in ("number", "text"):
            return
        self.value_edit.setFocus()
        if typed:
            self.value_edit.setText(typed)
        else:
            self.value_edit.selectAll()

    # -- edits ----------------------------------------------------------------------------------
    def _pick(self, result: str, value: str) -> None:
        if not self.key:
            return
        self.answered.emit(self.key, AnswerState(result, value, self.state.severity if result == "deficient" else 0))

    def _severity_clicked(self, sev: int) -> None:
        if self.key and self.state.result == "deficient":
            self.answered.emit(self.key, AnswerState("deficient", self.state.value, sev))

    def _commit_value(self) -> None:
        if not self.key or self.item is None:
            return
        text = self.value_edit.text().strip()
        if not text:
            self.show_error(tr("Type a value, or press N for n/a."))
            return
        self.answered.emit(self.key, AnswerState("ok", text, 0))  # the service derives the result
        if self.error.isHidden():
            self.finished.emit()
