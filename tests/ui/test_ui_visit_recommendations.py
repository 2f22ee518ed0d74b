"""Visit editor: recommendations (forced by severity ≥ 3), photos per finding, follow-up closing."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from photo_helpers import drop_paths, make_jpeg  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402
from visit_helpers import start_fire_visit  # noqa: E402

from adjuster.inspect import service  # noqa: E402
from ui.views.visit import VisitEditor  # noqa: E402


@pytest.fixture
def media(profile: Any) -> Any:
    m = profile.open_media()
    yield m
    m.close()


def make_editor(qtbot: Any, runner: Any, store: Any, media: Any, visit_id: str) -> VisitEditor:
    widget = VisitEditor(runner, store, media, visit_id, lang="en")
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.checklist.setFocus()
    return widget


def test_severe_deficiency_forces_a_recommendation(qtbot: Any, runner: Any, store: Any, media: Any) -> None:
    visit = start_fire_visit(store)
    ed = make_editor(qtbot, runner, store, media, visit.id)
    qtbot.keyClick(ed.checklist, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # deficient, severity 3
    key = "fire.mgmt.responsible"
    assert ed.session.missing_recommendations() == [key]
    assert "missing" in ed.tabs.tabText(1)
    assert any(p.item_key == key and "recommendation" in p.message for p in service.problems(store, visit.id))

    # Enter on a deficient check item opens the recommendation form, prefilled from the template
    qtbot.keyClick(ed.checklist, Qt.Key.Key_Return)
    assert ed.tabs.currentWidget() is ed.recs
    assert ed.recs.item_combo.currentData() == key
    assert "fire-safety" in ed.recs.text.toPlainText().lower()

    # a deadline before the visit is refused at the form, and what was typed stays
    ed.recs.responsible.setText("Plant manager Zhang")
    ed.recs.auto_deadline.setChecked(False)
    ed.recs.deadline.setDate(ed.recs.deadline.date().addYears(-2))
    assert ed.recs.add_from_form() is None
    assert ed.recs.error.isVisibleTo(ed) and "deadline" in ed.recs.error.text()
    assert ed.recs.responsible.text() == "Plant manager Zhang"

    ed.recs.auto_deadline.setChecked(True)
    ed.recs.priority.setCurrentIndex(ed.recs.priority.findData("high"))
    qtbot.mouseClick(ed.recs.add_button, Qt.MouseButton.LeftButton)
    recs = store.recommendations.for_visit(visit.id)
    assert len(recs) == 1
    rec = recs[0]
    assert rec.item_key == key and rec.priority.value == "high" and rec.responsible == "Plant manager Zhang"
    assert rec.deadline == visit.visit_date + dt.timedelta(days=30)
    assert ed.session.missing_recommendations() == []
    assert "missing" not in ed.tabs.tabText(1)
    assert ed.recs.table.rowCount() == 1

    ed.undo_stack.undo()
    assert store.recommendations.for_visit(visit.id) == []
    assert ed.session.missing_recommendations() == [key]
    ed.undo_stack.redo()
    assert len(store.recommendations.for_visit(visit.id)) == 1


def test_photos_dropped_on_a_finding(qtbot: Any, runner: Any, store: Any, media: Any, tmp_path: Path) -> None:
    visit = start_fire_visit(store)
    ed = make_editor(qtbot, runner, store, media, visit.id)
    qtbot.keyClick(ed.checklist, Qt.Key.Key_2)
    key = ed.current_key()
    tab = ed.photos_for(key)
    assert tab.isVisibleTo(ed)
    assert drop_paths(tab.grid.viewport(), [make_jpeg(tmp_path / "blocked_exit.jpg")])
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=20_000)
    qtbot.waitUntil(lambda: not tab.import_job.running, timeout=20_000)
    finding = store.findings.get_by_key(visit.id, key)
    assert [p.original_name for p in store.photos.for_finding(finding.id)] == ["blocked_exit.jpg"]
    assert service.finding_photos(store, visit.id)[key][0].original_name == "blocked_exit.jpg"
    assert "1 photo" in ed.model.item(0).child(0, 3).text()


def test_follow_up_closes_only_with_an_after_photo(qtbot: Any, runner: Any, store: Any, media: Any,
                                                   tmp_path: Path) -> None:
    first = start_fire_visit(store, date=dt.date(2024, 1, 10))
    service.answer(store, first.id, "fire.ext.access", result="deficient", severity=3)
    rec = service.add_recommendation(store, first.id, "fire.ext.access", responsible="Warehouse lead", lang="en")
    second = start_fire_visit(store, site=store.sites.get(first.site_id), date=dt.date(2024, 6, 3))
    ed = make_editor(qtbot, runner, store, media, second.id)
    fu = ed.followup
    assert [r.id for r in fu.recs] == [rec.id]
    assert "(1)" in ed.tabs.tabText(2)
    fu.table.selectRow(0)
    dialog = fu.close_selected()
    assert dialog is not None
    dialog.try_close()  # no photo yet
    assert dialog.error.isVisibleTo(dialog) and "photo" in dialog.error.text()
    assert store.recommendations.get(rec.id).status.value == "open"

    job = dialog.photos.import_paths([make_jpeg(tmp_path / "after.jpg", color=(40, 160, 40))])
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    dialog.photos.select_row(0)
    dialog.note.setText("Aisle cleared and marked")
    dialog.try_close()
    closed = store.recommendations.get(rec.id)
    assert closed.status.value == "done" and closed.closed_visit_id == second.id
    assert store.photos.get(closed.after_photo_id).original_name == "after.jpg"
    assert fu.table.item(0, 5).text() == "Done"

    fu.table.selectRow(0)
    fu.reopen_selected()
    assert store.recommendations.get(rec.id).status.value == "open"
    fu.ask_reason = lambda: "Area demolished"
    fu.waive_selected()
    assert store.recommendations.get(rec.id).status.value == "waived"


def test_submitted_visit_is_read_only(qtbot: Any, runner: Any, store: Any, media: Any) -> None:
    visit = start_fire_visit(store)
    store.visits.update(visit.id, status="submitted")
    ed = make_editor(qtbot, runner, store, media, visit.id)
    qtbot.keyClick(ed.checklist, Qt.Key.Key_1)
    assert store.findings.for_visit(visit.id) == []
    assert "read-only" in ed.header.text()


def test_a_damaged_visit_opens_as_a_message_not_a_crash(qtbot: Any, runner: Any, store: Any, media: Any) -> None:
    visit = start_fire_visit(store)
    store.execute("UPDATE visits SET template_snapshot = ? WHERE id = ?", ['{"format": "junk"}', visit.id])
    ed = VisitEditor(runner, store, media, visit.id, lang="en")
    qtbot.addWidget(ed)
    assert ed.error and "format" in ed.error
    label = ed.findChild(QLabel, "visitError")
    assert label is not None and "cannot be opened" in label.text()


def test_recommendation_form_survives_a_restart(qtbot: Any, runner: Any, store: Any, media: Any) -> None:
    """What was typed in the form is kept in the profile's local state until it is added."""
    visit = start_fire_visit(store)
    service.answer(store, visit.id, "fire.ext.access", result="deficient", severity=3)
    ed = make_editor(qtbot, runner, store, media, visit.id)
    ed.prepare_recommendation("fire.ext.access")
    ed.recs.text.setPlainText("Move the pallets away from the extinguishers")
    ed.recs.responsible.setText("Warehouse lead")
    qtbot.waitUntil(lambda: bool(store.get_state(f"draft.recommendation.{visit.id}")), timeout=3_000)

    again = make_editor(qtbot, runner, store, media, visit.id)  # as after a crash and a restart
    assert again.recs.text.toPlainText() == "Move the pallets away from the extinguishers"
    assert again.recs.responsible.text() == "Warehouse lead"
    assert again.recs.item_combo.currentData() == "fire.ext.access"
    assert again.recs.add_from_form() is not None
    assert not store.get_state(f"draft.recommendation.{visit.id}")
    assert store.outbox()[-1]["entity"] == "recommendation"  # the draft itself never syncs
