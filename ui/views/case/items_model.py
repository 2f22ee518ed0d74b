"""Loss items of one case as an editable table; each cell edit is one undoable store update.

A value the store refuses keeps showing what was typed (red, with the reason as tooltip) until it
is corrected, so a typo is never silently lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from adjuster.domain.enums import Section
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import LossItem
from ui.i18n import tr
from ui.undo import Edits

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ItemColumn:
    key: str
    title: Callable[[], str]
    kind: str = "text"  # text | number | bool | section | loss


def section_label(section: str) -> str:
    labels = {
        "building": tr("Building"),
        "contents": tr("Contents"),
        "stock": tr("Stock"),
        "machinery": tr("Machinery"),
        "vehicle": tr("Vehicle"),
        "other": tr("Other"),
    }
    return labels.get(section, section)


def section_options() -> list[tuple[str, str]]:
    return [(s.value, section_label(s.value)) for s in Section]


ITEM_COLUMNS: tuple[ItemColumn, ...] = (
    ItemColumn("section", lambda: tr("Section"), "section"),
    ItemColumn("description", lambda: tr("Description")),
    ItemColumn("qty", lambda: tr("Qty"), "number"),
    ItemColumn("unit", lambda: tr("Unit")),
    ItemColumn("unit_price", lambda: tr("Unit price"), "number"),
    ItemColumn("loss", lambda: tr("Loss"), "loss"),
    ItemColumn("photos", lambda: tr("Photos"), "photos"),
    ItemColumn("age_years", lambda: tr("Age (years)"), "number"),
    ItemColumn("useful_life_years", lambda: tr("Useful life"), "number"),
    ItemColumn("salvage", lambda: tr("Salvage"), "number"),
    ItemColumn("repair", lambda: tr("Repair"), "bool"),
    ItemColumn("repair_cost", lambda: tr("Repair cost"), "number"),
    ItemColumn("excluded", lambda: tr("Excluded"), "bool"),
    ItemColumn("exclusion_reason", lambda: tr("Exclusion reason")),
)
COL = {c.key: i for i, c in enumerate(ITEM_COLUMNS)}


class ItemsModel(QAbstractTableModel):
    """Rows are ``LossItem`` records; ``losses`` (from the live calculation) fills the Loss column."""

    rejected_changed = Signal()
    losses_changed = Signal()

    def __init__(self, edits: Edits, parent: Any = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.case_id = ""
        self.items: list[LossItem] = []
        self.losses: dict[int, str] = {}
        self.photo_counts: dict[str, int] = {}
        self.rejected: dict[tuple[str, str], tuple[Any, str]] = {}  # (item id, field) → (typed, reason)

    def load(self, case_id: str) -> None:
        self.beginResetModel()
        if case_id != self.case_id:
            self.rejected.clear()
        self.case_id = case_id
        self.items = self.edits.store.items.for_case(case_id) if case_id else []
        self.photo_counts = self._photo_counts(case_id)
        self.endResetModel()

    def _photo_counts(self, case_id: str) -> dict[str, int]:
        """Photos linked to each item (one grouped query)."""
        if not case_id:
            return {}
        rows = self.edits.store.query(
            "SELECT p.item_id AS item, count(*) AS n FROM photos p JOIN loss_items i ON i.id = p.item_id"
            " WHERE i.case_id = ? AND p.deleted_at IS NULL GROUP BY p.item_id", [case_id])
        return {r["item"]: int(r["n"]) for r in rows}

    def set_losses(self, losses: dict[int, str]) -> None:
        self.losses = losses
        if self.items:
            col = COL["loss"]
            self.dataChanged.emit(self.index(0, col), self.index(len(self.items) - 1, col))
        self.losses_changed.emit()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(ITEM_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return ITEM_COLUMNS[section].title()
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind = ITEM_COLUMNS[index.column()].kind
        if kind in ("loss", "photos"):
            return base
        if kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        col = ITEM_COLUMNS[index.column()]
        if role == ID_ROLE:
            return item.id
        bad = self.rejected.get((item.id, col.key))
        if col.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if getattr(item, col.key) else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole and bad:
                return bad[1]
            if role == Qt.ItemDataRole.BackgroundRole and bad:
                return QBrush(QColor("#f8d7da"))
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if bad:
                return str(bad[0])
            if col.kind == "loss":
                return self.losses.get(index.row(), "")
            if col.kind == "photos":
                n = self.photo_counts.get(item.id, 0)
                return str(n) if n else ""
            value = getattr(item, col.key)
            if col.kind == "section":
                return section_label(value.value) if role == Qt.ItemDataRole.DisplayRole else value.value
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in ("number", "loss", "photos"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bad and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#f8d7da"))
        if bad and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#721c24"))  # readable on the pink in light and dark themes
        if bad and role == Qt.ItemDataRole.ToolTipRole:
            return bad[1]
        if role == Qt.ItemDataRole.FontRole and col.kind == "loss":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col.kind == "loss":
            return tr("Calculated: see the Calculation tab")
        if role == Qt.ItemDataRole.ForegroundRole and item.excluded:
            return QBrush(QColor("#888888"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        col = ITEM_COLUMNS[index.column()]
        if col.kind == "bool":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if isinstance(value, str):
            value = value.strip()
        return self.edit(index.row(), {col.key: value})

    def edit(self, row: int, changes: dict[str, Any]) -> bool:
        """Write ``changes`` to the item in ``row``; a refusal is kept at the cell with its reason."""
        item = self.items[row]
        key = next(iter(changes))
        try:
            updated = self.edits.update("items", item.id, changes, tr("Edit item {n}").format(n=row + 1))
        except ValidationError as err:
            from ui.errors import explain

            reason = explain(err)
            field = err.field.split(".")[-1]
            shown = field if field in COL else key
            self.rejected[(item.id, shown)] = (changes.get(shown, changes[key]), reason)
            if shown != key:
                self.rejected[(item.id, key)] = (changes[key], reason)
            self._row_changed(row)
            self.rejected_changed.emit()
            return False
        for k in list(self.rejected):
            if k[0] == item.id:
                del self.rejected[k]
        self.items[row] = updated
        self._row_changed(row)
        self.rejected_changed.emit()
        return True

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(ITEM_COLUMNS) - 1))

    def item_id(self, row: int) -> str:
        return self.items[row].id

    def errors(self) -> list[str]:
        """Human-readable list of refused edits: 'Row 2, Unit price: is not a number'."""
        rows = {it.id: i for i, it in enumerate(self.items)}
        out = []
        for (item_id, key), (_typed, reason) in self.rejected.items():
            if item_id in rows:
                title = ITEM_COLUMNS[COL[key]].title() if key in COL else key
                out.append(tr("Row {row}, {column}: {reason}").format(row=rows[item_id] + 1, column=title, reason=reason))
        return out

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(ITEM_COLUMNS) - 1)
