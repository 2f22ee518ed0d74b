"""The site/visit list: prevention visits with their site, newest first, filtered by text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.i18n import tr
from ui.models.badges import status_icon, visit_status_label

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEYS = ("site_name", "visit_date", "engineer", "grade", "status")


def _titles() -> list[str]:
    return [tr("Site"), tr("Visit date"), tr("Engineer"), tr("Grade"), tr("Status")]


class VisitListModel(QAbstractTableModel):
    """Visits are few per device (tens to hundreds), so one query loads them all."""

    def __init__(self, store: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.search = ""
        self._rows: list[dict[str, Any]] = []
        self.reload()

    def set_search(self, text: str) -> None:
        if text != self.search:
            self.search = text
            self.reload()

    def reload(self, **_: Any) -> None:
        sql = (
            "SELECT v.id, v.site_id, v.visit_date, v.engineer, v.grade, v.status, s.name AS site_name, s.address"
            " FROM visits v JOIN sites s ON s.id = v.site_id WHERE v.deleted_at IS NULL"
        )
        params: list[Any] = []
        if self.search.strip():
            sql += " AND (s.name LIKE ? OR s.address LIKE ? OR v.engineer LIKE ?)"
            params += [f"%{self.search.strip()}%"] * 3
        sql += " ORDER BY v.visit_date DESC, v.id DESC"
        self.beginResetModel()
        self._rows = self.store.query(sql, params)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _titles()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = KEYS[index.column()]
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                return visit_status_label(row["status"])
            return "" if row.get(key) is None else str(row[key])
        if role == Qt.ItemDataRole.DecorationRole and key == "status":
            return status_icon(row["status"])
        if role == Qt.ItemDataRole.ToolTipRole and key == "site_name":
            return row.get("address") or None
        return None

    def visit_id(self, row: int) -> str:
        return str(self._rows[row]["id"])

    def row_of(self, visit_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r["id"] == visit_id:
                return i
        return -1

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(KEYS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(KEYS) - 1))
