"""Creating a case and editing its overview: saved per field, errors shown at the field, undo/redo."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from conftest import make_case
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ui.dialogs.new_case import NewCaseDialog


def _type_into(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Type like a user: focus, replace the text, leave the field (Tab commits it)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_new_case_refuses_a_bad_claim_number_at_the_field(qtbot: Any, window: Any, store: Any) -> None:
    dlg = NewCaseDialog(window.ctx.edits, "tester", window)
    qtbot.addWidget(dlg)
    dlg.claim_no.setText("x")
    assert not dlg.create()
    assert dlg.error.isVisible() or not dlg.error.isHidden()
    assert "claim number" in dlg.error.text()
    assert dlg.claim_no.text() == "x"  # what was typed stays
    dlg.claim_no.setText("CLM-NEW-0001")
    dlg.insured.setText("New Insured")
    assert dlg.create()
    assert store.cases.by_claim_no("CLM-NEW-0001").insured_name == "New Insured"
    editor = window.show_new_case(dlg.case.id)
    assert editor.case.claim_no == "CLM-NEW-0001"
    assert window.cases.model.total == 1
    dup = NewCaseDialog(window.ctx.edits, "tester", window)
    qtbot.addWidget(dup)
    dup.claim_no.setText("CLM-NEW-0001")
    assert not dup.create()
    assert "already exists" in dup.error.text()


def test_overview_fields_save_immediately(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-O-0001")
    editor = window.open_case(case.id)
    form = editor.overview.form
    _type_into(qtbot, form.bindings["insured_name"].widget, "Changed Name")
    assert store.cases.get(case.id).insured_name == "Changed Name"
    _type_into(qtbot, form.bindings["sum_insured"].widget, "250000.50")
    assert store.cases.get(case.id).sum_insured == Decimal("250000.50")
    narrative = form.bindings["narrative_cause"].widget
    narrative.setFocus()
    qtbot.keyClicks(narrative, "Burst pipe on level 2.")
    qtbot.waitUntil(lambda: store.cases.get(case.id).narrative_cause == "Burst pipe on level 2.", timeout=5000)


def test_invalid_values_are_shown_at_their_field_and_not_saved(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-O-0002", loss_date="2026-01-10")
    editor = window.open_case(case.id)
    form = editor.overview.form
    money = form.bindings["sum_insured"]
    _type_into(qtbot, money.widget, "12,3x")
    assert not money.error.isHidden()
    assert "not a number" in money.error.text()
    assert money.widget.text() == "12,3x"  # the typed text is kept
    assert store.cases.get(case.id).sum_insured == Decimal("100000")
    # a cross-field rule: the date reported is checked against the date of loss, and shown there
    _type_into(qtbot, form.bindings["reported_date"].widget, "2026-01-01")
    assert "before the date of loss" in form.bindings["reported_date"].error.text()
    assert store.cases.get(case.id).reported_date is None
    _type_into(qtbot, form.bindings["reported_date"].widget, "2026-01-12")
    assert form.bindings["reported_date"].error.isHidden()
    assert str(store.cases.get(case.id).reported_date) == "2026-01-12"
    _type_into(qtbot, money.widget, "5000")
    assert money.error.isHidden()
    assert "sum_insured" not in form.errors


def test_deductible_editor_saves_and_validates(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-O-0003")
    editor = window.open_case(case.id)
    ded = editor.overview.deductible
    ded.kind.setCurrentIndex(ded.kind.findData("percent_min"))
    ded.rate.setText("10")
    ded.minimum.setText("abc")
    assert not editor.overview.form.commit("deductible")
    assert "deductible" in editor.overview.form.errors
    ded.minimum.setText("2000")
    assert editor.overview.form.commit("deductible")
    saved = store.cases.get(case.id).deductible
    assert saved["type"] == "percent_min" and Decimal(saved["rate"]) == Decimal("0.1")
    assert Decimal(saved["minimum"]) == Decimal("2000")


def test_undo_and_redo_of_field_edits(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-U-0001", insured_name="Before")
    editor = window.open_case(case.id)
    form = editor.overview.form
    _type_into(qtbot, form.bindings["insured_name"].widget, "After")
    _type_into(qtbot, form.bindings["peril"].widget, "Flood")
    assert store.cases.get(case.id).insured_name == "After"
    window.act_undo.trigger()
    assert store.cases.get(case.id).peril == ""
    window.act_undo.trigger()
    assert store.cases.get(case.id).insured_name == "Before"
    qtbot.waitUntil(lambda: form.bindings["insured_name"].widget.text() == "Before", timeout=3000)
    window.act_redo.trigger()
    assert store.cases.get(case.id).insured_name == "After"
    qtbot.waitUntil(lambda: form.bindings["insured_name"].widget.text() == "After", timeout=3000)
    history = [e for e in store.history([case.id]) if e["action"] == "update"]
    assert len(history) == 5  # two edits, two undos, one redo: each one a real, audited write


def test_status_change_follows_the_workflow(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-W-0001")
    editor = window.open_case(case.id)
    combo = editor.overview.status
    values = [combo.itemData(i) for i in range(combo.count())]
    assert values[0] == "draft" and "submitted" in values and "approved" not in values
    combo.setCurrentIndex(combo.findData("submitted"))
    assert editor.overview.form.commit("status")
    qtbot.waitUntil(lambda: "Submitted" in editor.header.text(), timeout=3000)
    values = [combo.itemData(i) for i in range(combo.count())]
    assert "in_review" in values and "draft" not in values


def test_narrative_is_saved_when_the_field_is_left(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-O-0009")
    editor = window.open_case(case.id)
    form = editor.overview.form
    narrative = form.bindings["narrative_circumstances"].widget
    narrative.setFocus()
    qtbot.keyClicks(narrative, "Water entered at 02:00.")
    assert store.cases.get(case.id).narrative_circumstances == ""  # still typing: not yet written
    form.bindings["peril"].widget.setFocus()  # leaving the field writes it at once
    qtbot.waitUntil(lambda: store.cases.get(case.id).narrative_circumstances == "Water entered at 02:00.",
                    timeout=2000)


def test_switching_case_saves_the_field_being_typed(qtbot: Any, window: Any, store: Any) -> None:
    a = make_case(store, "CLM-O-0010")
    b = make_case(store, "CLM-O-0011")
    editor = window.open_case(a.id)
    edit = editor.overview.form.bindings["policy_no"].widget
    edit.setFocus()
    qtbot.keyClicks(edit, "POL-77")
    window.open_case(b.id)
    assert store.cases.get(a.id).policy_no == "POL-77"


def test_undo_belongs_to_the_record_on_screen(qtbot: Any, window: Any, store: Any) -> None:
    a = make_case(store, "CLM-O-0020", insured_name="A before")
    b = make_case(store, "CLM-O-0021", insured_name="B before")
    ed = window.open_case(a.id)
    _type_into(qtbot, ed.overview.form.bindings["insured_name"].widget, "A after")
    ed = window.open_case(b.id)
    assert not window.act_undo.isEnabled()  # B has no history: Undo cannot touch A off-screen
    _type_into(qtbot, ed.overview.form.bindings["insured_name"].widget, "B after")
    window.act_undo.trigger()
    assert store.cases.get(b.id).insured_name == "B before"
    assert store.cases.get(a.id).insured_name == "A after"
    window.open_case(a.id)
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert store.cases.get(a.id).insured_name == "A before"


def test_field_errors_are_shown_in_chinese_in_a_chinese_ui(qtbot: Any, window: Any, store: Any) -> None:
    case = make_case(store, "CLM-O-0030", loss_date="2026-01-10")
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.lists.tabText(0) == "案件", timeout=3000)
    editor = window.open_case(case.id)
    form = editor.overview.form
    form.bindings["sum_insured"].widget.setText("abc")
    assert not form.commit("sum_insured")
    assert form.bindings["sum_insured"].error.text() == "“abc”不是数字"
    form.bindings["survey_date"].widget.setText("2025-12-31")
    assert not form.commit("survey_date")
    assert form.bindings["survey_date"].error.text() == "早于出险日期"
    window.set_language("en")
