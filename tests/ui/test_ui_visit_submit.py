"""Visit editor: notes, photo-needed flags, and submitting (refused with the list of what is missing)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from photo_helpers import make_jpeg  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from visit_helpers import start_fire_visit  # noqa: E402

from adjuster.inspect import service  # noqa: E402
from ui.views.visit import VisitEditor  # noqa: E402


@pytest.fixture
def media(profile: Any) -> Any:
    m = profile.open_media()
    yield m
    m.close()


def make_editor(qtbot: Any, runner: Any, store: Any, media: Any, visit_id: str) -> VisitEditor:
    ed = VisitEditor(runner, store, media, visit_id, lang="en")
    qtbot.addWidget(ed)
    ed.resize(1200, 800)
    ed.show()
    ed.checklist.setFocus()
    return ed


def answer_everything(store: Any, visit_id: str, template: Any) -> None:
    for item in template.items:
        if item.answer == "check":
            service.answer(store, visit_id, item.key, result="ok")
        elif item.answer == "number":
            value = item.ok_min if item.ok_min is not None else item.ok_max
            service.answer(store, visit_id, item.key, value=str(value))
        elif item.answer == "choice":
            ok = next(c for c in item.choices if c.result == "ok")
            service.answer(store, visit_id, item.key, value=ok.value)
        else:
            service.answer(store, visit_id, item.key, value="Seen")


def test_note_is_saved_kept_by_answers_and_undone(qtbot: Any, runner: Any, store: Any, media: Any) -> None:
    visit = start_fire_visit(store)
    ed = make_editor(qtbot, runner, store, media, visit.id)
    key = ed.current_key()
    note = ed.answer_panel.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "Rules posted in the canteen only")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    assert store.findings.get_by_key(visit.id, key).note == "Rules posted in the canteen only"
    ed.checklist.setFocus()
    qtbot.keyClick(ed.checklist, Qt.Key.Key_1)
    f = store.findings.get_by_key(visit.id, key)
    assert f.result.value == "ok" and f.note == "Rules posted in the canteen only"
    ed.undo_stack.undo()  # the answer
    ed.undo_stack.undo()  # the note
    assert store.findings.get_by_key(visit.id, key).note == ""


def test_required_photo_is_flagged_until_attached(qtbot: Any, runner: Any, store: Any, media: Any,
                                                  tmp_path: Path) -> None:
    visit = start_fire_visit(store)
    ed = make_editor(qtbot, runner, store, media, visit.id)
    ed.checklist.go_to("fire.ext.provision")  # photo "if_deficient"
    qtbot.keyClick(ed.checklist, Qt.Key.Key_2)
    row = ed.model.rows["fire.ext.provision"]
    flags = row.parent().child(row.row(), 3)
    assert "needs a photo" in flags.text()
    tab = ed.photos_for("fire.ext.provision")
    job = tab.import_paths([make_jpeg(tmp_path / "ext.jpg")])
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    qtbot.waitUntil(lambda: "needs a photo" not in flags.text(), timeout=5_000)
    assert "1 photo" in flags.text()


def test_submit_lists_what_is_missing_then_submits(qtbot: Any, runner: Any, store: Any, media: Any,
                                                   tmp_path: Path) -> None:
    visit = start_fire_visit(store)
    ed = make_editor(qtbot, runner, store, media, visit.id)
    ed.confirm = lambda text: True
    assert not ed.submit()
    assert ed.problems_label.isVisibleTo(ed)
    assert "to finish before submitting" in ed.problems_label.text() and "not answered" in ed.problems_label.text()
    assert ed.current_key() == service.problems(store, visit.id)[0].item_key
    assert store.visits.get(visit.id).status.value == "draft"

    answer_everything(store, visit.id, ed.session.template)
    for key in [p.item_key for p in service.problems(store, visit.id) if p.message == "needs a photo"]:
        sha, _, _ = media.put_file(make_jpeg(tmp_path / f"{key}.jpg", color=(len(key) * 3, 40, 90)))
        service.add_photo_record(store, visit.id, sha, item_key=key)
    ed.session.reload()
    assert service.problems(store, visit.id) == []
    ed.confirm = lambda text: False
    assert not ed.submit()
    ed.confirm = lambda text: True
    assert ed.submit()
    assert store.visits.get(visit.id).status.value == "submitted"
    assert "read-only" in ed.header.text()
    assert not ed.answer_panel.isEnabled() and not ed.submit_action.isEnabled()
    qtbot.keyClick(ed.checklist, Qt.Key.Key_2)
    assert store.findings.get_by_key(visit.id, ed.current_key()).result.value == "ok"


def test_undo_refused_after_submission_is_reported(qtbot: Any, runner: Any, store: Any, media: Any) -> None:
    from PySide6.QtGui import QUndoStack

    stack = QUndoStack()  # the window's stack keeps its steps after the visit is submitted
    visit = start_fire_visit(store)
    ed = VisitEditor(runner, store, media, visit.id, lang="en", undo_stack=stack)
    qtbot.addWidget(ed)
    ed.show()
    ed.checklist.setFocus()
    key = ed.current_key()
    qtbot.keyClick(ed.checklist, Qt.Key.Key_1)
    store.visits.update(visit.id, status="submitted")  # e.g. submitted from elsewhere
    ed.session.reload()
    stack.undo()  # refused by the service: reported, nothing raised, the answer stays
    assert store.findings.get_by_key(visit.id, key).result.value == "ok"
    assert "Could not undo" in ed.problems_label.text()


def test_changes_made_elsewhere_show_up(qtbot: Any, runner: Any, store: Any, media: Any) -> None:
    from ui.context import StoreEvents

    events = StoreEvents(store)
    visit = start_fire_visit(store)
    ed = VisitEditor(runner, store, media, visit.id, lang="en", events=events)
    qtbot.addWidget(ed)
    ed.show()
    row = ed.model.rows["fire.mgmt.patrol"]
    answer_cell = row.parent().child(row.row(), 1)
    assert answer_cell.text() == ""
    service.answer(store, visit.id, "fire.mgmt.patrol", result="deficient", severity=4)  # e.g. a sync
    qtbot.waitUntil(lambda: answer_cell.text() == "Deficient", timeout=5_000)
    assert ed.scores.grade.text() == service.scorecard(store, visit.id).grade == "E"  # the only answer earns 0
    store.visits.update(visit.id, status="returned")
    qtbot.waitUntil(lambda: ed.session.visit.status.value == "returned", timeout=5_000)
    assert ed.session.editable
    events.close()
