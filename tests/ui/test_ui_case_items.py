"""Items edited in place, the catalogue picker, exclusions, and the live calculation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from conftest import make_case
from PySide6.QtCore import Qt

from ui.views.case.catalogue import CataloguePicker, load_sample_catalogue
from ui.views.case.items_model import COL


def _set(model: Any, row: int, key: str, value: Any) -> bool:
    return model.setData(model.index(row, COL[key]), value, Qt.ItemDataRole.EditRole)


def test_add_items_and_see_the_calculation_update(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-I-0001", sum_insured="100000", insured_value="100000")
    editor = window.open_case(case.id)
    editor.show_tab("items")
    calc = editor.calculation
    assert calc.statement is not None and calc.statement.indemnity == Decimal("0")
    qtbot.mouseClick(editor.items.add_btn, Qt.MouseButton.LeftButton)
    model = editor.items.model
    assert model.rowCount() == 1
    assert _set(model, 0, "description", "Refrigerator")
    assert _set(model, 0, "qty", "2")
    assert _set(model, 0, "unit_price", "3500")
    qtbot.waitUntil(lambda: calc.statement is not None and calc.statement.indemnity == Decimal("7000.00"), timeout=3000)
    assert "7,000.00" in calc.total.text()
    assert calc.table.rowCount() > 3
    assert model.data(model.index(0, COL["loss"])) == "7,000.00"
    # an edit through the table's own editor path: a second item, depreciated
    window.add_item()
    assert _set(model, 1, "unit_price", "1000")
    assert _set(model, 1, "useful_life_years", "10")
    assert _set(model, 1, "age_years", "5")
    qtbot.waitUntil(lambda: calc.statement.indemnity == Decimal("7500.00"), timeout=3000)
    items = store.items.for_case(case.id)
    assert [i.description for i in items] == ["Refrigerator", "New item"]


def test_refused_cell_edit_keeps_the_typed_value_with_the_reason(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-I-0002")
    editor = window.open_case(case.id)
    item = editor.items.add_item(description="Desk", unit_price="100")
    model = editor.items.model
    assert not _set(model, 0, "unit_price", "12a")
    idx = model.index(0, COL["unit_price"])
    assert model.data(idx) == "12a"
    assert "not a number" in model.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert not editor.items.errors.isHidden()
    assert "Row 1" in editor.items.errors.text()
    assert store.items.get(item.id).unit_price == Decimal("100")
    assert not _set(model, 0, "salvage", "500")  # salvage above the item's value
    assert "exceeds" in editor.items.errors.text()
    assert _set(model, 0, "unit_price", "120")
    assert editor.items.errors.isHidden()
    assert store.items.get(item.id).unit_price == Decimal("120")


def test_exclusion_needs_a_reason_and_zeroes_the_item(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-I-0003")
    editor = window.open_case(case.id)
    editor.items.add_item(description="Jewellery", unit_price="9000")
    assert not editor.items.exclude([0], "  ")
    assert "exclusion_reason" in " ".join(editor.items.model.errors()) or "required" in editor.items.errors.text()
    assert editor.items.exclude([0], "Clause 4.2: valuables excluded")
    editor.calculation.refresh_now()
    st = editor.calculation.statement
    assert st.indemnity == Decimal("0") and st.items[0].excluded


def test_catalogue_picker_prices_a_new_item(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-I-0004")
    editor = window.open_case(case.id)
    picker = CataloguePicker(store, "en", editor)
    qtbot.addWidget(picker)
    assert picker.rows == [] and not picker.load_sample.isHidden()
    assert load_sample_catalogue(store) > 10
    picker.refresh()
    picker.search.setText("BD-PAINT-01")
    row = picker.pick("BD-PAINT-01")
    assert row is not None
    item = editor.items.add_catalogue_row(row)
    saved = store.items.get(item.id)
    assert saved.catalogue_code == "BD-PAINT-01" and saved.unit == "m²"
    assert saved.unit_price == Decimal("32.00")
    assert saved.description.startswith("Interior wall repaint")


def test_undo_add_and_delete_of_items(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-I-0005")
    editor = window.open_case(case.id)
    editor.items.add_item(description="Chair", unit_price="50")
    assert len(store.items.for_case(case.id)) == 1
    window.act_undo.trigger()
    assert store.items.for_case(case.id) == []
    window.act_redo.trigger()
    restored = store.items.for_case(case.id)
    assert [i.description for i in restored] == ["Chair"]
    editor.items.refresh()
    editor.items.table.selectRow(0)
    editor.items.delete_selected()
    assert store.items.for_case(case.id) == []
    window.act_undo.trigger()
    assert [i.description for i in store.items.for_case(case.id)] == ["Chair"]
    qtbot.waitUntil(lambda: editor.items.model.rowCount() == 1, timeout=3000)


def test_typing_into_the_table_edits_in_place(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-I-0006")
    editor = window.open_case(case.id)
    editor.show_tab("items")
    item = editor.items.add_item(description="Boiler")
    table = editor.items.table
    table.setFocus()
    table.setCurrentIndex(editor.items.model.index(0, COL["qty"]))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

    assert table.state() == QAbstractItemView.State.EditingState
    ed = QApplication.focusWidget()
    assert isinstance(ed, QLineEdit)
    ed.selectAll()
    qtbot.keyClicks(ed, "3")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    # the delegate commits on Return through a queued call
    qtbot.waitUntil(lambda: store.items.get(item.id).qty == Decimal("3"), timeout=2000)
    # the section column offers a list
    table.setCurrentIndex(editor.items.model.index(0, COL["section"]))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = table.focusWidget()
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("machinery"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.items.get(item.id).section.value == "machinery", timeout=2000)


def test_items_show_how_many_photos_are_linked(qtbot: Any, window: Any, store: Any) -> None:
    from adjuster.domain.models import Photo

    case = make_case(store, "CLM-I-0007")
    editor = window.open_case(case.id)
    item = editor.items.add_item(description="Freezer")
    for i in range(2):
        store.photos.create(Photo(sha256=f"{i:064x}", owner_type="case", owner_id=case.id, item_id=item.id))
    model = editor.items.model
    qtbot.waitUntil(lambda: model.data(model.index(0, COL["photos"])) == "2", timeout=3000)


def test_delete_key_removes_the_selected_item_and_undo_brings_it_back(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-I-0008")
    editor = window.open_case(case.id)
    editor.show_tab("items")
    editor.items.add_item(description="Rack A")
    editor.items.add_item(description="Rack B")
    table = editor.items.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [i.description for i in store.items.for_case(case.id)] == ["Rack B"]
    window.act_undo.trigger()
    assert sorted(i.description for i in store.items.for_case(case.id)) == ["Rack A", "Rack B"]


def test_calculation_shows_the_reason_instead_of_stale_figures(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-I-0009")
    editor = window.open_case(case.id)
    editor.items.add_item(description="Kiln", unit_price="5000")
    calc = editor.calculation
    calc.refresh_now()
    assert calc.statement is not None and calc.table.rowCount() > 0
    store.cases.update(case.id, insured_value=None)  # the calculator needs the value at risk
    calc.refresh_now()
    assert calc.statement is None and calc.table.rowCount() == 0
    assert "Value at risk at time of loss: is required" in calc.problem.text()
    assert editor.items.model.data(editor.items.model.index(0, COL["loss"])) == ""
