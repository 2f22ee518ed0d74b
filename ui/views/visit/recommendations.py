"""This visit's recommendations: the list and the form to raise one (priority, deadline, responsible).

Adding and removing are undo steps. The form's defaults come from the service: the template's
wording for the item, a priority from the severity, a deadline from the priority.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.errors import AdjusterError, ValidationError
from adjuster.domain.models import SYNC_FIELDS, Recommendation
from adjuster.inspect.templates import tr as pick
from adjuster.util.ids import uuid7
from ui.i18n import tr
from ui.views.photos.texts import Texts, alive
from ui.views.visit.session import VisitSession


def priority_label(value: str) -> str:
    return {"high": tr("High"), "medium": tr("Medium"), "low": tr("Low")}.get(value, value)


def status_label(value: str) -> str:
    return {"open": tr("Open"), "done": tr("Done"), "overdue": tr("Overdue"), "waived": tr("Waived")}.get(value, value)


class AddRecommendation(QUndoCommand):
    """Already created by the service when pushed; undo tombstones it, redo brings back a copy."""

    def __init__(self, store: Any, rec: Recommendation, text: str, on_change: Callable[[], None]) -> None:
        super().__init__(text)
        self.store, self.rec, self.on_change = store, rec, on_change
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:  # synced records are never un-deleted: a fresh copy takes the tombstoned one's place
            fresh = dataclasses.replace(self.rec, id=uuid7(), **{f: None for f in SYNC_FIELDS if f != "rev"}, rev=0)
            self.rec = self.store.recommendations.create(fresh)
        self.on_change()

    def undo(self) -> None:
        self.store.recommendations.soft_delete(self.rec.id)
        self.on_change()


class RemoveRecommendation(AddRecommendation):
    def __init__(self, store: Any, rec: Recommendation, text: str, on_change: Callable[[], None]) -> None:
        super().__init__(store, rec, text, on_change)
        self._first = False

    def redo(self) -> None:
        AddRecommendation.undo(self)

    def undo(self) -> None:
        AddRecommendation.redo(self)


class RecommendationsPanel(QWidget):
    changed = Signal()

    def __init__(self, session: VisitSession, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.undo_stack = session, undo_stack
        self.texts = Texts()
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("recommendationTable")
        self.texts(lambda: self.table.setHorizontalHeaderLabels([
            tr("Item"), tr("Recommendation"), tr("Priority"), tr("Deadline"), tr("Responsible"), tr("Status")]))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in (2, 3, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(0, 170)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)

        self.item_combo = QComboBox(self)
        self.item_combo.setObjectName("recItem")
        # items are whole questions: the combo must not be as wide as the longest one
        self.item_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.item_combo.setMinimumContentsLength(24)
        self.item_combo.currentIndexChanged.connect(self._item_changed)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("recText")
        self.text.setFixedHeight(64)
        self.priority = QComboBox(self)
        self.priority.setObjectName("recPriority")
        for p in ("", "high", "medium", "low"):
            self.priority.addItem("", p)
        self.texts(lambda: [self.priority.setItemText(i, priority_label(p) if p else tr("From severity"))
                            for i, p in enumerate(("", "high", "medium", "low"))])
        self.auto_deadline = QCheckBox(self)
        self.texts(lambda: self.auto_deadline.setText(tr("from priority")))
        self.auto_deadline.setChecked(True)
        self.deadline = QDateEdit(self)
        self.deadline.setObjectName("recDeadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setEnabled(False)
        visit_date = session.visit.visit_date
        self.deadline.setDate(QDate(visit_date.year, visit_date.month, visit_date.day).addDays(30))
        self.auto_deadline.toggled.connect(lambda on: self.deadline.setEnabled(not on))
        self.responsible = QLineEdit(self)
        self.responsible.setObjectName("recResponsible")
        self.texts(lambda: self.responsible.setPlaceholderText(tr("Who will do it")))
        self.error = QLabel(self)
        self.error.setObjectName("recError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.add_button = QPushButton(self)
        self.texts(lambda: self.add_button.setText(tr("Add recommendation")))
        self.add_button.setObjectName("recAdd")
        self.add_button.clicked.connect(self.add_from_form)
        self.remove_button = QPushButton(self)
        self.texts(lambda: self.remove_button.setText(tr("Remove selected")))
        self.remove_button.clicked.connect(self.remove_selected)

        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline)
        deadline_row.addWidget(self.auto_deadline)
        deadline_row.addStretch(1)
        form = QFormLayout()
        labels = [QLabel(self) for _ in range(5)]
        self.texts(lambda: [lab.setText(text) for lab, text in zip(labels, (
            tr("Item"), tr("Recommendation"), tr("Priority"), tr("Deadline"), tr("Responsible")), strict=True)])
        for lab, field in zip(labels, (self.item_combo, self.text, self.priority, deadline_row, self.responsible),
                              strict=True):
            form.addRow(lab, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.reload()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(400)
        self._draft_timer.timeout.connect(self.save_draft)
        self.load_draft()
        for signal in (self.text.textChanged, self.responsible.textChanged, self.priority.currentIndexChanged,
                       self.item_combo.currentIndexChanged, self.auto_deadline.toggled, self.deadline.dateChanged):
            signal.connect(lambda *_: self._draft_timer.start())

    # -- draft: the form survives a crash (kept in the profile's local state, never synced) -----
    @property
    def _draft_key(self) -> str:
        return f"draft.recommendation.{self.session.visit.id}"

    def save_draft(self) -> None:
        self._draft_timer.stop()
        fields = {"item_key": self.item_combo.currentData() or "", "text": self.text.toPlainText(),
                  "priority": self.priority.currentData() or "", "responsible": self.responsible.text(),
                  "deadline": None if self.auto_deadline.isChecked() else self.deadline.date().toString("yyyy-MM-dd")}
        empty = not fields["text"].strip() and not fields["responsible"].strip()
        self.session.store.set_state(self._draft_key, "" if empty else json.dumps(fields, ensure_ascii=False))

    def load_draft(self) -> None:
        raw = self.session.store.get_state(self._draft_key)
        if not raw:
            return
        try:
            fields = json.loads(raw)
        except ValueError:
            return
        idx = self.item_combo.findData(fields.get("item_key", ""))
        if idx >= 0:
            self.item_combo.setCurrentIndex(idx)
        self.text.setPlainText(str(fields.get("text", "")))
        self.priority.setCurrentIndex(max(0, self.priority.findData(fields.get("priority", ""))))
        self.responsible.setText(str(fields.get("responsible", "")))
        if fields.get("deadline"):
            self.auto_deadline.setChecked(False)
            self.deadline.setDate(QDate.fromString(str(fields["deadline"]), "yyyy-MM-dd"))

    @property
    def _lang(self) -> str:
        return self.session.lang

    def retranslate(self) -> None:
        self.texts.apply()
        self.reload()

    # -- list -----------------------------------------------------------------------------------
    def reload(self) -> None:
        recs = self.session.recommendations()
        self.recs = recs
        self.table.setRowCount(len(recs))
        for row, rec in enumerate(recs):
            title = self._item_title(rec.item_key) if rec.item_key else tr("(whole site)")
            cells = [title, rec.text, priority_label(rec.priority.value), rec.deadline.isoformat() if rec.deadline else "",
                     rec.responsible, status_label(rec.status.value)]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, rec.id)
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()
        self._fill_items()

    def _item_title(self, key: str) -> str:
        try:
            return pick(self.session.item(key).question, self._lang)
        except ValidationError:
            return key

    def _fill_items(self) -> None:
        """Deficient items first (those still missing a recommendation marked), then the rest."""
        current = self.item_combo.currentData()
        missing = set(self.session.missing_recommendations())
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        self.item_combo.addItem(tr("(whole site)"), "")
        for key in self.session.template.items:
            state = self.session.state(key.key)
            if state.result != "deficient":
                continue
            mark = "⚠ " if key.key in missing else ""
            self.item_combo.addItem(mark + pick(key.question, self._lang), key.key)
        idx = self.item_combo.findData(current) if current is not None else 0
        self.item_combo.setCurrentIndex(max(idx, 0))
        self.item_combo.blockSignals(False)

    def prepare_for(self, key: str) -> None:
        """Select ``key`` in the form and fill in the template's suggested wording."""
        self._fill_items()
        idx = self.item_combo.findData(key)
        if idx < 0:
            self.show_error(tr("Answer the item as deficient first."))
            return
        self.item_combo.setCurrentIndex(idx)
        self._item_changed()
        self.text.setFocus()

    def _item_changed(self, *_: Any) -> None:
        key = self.item_combo.currentData()
        if not key:
            return
        suggestion = self.session.item(key).recommendation
        if suggestion and not self.text.toPlainText().strip():
            self.text.setPlainText(pick(suggestion, self._lang))

    # -- edits ----------------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def add_from_form(self) -> Recommendation | None:
        deadline: dt.date | None = None
        if not self.auto_deadline.isChecked():
            d = self.deadline.date()
            deadline = dt.date(d.year(), d.month(), d.day())
        try:
            rec = self.session.add_recommendation(
                item_key=self.item_combo.currentData() or "", text=self.text.toPlainText().strip(),
                priority=self.priority.currentData() or None, deadline=deadline,
                responsible=self.responsible.text().strip())
        except AdjusterError as err:
            self.show_error(str(err))  # the form keeps what was typed
            return None
        self.error.hide()
        self.undo_stack.push(AddRecommendation(self.session.store, rec, tr("Add recommendation"), self._changed))
        self.text.clear()
        self.responsible.clear()
        self.save_draft()  # an empty form clears the draft
        return rec

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if not rows:
            return
        self.undo_stack.beginMacro(tr("Remove recommendation"))
        for row in rows:
            self.undo_stack.push(RemoveRecommendation(self.session.store, self.recs[row], tr("Remove recommendation"),
                                                      self._changed))
        self.undo_stack.endMacro()

    @alive
    def _changed(self) -> None:
        self.reload()
        self.changed.emit()
