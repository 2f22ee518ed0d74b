"""Items tab: the loss item table (edited in place), catalogue picker, exclusions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.errors import ValidationError
from adjuster.domain.models import LossItem
from ui.i18n import is_language_change, tr
from ui.undo import Edits
from ui.views.case.catalogue import CataloguePicker
from ui.views.case.items_model import COL, ItemsModel, section_options


class SectionDelegate(QStyledItemDelegate):
    """A combo box for the Section column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for value, text in section_options():
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ItemsTab(QWidget):
    """Buttons above, the table, and the refused edits listed below it."""

    items_changed = Signal()

    def __init__(self, edits: Edits, ui_lang: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.ui_lang = ui_lang  # callable → current UI language code
        self.model = ItemsModel(edits, self)
        v = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.add_btn = QPushButton()
        self.add_btn.setObjectName("addItem")
        self.catalogue_btn = QPushButton()
        self.exclude_btn = QPushButton()
        self.delete_btn = QPushButton()
        for b in (self.add_btn, self.catalogue_btn, self.exclude_btn, self.delete_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        v.addLayout(bar)
        self.table = QTableView()
        self.table.setObjectName("itemsTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL["section"], SectionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged)
        self.table.setAlternatingRowColors(True)
        v.addWidget(self.table, 1)
        self.errors = QLabel()
        self.errors.setObjectName("itemErrors")
        self.errors.setStyleSheet("color: #c0392b;")
        self.errors.setWordWrap(True)
        self.errors.hide()
        v.addWidget(self.errors)
        self.add_btn.clicked.connect(lambda: self.add_item())
        self.catalogue_btn.clicked.connect(self.add_from_catalogue)
        self.exclude_btn.clicked.connect(self.exclude_selected)
        self.delete_btn.clicked.connect(self.delete_selected)
        self.model.rejected_changed.connect(self._show_errors)
        self.model.losses_changed.connect(lambda: self.table.resizeColumnToContents(COL["loss"]))
        self.model.dataChanged.connect(lambda *_: self.items_changed.emit())
        self.model.modelReset.connect(self.items_changed.emit)
        self.add_btn.setShortcut(QKeySequence("Ctrl+I"))
        # Delete in the table removes the selected items (undoable, so no confirmation)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, context=Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.retranslate()

    def refresh(self) -> None:
        """Re-read the items, keeping the current cell (after undo/redo or another view's edit)."""
        current = self.table.currentIndex()
        row, col = current.row(), current.column()
        self.model.load(self.model.case_id)
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, max(col, 0)))

    def load(self, case_id: str) -> None:
        self.model.load(case_id)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their contents; the description readable (220–420 px)."""
        self.table.resizeColumnsToContents()
        desc = COL["description"]
        self.table.setColumnWidth(desc, min(420, max(220, self.table.columnWidth(desc))))

    # -- actions (each is one store write through Edits) ------------------------------------------
    def add_item(self, **fields: Any) -> LossItem:
        case_id = self.model.case_id
        fields.setdefault("description", tr("New item"))
        item = LossItem(case_id=case_id, position=self.edits.store.items.next_position(case_id), **fields)
        created = self.edits.create("items", item, tr("Add item"))
        self.model.load(case_id)
        row = self.model.items.index(next(i for i in self.model.items if i.id == created.id))
        self.table.setCurrentIndex(self.model.index(row, COL["description"]))
        return created  # type: ignore[return-value]

    def add_from_catalogue(self) -> None:
        picker = CataloguePicker(self.edits.store, self.ui_lang(), self)
        if picker.exec() and picker.chosen:
            self.add_catalogue_row(picker.chosen)

    def add_catalogue_row(self, row: Any) -> LossItem:
        zh = str(self.ui_lang()).startswith("zh")
        desc = (row.description_zh if zh else row.description_en) or row.description_en or row.description_zh
        return self.add_item(description=desc, unit=row.unit, unit_price=row.unit_price, catalogue_code=row.code,
                             useful_life_years=row.useful_life_years)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()} or
                      ({self.table.currentIndex().row()} if self.table.currentIndex().isValid() else set()))

    def exclude_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        reason, ok = QInputDialog.getText(self, tr("Exclude item"), tr("Reason for the exclusion (policy clause):"))
        if ok:
            self.exclude(rows, reason)

    def exclude(self, rows: list[int], reason: str) -> bool:
        """Mark rows excluded with ``reason``; an empty reason is refused at the row."""
        ok = True
        for row in rows:
            ok = self.model.edit(row, {"excluded": True, "exclusion_reason": reason.strip()}) and ok
        return ok

    def delete_selected(self) -> None:
        for row in reversed(self.selected_rows()):
            try:
                self.edits.delete("items", self.model.item_id(row), tr("Delete item"))
            except ValidationError as err:
                self.errors.setText(str(err))
                self.errors.show()
        self.model.load(self.model.case_id)

    def _show_errors(self) -> None:
        errs = self.model.errors()
        self.errors.setText("\n".join(errs))
        self.errors.setVisible(bool(errs))

    def retranslate(self) -> None:
        self.add_btn.setText(tr("Add item"))
        self.catalogue_btn.setText(tr("Add from catalogue…"))
        self.exclude_btn.setText(tr("Exclude…"))
        self.delete_btn.setText(tr("Delete"))
        self.add_btn.setToolTip(tr("Add a loss item (Ctrl+I)"))
        self.model.retranslate()
        self._show_errors()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
