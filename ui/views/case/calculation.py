"""Calculation tab: the claim statement (赔款计算书), recomputed live whenever the case changes.

It calls the same core the CLI and the report use — ``calculate_casefile(case_document(...))`` —
so the figures on screen are the figures printed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from adjuster.calc import Statement, calculate_casefile
from adjuster.domain.errors import AdjusterError
from adjuster.util.money import fmt_money
from ui.i18n import is_language_change, tr


def compute_statement(store: Any, case_id: str) -> Statement:
    """The one core call behind this tab (case file import is lazy: jsonschema is slow to load)."""
    from adjuster.casefile import case_document

    return calculate_casefile(case_document(store, case_id))


class CalculationTab(QWidget):
    """Shows the statement; ``statement`` holds the last good one, ``error`` the last refusal."""

    computed = Signal(object)  # Statement | None

    def __init__(self, store: Any, ui_lang: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ui_lang = ui_lang
        self.case_id = ""
        self.statement: Statement | None = None
        self.error = ""
        v = QVBoxLayout(self)
        self.total = QLabel()
        self.total.setObjectName("indemnity")
        font = QFont(self.total.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.total.setFont(font)
        self.words = QLabel()
        self.words.setObjectName("indemnityWords")
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setObjectName("calcError")
        self.problem.setStyleSheet("color: #c0392b;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("statementTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for w in (self.total, self.words, self.problem):
            v.addWidget(w)
        v.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # coalesce a burst of changes into one recalculation
        self._timer.timeout.connect(self.refresh_now)
        self.retranslate()

    def load(self, case_id: str) -> None:
        self.case_id = case_id
        self.refresh_now()

    def refresh(self) -> None:
        """Schedule a recalculation after the current burst of edits."""
        self._timer.start()

    def refresh_now(self) -> None:
        if not self.case_id:
            return
        try:
            st = compute_statement(self.store, self.case_id)
        except AdjusterError as err:
            from ui.errors import describe

            self.error = describe(err)
            self.problem.setText(tr("The statement cannot be calculated: {reason}").format(reason=self.error))
            self.problem.show()
            self.statement = None  # never show figures that no longer match the case
            self.total.setText(tr("Indemnity: {amount}").format(amount="—"))
            self.words.setText("")
            self.table.setRowCount(0)
            self.computed.emit(None)
            return
        self.error = ""
        self.problem.hide()
        self.statement = st
        self._show(st)
        self.computed.emit(st)

    def lang(self) -> str:
        return "zh" if self.ui_lang().startswith("zh") else "en"

    def _show(self, st: Statement) -> None:
        lang = self.lang()
        self.total.setText(tr("Indemnity: {amount}").format(amount=fmt_money(st.indemnity, st.currency)))
        self.words.setText(st.indemnity_words_zh if lang == "zh" else st.indemnity_words_en)
        self.table.setRowCount(len(st.lines))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for i, line in enumerate(st.lines):
            cells = [line.label(lang), line.formula_in(lang), fmt_money(line.amount)]
            for j, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if j == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if line.item_index is None:
                    cell.setFont(bold)
                self.table.setItem(i, j, cell)
        self.table.resizeRowsToContents()

    def item_losses(self) -> dict[int, str]:
        """Loss per item row, for the Items table's Loss column."""
        if not self.statement:
            return {}
        return {r.index: fmt_money(r.loss) for r in self.statement.items}

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([tr("Step"), tr("Calculation"), tr("Amount")])
        if self.statement:
            self._show(self.statement)
        elif not self.case_id:
            self.total.setText("")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
