"""Start a visit from the main window, answer items by keyboard and add a recommendation in the
embedded VisitEditor (the editor itself is the other UI engineer's; this pins the embedding)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from ui.dialogs.new_visit import NewVisitDialog


def test_start_a_visit_answer_items_and_add_a_recommendation(qtbot: Any, window: Any, store: Any) -> None:
    editor_mod = pytest.importorskip("ui.views.visit")
    dlg = NewVisitDialog(store, "tester", "en", window)
    qtbot.addWidget(dlg)
    dlg.site.setEditText("Cold store, Lot 4")
    dlg.template.setCurrentIndex(max(0, dlg.template.findData("fire_safety@1")))
    assert dlg.create()
    window.lists.setCurrentWidget(window.visits)
    window.visits.refresh()
    assert window.visits.select_visit(dlg.visit.id)
    ed = window.editor
    assert isinstance(ed, editor_mod.VisitEditor)
    assert ed.undo_stack is window.ctx.edits.stack
    assert window.visits.model.data(window.visits.model.index(0, 0)) == "Cold store, Lot 4"

    first = ed.current_key()
    ed.checklist.setFocus()
    qtbot.keyClick(ed.checklist, Qt.Key.Key_1)  # OK, and on to the next item
    assert store.findings.get_by_key(dlg.visit.id, first).result.value == "ok"
    second = ed.current_key()
    assert second != first
    qtbot.keyClick(ed.checklist, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # deficient, severity 3
    assert store.findings.get_by_key(dlg.visit.id, second).severity == 3
    assert ed.session.missing_recommendations() == [second]
    qtbot.keyClick(ed.checklist, Qt.Key.Key_Return)  # opens the recommendation form for it
    ed.recs.responsible.setText("Site manager")
    qtbot.mouseClick(ed.recs.add_button, Qt.MouseButton.LeftButton)
    recs = store.recommendations.for_visit(dlg.visit.id)
    assert [r.item_key for r in recs] == [second]
    assert ed.scores.grade.text() == store.visits.get(dlg.visit.id).grade
    window.act_undo.trigger()  # the window's Undo reaches the visit editor's steps
    assert store.recommendations.for_visit(dlg.visit.id) == []


def test_generate_the_inspection_report_of_the_open_visit(qtbot: Any, window: Any, store: Any) -> None:
    pytest.importorskip("ui.views.visit")
    pytest.importorskip("adjuster.reports.service")
    dlg = NewVisitDialog(store, "tester", "en", window)
    qtbot.addWidget(dlg)
    dlg.site.setEditText("Paint shop, Plant 2")
    assert dlg.create()
    window.open_visit(dlg.visit.id)
    job = window.generate_report()
    assert job is not None
    qtbot.waitUntil(lambda: getattr(window, "report_preview", None) is not None, timeout=60_000)
    preview = window.report_preview
    qtbot.waitUntil(lambda: preview.view.pages >= 1, timeout=60_000)
    assert preview.path.exists() and preview.path.read_bytes().startswith(b"%PDF")
    report = store.reports.latest("visit", dlg.visit.id)
    assert report is not None and report.kind.value == "inspection"
    assert window.ctx.runner.errors == []
    preview.close()
