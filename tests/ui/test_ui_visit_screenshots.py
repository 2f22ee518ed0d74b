"""Screenshots of the visit editor (checklist, follow-up) and the signature pad, in en and zh
(docs/screenshots with ADJUSTER_SCREENSHOTS=1); also checks the Chinese texts really show."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from photo_helpers import CORPUS, make_jpeg  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from screenshot_helpers import language, load_cjk_font, save_shot  # noqa: E402
from visit_helpers import start_fire_visit  # noqa: E402

from adjuster.inspect import service  # noqa: E402
from ui.dialogs.signature import SignatureDialog  # noqa: E402
from ui.views.visit import VisitEditor  # noqa: E402

ANSWERS: dict[str, dict[str, Any]] = {
    "fire.mgmt.responsible": {"result": "ok"},
    "fire.mgmt.patrol": {"result": "deficient", "severity": 2},
    "fire.mgmt.drill": {"value": "14"},
    "fire.mgmt.training": {"result": "ok"},
    "fire.mgmt.control_room": {"value": "certified_24h"},
    "fire.ext.provision": {"result": "ok"},
    "fire.ext.condition": {"result": "ok"},
    "fire.ext.access": {"result": "deficient", "severity": 3},
    "fire.ext.overdue": {"value": "0"},
    "fire.hyd.pressure": {"value": "0.25"},
    "fire.hyd.cabinet": {"result": "ok"},
}


def photo_file(tmp_path: Path) -> Path:
    corpus = CORPUS / "gps" / "DSCN0021.jpg"
    return corpus if corpus.exists() else make_jpeg(tmp_path / "exit.jpg", color=(180, 60, 40))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_visit_editor_screenshots(qtbot: Any, runner: Any, store: Any, profile: Any, tmp_path: Path,
                                  lang: str) -> None:
    load_cjk_font()
    media = profile.open_media()
    try:
        with language(lang):
            first = start_fire_visit(store, date=dt.date(2023, 11, 20))
            service.answer(store, first.id, "fire.exit.clear", result="deficient", severity=3)
            service.add_recommendation(store, first.id, "fire.exit.clear", responsible="Zhang Wei", lang=lang[:2])
            service.answer(store, first.id, "fire.flam.waste", result="deficient", severity=2)
            service.add_recommendation(store, first.id, "fire.flam.waste", responsible="Warehouse", lang=lang[:2])
            visit = start_fire_visit(store, site=store.sites.get(first.site_id), date=dt.date(2024, 6, 3))
            for key, kwargs in ANSWERS.items():
                service.answer(store, visit.id, key, **kwargs)
            service.add_recommendation(store, visit.id, "fire.mgmt.patrol", responsible="Plant manager", lang=lang)

            ed = VisitEditor(runner, store, media, visit.id, lang=lang)
            qtbot.addWidget(ed)
            ed.resize(1366, 740)
            ed.show()
            qtbot.waitExposed(ed)
            tab = ed.photos_for("fire.ext.access")
            job = tab.import_paths([photo_file(tmp_path)])
            qtbot.waitUntil(lambda: not job.running, timeout=30_000)
            tab.set_caption(tab.photos()[0], "Extinguisher blocked by pallets" if lang == "en" else "灭火器被托盘遮挡")
            ed.checklist.go_to("fire.ext.access")
            tab.select_row(0)
            qtbot.waitUntil(lambda: tab.thumbs.pixmap(tab.photos()[0].sha256) is not None, timeout=30_000)
            assert ed.scores.grade.text() == service.scorecard(store, visit.id).grade
            if lang == "zh":
                assert ed.tabs.tabText(0) == "检查项"
                assert ed.answer_panel.rec_warning.text().startswith("严重度为")
                assert "灭火器" in ed.model.item(1).text()
            save_shot(ed, f"visit_editor_{lang}.png", tmp_path)

            ed.tabs.setCurrentWidget(ed.followup)
            assert ed.followup.table.rowCount() == 2
            ed.followup.table.selectRow(0)
            assert ed.followup.close_button.isEnabled() and not ed.followup.reopen_button.isEnabled()
            save_shot(ed, f"visit_followup_{lang}.png", tmp_path)
            ed.tabs.setCurrentWidget(ed.recs)
            save_shot(ed, f"visit_recommendations_{lang}.png", tmp_path)

            dlg = SignatureDialog("李伟" if lang == "zh" else "Li Wei", "engineer", ed)
            dlg.show()
            qtbot.waitExposed(dlg)
            pad = dlg.pad
            pts = [(60, 150), (90, 80), (120, 160), (150, 90), (185, 150), (230, 100), (270, 140), (320, 95),
                   (360, 150)]
            qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*pts[0]))
            for p in pts[1:]:
                qtbot.mouseMove(pad, QPoint(*p))
            qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*pts[-1]))
            assert dlg.sign_button.isEnabled()
            save_shot(dlg, f"visit_signature_{lang}.png", tmp_path)
            dlg.reject()
    finally:
        media.close()


def test_language_switch_at_runtime(qtbot: Any, runner: Any, store: Any, profile: Any, tmp_path: Path) -> None:
    """Installing the zh translator while the editor is open re-sets its texts, checklist included."""
    load_cjk_font()
    media = profile.open_media()
    try:
        visit = start_fire_visit(store)
        service.answer(store, visit.id, "fire.mgmt.responsible", result="deficient", severity=3)
        ed = VisitEditor(runner, store, media, visit.id)
        qtbot.addWidget(ed)
        ed.show()
        ed.checklist.go_to("fire.mgmt.responsible")
        assert ed.tabs.tabText(0) == "Item"
        assert ed.model.item(0).text().endswith("Fire-safety management")
        with language("zh"):
            qtbot.waitUntil(lambda: ed.tabs.tabText(0) == "检查项", timeout=5_000)
            assert ed.model.item(0).text().endswith("消防安全管理")
            assert ed.current_key() == "fire.mgmt.responsible"
            assert ed.answer_panel.note_edit.placeholderText() == "现场情况（可选）"
            assert "严重" in ed.answer_panel.severity_buttons.button(3).text()
            assert ed.recs.add_button.text() == "添加整改建议"
            assert ed.followup.reopen_button.text() == "重新打开"
            assert ed.visit_photos.import_action.text() == "导入照片…"
            assert ed.undo_action.text().startswith("撤销")
            assert ed.model.item(0).child(0, 1).text() == "不符合"
        qtbot.waitUntil(lambda: ed.tabs.tabText(0) == "Item", timeout=5_000)
    finally:
        media.close()
