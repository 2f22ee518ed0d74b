"""Visit editor: answering by keyboard, the live grade, other answer types, undo/redo of answers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from decimal import Decimal  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from visit_helpers import start_fire_visit  # noqa: E402

from adjuster.inspect import service  # noqa: E402
from ui.views.visit import VisitEditor  # noqa: E402


@pytest.fixture
def media(profile: Any) -> Any:
    m = profile.open_media()
    yield m
    m.close()


@pytest.fixture
def editor(qtbot: Any, runner: Any, store: Any, media: Any) -> VisitEditor:
    visit = start_fire_visit(store)
    widget = VisitEditor(runner, store, media, visit.id, lang="en")
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # focus and shortcuts need the active window (matters under Xvfb)
    qtbot.waitActive(widget)
    widget.checklist.setFocus()
    return widget


def press(qtbot: Any, editor: VisitEditor, *keys: Any, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
    for key in keys:
        qtbot.keyClick(editor.checklist, key, modifier)


def test_keyboard_answers_move_on_and_grade_updates(qtbot: Any, editor: VisitEditor, store: Any) -> None:
    vid = editor.session.visit.id
    assert editor.current_key() == "fire.mgmt.responsible"
    assert editor.scores.grade.text() == "—"
    press(qtbot, editor, Qt.Key.Key_1)  # OK → next item
    assert editor.current_key() == "fire.mgmt.patrol"
    assert store.findings.get_by_key(vid, "fire.mgmt.responsible").result.value == "ok"
    assert editor.scores.grade.text() == "A"
    assert store.visits.get(vid).grade == "A"

    press(qtbot, editor, Qt.Key.Key_2)  # deficient: stays for the severity
    assert editor.current_key() == "fire.mgmt.patrol"
    f = store.findings.get_by_key(vid, "fire.mgmt.patrol")
    assert f.result.value == "deficient" and f.severity == 2  # the template's default severity
    press(qtbot, editor, Qt.Key.Key_4, modifier=Qt.KeyboardModifier.ControlModifier)
    assert store.findings.get_by_key(vid, "fire.mgmt.patrol").severity == 4
    # a severity-4 deficiency caps the grade at D, shown at once
    assert editor.scores.grade.text() == "D"
    assert "needs recommendation" in editor.model.item(0).child(1, 3).text()
    assert editor.answer_panel.rec_warning.isVisibleTo(editor)

    press(qtbot, editor, Qt.Key.Key_Down)  # arrow keys move
    assert editor.current_key() == "fire.mgmt.drill"
    press(qtbot, editor, Qt.Key.Key_1)  # a number item: a digit starts the value…
    assert editor.answer_panel.value_edit.hasFocus()
    qtbot.keyClicks(editor.answer_panel.value_edit, "8")  # …and the rest is typed into it
    assert editor.answer_panel.value_edit.text() == "18"
    qtbot.keyClick(editor.answer_panel.value_edit, Qt.Key.Key_Return)
    f = store.findings.get_by_key(vid, "fire.mgmt.drill")
    assert f.value == "18" and f.result.value == "deficient"  # ok_max 12 months
    assert editor.current_key() == "fire.mgmt.drill"  # deficient: stays
    assert "18 months" in editor.model.item(0).child(2, 1).text()

    press(qtbot, editor, Qt.Key.Key_Down, Qt.Key.Key_N)  # training: n/a by N
    assert store.findings.get_by_key(vid, "fire.mgmt.training").result.value == "n/a"
    assert editor.current_key() == "fire.mgmt.control_room"
    press(qtbot, editor, Qt.Key.Key_1)  # a choice item: 1 = first choice (certified_24h → ok)
    f = store.findings.get_by_key(vid, "fire.mgmt.control_room")
    assert f.value == "certified_24h" and f.result.value == "ok"

    card = service.scorecard(store, vid)
    assert editor.scores.grade.text() == card.grade
    assert editor.session.card.overall == card.overall
    bar = editor.scores.bars["management"][1]
    assert bar.format() == f"{card.categories[0].score:.1f}"


def test_escape_leaves_the_value_field_without_saving(qtbot: Any, editor: VisitEditor, store: Any) -> None:
    editor.checklist.go_to("fire.mgmt.drill")
    press(qtbot, editor, Qt.Key.Key_7)
    assert editor.answer_panel.value_edit.hasFocus()
    qtbot.keyClick(editor.answer_panel.value_edit, Qt.Key.Key_Escape)
    assert editor.checklist.hasFocus()
    assert editor.answer_panel.value_edit.text() == ""
    assert store.findings.get_by_key(editor.session.visit.id, "fire.mgmt.drill") is None
    assert editor.current_key() == "fire.mgmt.drill"


def test_bad_number_is_shown_at_the_field_and_nothing_saved(qtbot: Any, editor: VisitEditor, store: Any) -> None:
    editor.checklist.go_to("fire.mgmt.drill")
    press(qtbot, editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.answer_panel.value_edit, "abc")
    qtbot.keyClick(editor.answer_panel.value_edit, Qt.Key.Key_Return)
    assert editor.answer_panel.error.isVisibleTo(editor)
    assert "months" in editor.answer_panel.error.text()
    assert editor.answer_panel.value_edit.text() == "abc"  # what was typed is kept
    assert store.findings.get_by_key(editor.session.visit.id, "fire.mgmt.drill") is None
    assert editor.undo_stack.count() == 0


def test_undo_redo_of_answers(qtbot: Any, editor: VisitEditor, store: Any) -> None:
    vid = editor.session.visit.id
    press(qtbot, editor, Qt.Key.Key_1, Qt.Key.Key_2)
    press(qtbot, editor, Qt.Key.Key_3, modifier=Qt.KeyboardModifier.ControlModifier)
    assert editor.undo_stack.count() == 3
    # management: 3 + 3 × 1/4 of 6 points = 62.5 → band C (the severity-3 cap at B does not bite)
    assert editor.scores.grade.text() == "C"
    assert store.findings.get_by_key(vid, "fire.mgmt.patrol").severity == 3
    editor.undo_stack.undo()
    assert store.findings.get_by_key(vid, "fire.mgmt.patrol").severity == 2
    editor.undo_stack.undo()
    assert store.findings.get_by_key(vid, "fire.mgmt.patrol").result.value == "unanswered"
    assert editor.scores.grade.text() == "A"
    assert store.visits.get(vid).grade == "A"
    editor.undo_stack.redo()
    editor.undo_stack.redo()
    assert store.findings.get_by_key(vid, "fire.mgmt.patrol").severity == 3
    assert editor.scores.grade.text() == service.scorecard(store, vid).grade
    # Ctrl+Z in the editor is the same stack
    editor.checklist.setFocus()
    qtbot.keyClick(editor.checklist, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.findings.get_by_key(vid, "fire.mgmt.patrol").severity == 2


def test_clear_and_text_items(qtbot: Any, editor: VisitEditor, store: Any) -> None:
    vid = editor.session.visit.id
    press(qtbot, editor, Qt.Key.Key_1)
    editor.checklist.go_to("fire.mgmt.responsible")
    press(qtbot, editor, Qt.Key.Key_0)
    assert store.findings.get_by_key(vid, "fire.mgmt.responsible").result.value == "unanswered"
    editor.checklist.go_to("fire.hk.notes")
    press(qtbot, editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.answer_panel.value_edit, "Tidy workshop")
    qtbot.keyClick(editor.answer_panel.value_edit, Qt.Key.Key_Return)
    assert store.findings.get_by_key(vid, "fire.hk.notes").value == "Tidy workshop"
    hyd = editor.session.item("fire.hyd.pressure")
    assert hyd.unit == "MPa"
    editor.checklist.go_to("fire.hyd.pressure")
    press(qtbot, editor, Qt.Key.Key_Period)
    qtbot.keyClicks(editor.answer_panel.value_edit, "25")
    qtbot.keyClick(editor.answer_panel.value_edit, Qt.Key.Key_Return)
    f = store.findings.get_by_key(vid, "fire.hyd.pressure")
    assert Decimal(f.value) == Decimal("0.25") and f.result.value == "ok"


def test_undo_on_the_windows_stack_after_the_editor_closed(qtbot: Any, runner: Any, store: Any, media: Any) -> None:
    """The window's stack outlives a closed editor: undoing its steps still reverts the data."""
    import shiboken6
    from PySide6.QtGui import QUndoStack

    stack = QUndoStack()
    visit = start_fire_visit(store)
    ed = VisitEditor(runner, store, media, visit.id, lang="en", undo_stack=stack)
    ed.show()
    ed.checklist.setFocus()
    qtbot.keyClick(ed.checklist, Qt.Key.Key_2)
    key = "fire.mgmt.responsible"
    assert store.findings.get_by_key(visit.id, key).result.value == "deficient"
    ed.close()
    shiboken6.delete(ed)  # the C++ widget is gone; the Python wrapper and the stack's commands remain
    assert not shiboken6.isValid(ed)
    stack.undo()
    assert store.findings.get_by_key(visit.id, key).result.value == "unanswered"
    assert store.visits.get(visit.id).grade == ""
    stack.redo()
    assert store.findings.get_by_key(visit.id, key).result.value == "deficient"
