"""The left side of the main window: the case list (search, filters, lazy table) and the visits."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.enums import OPEN_CASE_STATUSES, CaseStatus
from adjuster.store.queries import CaseFilter
from ui.i18n import is_language_change, tr
from ui.models.badges import status_label
from ui.models.cases import COLUMN_KEYS, CaseListModel
from ui.models.visits import VisitListModel

#: Typing pauses this long before the list is filtered (one query per pause, not per key).
SEARCH_DELAY_MS = 150
NO_DATE = QDate(2000, 1, 1)


def _date_edit() -> QDateEdit:
    w = QDateEdit()
    w.setCalendarPopup(True)
    w.setDisplayFormat("yyyy-MM-dd")
    w.setMinimumDate(NO_DATE)
    w.setDate(NO_DATE)
    return w


def _date_value(w: QDateEdit) -> dt.date | None:
    d = w.date()
    return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())


class CaseListPanel(QWidget):
    case_selected = Signal(str)

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = CaseListModel(store, self)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setClearButtonEnabled(True)
        v.addWidget(self.search)
        grid = QGridLayout()
        self.status_label, self.adjuster_label, self.from_label, self.to_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.adjuster = QComboBox()
        self.adjuster.setObjectName("adjusterFilter")
        self.date_from, self.date_to = _date_edit(), _date_edit()
        self.date_from.setObjectName("dateFrom")
        self.date_to.setObjectName("dateTo")
        self.clear_btn = QPushButton()
        #: "type" (line of business) filter, shown when the store's CaseFilter supports it
        self.kind_label, self.kind = QLabel(), QComboBox()
        self.kind.setObjectName("typeFilter")
        for combo in (self.status, self.adjuster, self.kind):  # as wide as the column allows, not the longest entry
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.has_kind = "line_of_business" in {f.name for f in dataclasses.fields(CaseFilter)}
        grid.addWidget(self.status_label, 0, 0)
        grid.addWidget(self.status, 0, 1)
        grid.addWidget(self.adjuster_label, 0, 2)
        grid.addWidget(self.adjuster, 0, 3)
        grid.addWidget(self.from_label, 1, 0)
        grid.addWidget(self.date_from, 1, 1)
        grid.addWidget(self.to_label, 1, 2)
        grid.addWidget(self.date_to, 1, 3)
        grid.addWidget(self.clear_btn, 1, 4, 1, 2)
        if self.has_kind:
            grid.addWidget(self.kind_label, 0, 4)
            grid.addWidget(self.kind, 0, 5)
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)
        v.addLayout(grid)
        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setModel(self.model)
        # the indicator first, so enabling sorting asks for the order already loaded (no re-query)
        self.table.horizontalHeader().setSortIndicator(COLUMN_KEYS.index("updated_at"), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for key, width in (("claim_no", 125), ("insured_name", 170), ("peril", 75), ("loss_date", 82),
                           ("status", 82), ("adjuster", 70), ("sum_insured", 100), ("sync", 78)):
            self.table.setColumnWidth(COLUMN_KEYS.index(key), width)
        v.addWidget(self.table, 1)
        self.count = QLabel()
        self.count.setObjectName("caseCount")
        v.addWidget(self.count)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (self.status, self.adjuster, self.kind):
            combo.activated.connect(lambda _i: self.apply_filters())
        for d in (self.date_from, self.date_to):
            d.dateChanged.connect(lambda _d: self.apply_filters())
        self.clear_btn.clicked.connect(self.clear_filters)
        self.model.count_changed.connect(self._show_count)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.retranslate()
        self._show_count(self.model.total)

    # -- filtering ------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        self._timer.stop()
        code = self.status.currentData() or ""
        if code == "open":
            statuses: tuple[str, ...] = tuple(s.value for s in CaseStatus if s in OPEN_CASE_STATUSES)
        elif code:
            statuses = (code,)
        else:
            statuses = ()
        extra = {"line_of_business": self.kind.currentData() or ""} if self.has_kind else {}
        self.model.update_filter(search=self.search.text().strip(), statuses=statuses,
                                 adjuster=self.adjuster.currentData() or "",
                                 loss_from=_date_value(self.date_from), loss_to=_date_value(self.date_to), **extra)

    def clear_filters(self) -> None:
        for w in (self.search, self.status, self.adjuster, self.kind, self.date_from, self.date_to):
            w.blockSignals(True)
        self.search.clear()
        self.status.setCurrentIndex(0)
        self.adjuster.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        for w in (self.search, self.status, self.adjuster, self.kind, self.date_from, self.date_to):
            w.blockSignals(False)
        self.apply_filters()

    def _fill_adjusters(self) -> None:
        current = self.adjuster.currentData() or ""
        names = [r["a"] for r in self.store.query(
            "SELECT DISTINCT adjuster AS a FROM cases WHERE deleted_at IS NULL AND adjuster != '' ORDER BY adjuster LIMIT 200")]
        self.adjuster.clear()
        self.adjuster.addItem(tr("Anyone"), "")
        for n in names:
            self.adjuster.addItem(n, n)
        self.adjuster.setCurrentIndex(max(0, self.adjuster.findData(current)))

    def _fill_kinds(self) -> None:
        current = self.kind.currentData() or ""
        names = [r["k"] for r in self.store.query(
            "SELECT DISTINCT line_of_business AS k FROM cases WHERE deleted_at IS NULL AND line_of_business != ''"
            " ORDER BY line_of_business LIMIT 100")] if self.has_kind else []
        self.kind.clear()
        self.kind.addItem(tr("All"), "")
        for n in names:
            self.kind.addItem(n, n)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))

    def _fill_statuses(self) -> None:
        current = self.status.currentData() or ""
        self.status.clear()
        self.status.addItem(tr("All"), "")
        self.status.addItem(tr("Open cases"), "open")
        for s in CaseStatus:
            self.status.addItem(status_label(s.value), s.value)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))

    # -- selection ------------------------------------------------------------------------------
    def _row_changed(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            self.case_selected.emit(self.model.case_id(current.row()))

    def select_case(self, case_id: str) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def refresh(self) -> None:
        """Re-read after a change, keeping the selection and the rows already loaded."""
        selected = self.table.currentIndex()
        case_id = self.model.case_id(selected.row()) if selected.isValid() else ""
        self.table.selectionModel().blockSignals(True)
        self.model.reload(keep_loaded=True)
        if case_id:
            row = self.model.row_of(case_id)
            if row >= 0:
                self.table.selectRow(row)
        self.table.selectionModel().blockSignals(False)
        self._fill_adjusters()
        self._fill_kinds()

    def _show_count(self, n: int) -> None:
        self.count.setText(tr("%n case(s)", "", n))

    def retranslate(self) -> None:
        self.search.setPlaceholderText(tr("Search claim no., insured, policy or address (Ctrl+F)"))
        self.status_label.setText(tr("Status"))
        self.adjuster_label.setText(tr("Adjuster"))
        self.from_label.setText(tr("Loss from"))
        self.to_label.setText(tr("to"))
        self.clear_btn.setText(tr("Clear"))
        for d in (self.date_from, self.date_to):
            d.setSpecialValueText(tr("any"))
        self._fill_statuses()
        self._fill_adjusters()
        self._fill_kinds()
        self.kind_label.setText(tr("Type"))
        self.model.retranslate()
        self._show_count(self.model.total)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)


class VisitListPanel(QWidget):
    visit_selected = Signal(str)
    new_visit_requested = Signal()

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = VisitListModel(store, self)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("visitSearch")
        self.search.setClearButtonEnabled(True)
        v.addWidget(self.search)
        self.table = QTableView()
        self.table.setObjectName("visitTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        v.addWidget(self.table, 1)
        self.new_btn = QPushButton()
        self.new_btn.setObjectName("newVisit")
        v.addWidget(self.new_btn)
        self.search.textChanged.connect(self.model.set_search)
        self.new_btn.clicked.connect(self.new_visit_requested.emit)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.visit_selected.emit(self.model.visit_id(cur.row())) if cur.isValid() else None)
        self.retranslate()

    def refresh(self) -> None:
        current = self.table.currentIndex()
        visit_id = self.model.visit_id(current.row()) if current.isValid() else ""
        self.table.selectionModel().blockSignals(True)
        self.model.reload()
        if visit_id and (row := self.model.row_of(visit_id)) >= 0:
            self.table.selectRow(row)
        self.table.selectionModel().blockSignals(False)

    def select_visit(self, visit_id: str) -> bool:
        row = self.model.row_of(visit_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def retranslate(self) -> None:
        self.search.setPlaceholderText(tr("Search site, address or engineer"))
        self.new_btn.setText(tr("New visit…"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
