"""History tab: the case's audit log (case, items, photos, reports), newest first."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import is_language_change, tr
from ui.labels import field_name, value_text

MAX_VALUE = 60


def entity_label(entity: str) -> str:
    labels = {
        "case": tr("Case"),
        "loss_item": tr("Loss item"),
        "photo": tr("Photo"),
        "report": tr("Report"),
        "signature": tr("Signature"),
    }
    return labels.get(entity, entity)


def action_label(action: str) -> str:
    return {"create": tr("created"), "update": tr("changed"), "delete": tr("deleted")}.get(action, action)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


SUMMARY_FIELDS = ("claim_no", "description", "original_name", "caption", "version", "signer")


def describe_changes(action: str, changes: dict[str, Any]) -> str:
    if action == "create":
        for key in SUMMARY_FIELDS:
            new = changes.get(key, {}).get("new")
            if new not in (None, ""):
                return f"{field_name(key)}: {_short(new)}"
        return ""
    parts = [f"{field_name(k)}: {value_text(k, v.get('old'))} → {value_text(k, v.get('new'))}" for k, v in changes.items()]
    return "; ".join(parts)


def case_record_ids(store: Any, case_id: str) -> list[str]:
    """The case and every record hung on it, deleted ones included (their history matters)."""
    ids = [case_id]
    ids += [r["id"] for r in store.query("SELECT id FROM loss_items WHERE case_id = ?", [case_id])]
    ids += [r["id"] for r in store.query("SELECT id FROM photos WHERE owner_type = 'case' AND owner_id = ?", [case_id])]
    ids += [r["id"] for r in store.query("SELECT id FROM reports WHERE owner_type = 'case' AND owner_id = ?", [case_id])]
    return ids


class HistoryTab(QWidget):
    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.case_id = ""
        self.entries: list[dict[str, Any]] = []
        v = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("historyTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        h = self.table.horizontalHeader()
        for i in range(3):
            h.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        v.addWidget(self.table)
        self.retranslate()

    def load(self, case_id: str) -> None:
        self.case_id = case_id
        self.refresh()

    def refresh(self) -> None:
        if not self.case_id:
            return
        self.entries = list(reversed(self.store.history(case_record_ids(self.store, self.case_id))))
        self.table.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            cells = [
                (e["at"] or "")[:19].replace("T", " "),
                e["user"] or "",
                f"{entity_label(e['entity'])} {action_label(e['action'])}",
                describe_changes(e["action"], e["changes"]),
            ]
            for j, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if j == 3:
                    cell.setToolTip(text)
                self.table.setItem(i, j, cell)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([tr("When (UTC)"), tr("Who"), tr("What"), tr("Changes")])
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
