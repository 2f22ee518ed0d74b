"""The case list: a table model over ``store.cases.page(CaseFilter)`` that loads pages lazily.

Only the first page is read when the filter changes; the view asks for more through
``canFetchMore``/``fetchMore`` as the user scrolls, so 10,000 cases open as fast as 100.
Sorting and filtering are done by SQL (indexed), never by loading everything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from adjuster.store.queries import CASE_SORTABLE, CaseFilter
from adjuster.util.money import MoneyError, fmt_money, to_decimal
from ui.i18n import tr
from ui.models.badges import status_icon, status_label, sync_icon, sync_label

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    title: Callable[[], str]
    sort_key: str | None = None


COLUMNS: tuple[Column, ...] = (
    Column("claim_no", lambda: tr("Claim no."), "claim_no"),
    Column("insured_name", lambda: tr("Insured"), "insured_name"),
    Column("peril", lambda: tr("Peril"), "peril"),
    Column("loss_date", lambda: tr("Date of loss"), "loss_date"),
    Column("status", lambda: tr("Status"), "status"),
    Column("adjuster", lambda: tr("Adjuster"), "adjuster"),
    Column("sum_insured", lambda: tr("Sum insured"), None),
    Column("sync", lambda: tr("Sync"), None),
    Column("updated_at", lambda: tr("Updated"), "updated_at"),
)
COLUMN_KEYS = [c.key for c in COLUMNS]
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CaseListModel(QAbstractTableModel):
    """Rows are the light dicts of ``cases.page``; ``ID_ROLE`` gives a row's case id."""

    count_changed = Signal(int)  # number of cases matching the filter

    def __init__(self, store: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = CaseFilter()
        self._rows: list[dict[str, Any]] = []
        self._total = 0
        self._pending: set[str] = set()
        self._pending_loaded = False
        self._checked: set[str] = set()
        self._titles: list[str] = []  # header texts, rebuilt on language change
        self.reload()

    # -- loading --------------------------------------------------------------------------------
    def set_filter(self, flt: CaseFilter) -> None:
        """Apply a new filter (search, statuses, adjuster, dates, sort); reloads the first page."""
        if flt != self.filter:
            self.filter = flt
            self.reload(sync_state=False)

    def update_filter(self, **changes: Any) -> None:
        self.set_filter(dataclasses.replace(self.filter, **changes))

    def reload(self, *, keep_loaded: bool = False, sync_state: bool = True) -> None:
        """Re-read from the store; ``keep_loaded`` re-reads as many rows as are shown (refresh).

        ``sync_state`` re-reads which cases have unsynced changes (one scan of the outbox); a
        new filter over the same data does not need it.
        """
        want = max(PAGE_SIZE, len(self._rows)) if keep_loaded else PAGE_SIZE
        self.beginResetModel()
        self._total = self.store.cases.count_matching(self.filter)
        self._rows = self.store.cases.page(self.filter, limit=want, offset=0)
        if sync_state or not self._pending_loaded:
            self._pending, self._checked = set(), set()
            self._pending_loaded = True
        self._pending |= self._pending_among([r["id"] for r in self._rows if r["id"] not in self._checked])
        self.endResetModel()
        self.count_changed.emit(self._total)

    def _pending_among(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` (the rows just loaded) have changes not yet acknowledged by the hub."""
        if not ids:
            return set()
        self._checked.update(ids)
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self.store.query(
                f"SELECT DISTINCT record_id FROM outbox WHERE acked_at IS NULL AND entity = 'case' AND record_id IN ({marks})",
                chunk)
            found.update(r["record_id"] for r in rows)
        return found

    def canFetchMore(self, parent: Index = ROOT) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = ROOT) -> None:  # noqa: N802 - Qt API
        if parent.isValid():
            return
        more = self.store.cases.page(self.filter, limit=PAGE_SIZE, offset=len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        start = len(self._rows)
        self._pending |= self._pending_among([r["id"] for r in more if r["id"] not in self._checked])
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    @property
    def total(self) -> int:
        return self._total

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if not self._titles:
                self._titles = [c.title() for c in COLUMNS]
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()].key
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                return status_label(row["status"])
            if key == "sync":
                return sync_label(row["id"] in self._pending)
            if key == "sum_insured":
                return _money(row["sum_insured"])
            if key == "updated_at":
                return (row["updated_at"] or "")[:16].replace("T", " ")
            value = row.get(key)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.DecorationRole:
            if key == "status":
                return status_icon(row["status"])
            if key == "sync":
                return sync_icon(row["id"] in self._pending)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "sum_insured":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "claim_no":
            return row.get("policy_no") or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort_key = COLUMNS[column].sort_key
        if sort_key is None or sort_key not in CASE_SORTABLE:
            return
        self.update_filter(order_by=sort_key, descending=order == Qt.SortOrder.DescendingOrder)

    # -- helpers --------------------------------------------------------------------------------
    def case_id(self, row: int) -> str:
        return str(self._rows[row]["id"])

    def row_of(self, case_id: str) -> int:
        """Row of ``case_id`` among the loaded rows, or -1."""
        for i, r in enumerate(self._rows):
            if r["id"] == case_id:
                return i
        return -1

    def retranslate(self) -> None:
        self._titles = []
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))


def _money(value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return fmt_money(to_decimal(value))
    except MoneyError:
        return str(value)
