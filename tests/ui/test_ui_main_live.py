"""Live refresh in the main window: photos and visit answers written elsewhere in the app (a
worker, another panel, the CLI on the same store) appear in the open editors without reopening."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import make_case
from photo_helpers import make_jpeg
from visit_helpers import start_fire_visit

from adjuster.media.service import import_photos


def test_photos_imported_elsewhere_show_in_the_open_case(qtbot: Any, window: Any, store: Any, tmp_path: Path) -> None:
    case = make_case(store, "CLM-LIVE-1")
    window.refresh_lists()
    editor = window.open_case(case.id)
    editor.show_tab("photos")
    assert editor.photos.model.rowCount() == 0
    jpeg = make_jpeg(tmp_path / "in" / "roof.jpg", taken="2024:05:01 10:00:00")
    import_photos(store, window.ctx.media, "case", case.id, [jpeg])  # not through the tab
    qtbot.waitUntil(lambda: editor.photos.model.rowCount() == 1, timeout=5000)


def test_answers_and_photos_written_elsewhere_show_in_the_open_visit(qtbot: Any, window: Any, store: Any,
                                                                     tmp_path: Path) -> None:
    from adjuster.inspect import service

    visit = start_fire_visit(store)
    window.lists.setCurrentWidget(window.visits)
    window.visits.refresh()
    editor = window.open_visit(visit.id)
    from ui.views.visit.checklist import COL_ANSWER

    key = next(k for k in editor.model.item_keys() if editor.session.item(k).answer == "check")
    cell = editor.model._cells(key)[COL_ANSWER]
    assert cell.text() == ""
    service.answer(store, visit.id, key, result="deficient", severity=3, note="seen from the CLI")
    qtbot.waitUntil(lambda: cell.text() == "Deficient", timeout=5000)
    assert editor.session.finding(key).note == "seen from the CLI"
    jpeg = make_jpeg(tmp_path / "in" / "site.jpg")
    tab = editor.visit_photos
    import_photos(store, window.ctx.media, "visit", visit.id, [jpeg])
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
