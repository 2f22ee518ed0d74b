"""Catalogue picker: search the local unit-price list and pick a row to price a new item."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from adjuster.calc import load_catalogue
from adjuster.resources import resource_path
from adjuster.store.queries import CatalogueRow
from adjuster.util.money import fmt_money
from ui.i18n import tr


def load_sample_catalogue(store: Any) -> int:
    """Fill the local catalogue from the shipped sample price list (first use)."""
    return int(store.catalogue.upsert(load_catalogue(resource_path("catalogue", "sample_prices.csv"))))


class CataloguePicker(QDialog):
    """``exec()`` then read ``chosen`` (a CatalogueRow) — or call ``pick(code)`` in tests."""

    def __init__(self, store: Any, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.lang = lang
        self.chosen: CatalogueRow | None = None
        self.rows: list[CatalogueRow] = []
        self.setWindowTitle(tr("Catalogue"))
        self.resize(760, 480)
        v = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search code or description"))
        self.search.setClearButtonEnabled(True)
        v.addWidget(self.search)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Code"), tr("Description"), tr("Unit"), tr("Unit price")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(1, self.table.horizontalHeader().ResizeMode.Stretch)
        v.addWidget(self.table)
        self.empty = QLabel(tr("The catalogue is empty."))
        self.load_sample = QPushButton(tr("Load the sample price list"))
        v.addWidget(self.empty)
        v.addWidget(self.load_sample)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        v.addWidget(buttons)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(lambda _i: self._accept())
        self.search.textChanged.connect(self.refresh)
        self.load_sample.clicked.connect(self._load_sample)
        self.refresh()

    def refresh(self) -> None:
        self.rows = self.store.catalogue.search(self.search.text().strip())
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            desc = r.description_zh if self.lang.startswith("zh") else r.description_en
            cells = [r.code, desc or r.description_en or r.description_zh, r.unit, fmt_money(r.unit_price)]
            for j, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if j == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, cell)
        empty = not self.rows and not self.search.text()
        self.empty.setVisible(empty)
        self.load_sample.setVisible(empty)
        if self.rows:
            self.table.selectRow(0)

    def _load_sample(self) -> None:
        load_sample_catalogue(self.store)
        self.refresh()

    def pick(self, code: str) -> CatalogueRow | None:
        for i, r in enumerate(self.rows):
            if r.code == code:
                self.table.selectRow(i)
                self._accept()
                return self.chosen
        return None

    def _accept(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self.chosen = self.rows[row]
            self.accept()
