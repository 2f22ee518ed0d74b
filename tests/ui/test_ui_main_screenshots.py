"""Screenshots of the main screens in English and Chinese, from a demo profile.

Always grabs the screens (so a crash in a screen fails here); writes them to docs/screenshots only
with ADJUSTER_SCREENSHOTS=1 (under Xvfb: ``xvfb-run -a -s "-screen 0 1366x768x24"`` and
QT_QPA_PLATFORM=xcb, or offscreen). Also checks that the Chinese screens really show Chinese.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import drain_events
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parents[2]
SHOT_DIR = ROOT / "docs" / "screenshots"


def save(widget: QWidget, name: str, tmp_path: Path) -> Path:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    widget.repaint()
    pix = widget.grab()
    assert not pix.isNull() and pix.width() > 200
    target = SHOT_DIR if os.environ.get("ADJUSTER_SCREENSHOTS") else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    path = target / name
    assert pix.save(str(path))
    return path


def _richest_case(store: Any) -> str:
    row = store.query_one(
        "SELECT c.id FROM cases c LEFT JOIN photos p ON p.owner_id = c.id AND p.deleted_at IS NULL "
        "LEFT JOIN loss_items i ON i.case_id = c.id AND i.deleted_at IS NULL "
        "WHERE c.deleted_at IS NULL AND c.claim_no LIKE ? GROUP BY c.id "
        "ORDER BY count(DISTINCT p.id) + count(DISTINCT i.id) DESC LIMIT 1", ["PA%"])
    return str(row["id"])


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_main_screens(qtbot: Any, window: Any, store: Any, tmp_path: Path, lang: str) -> None:
    from adjuster.demo import create_demo

    ctx = window.ctx
    create_demo(ctx.profile)
    ctx.profile.settings.update(company_name="华安保险公估有限公司" if lang != "en" else "Harbour Loss Adjusters Ltd")
    window.set_language(lang)
    qtbot.waitUntil(lambda: window.lists.tabText(0) == ("案件" if lang != "en" else "Cases"), timeout=3000)
    window.resize(1366, 768)
    window.refresh_lists()
    qtbot.waitExposed(window)
    short = "zh" if lang.startswith("zh") else "en"
    zh = short == "zh"

    case_id = _richest_case(store)
    window.cases.select_case(case_id)
    editor = window.open_case(case_id)
    editor.show_tab("overview")
    if zh:
        assert window.lists.tabText(0) == "案件" and editor.tabs.tabText(0) == "概况"
    save(window, f"main_{short}.png", tmp_path)

    editor.show_tab("photos")
    photos = editor.photos
    if hasattr(photos, "thumbs") and hasattr(photos, "photos") and photos.photos():
        qtbot.waitUntil(lambda: all(photos.thumbs.pixmap(p.sha256) is not None for p in photos.photos()[:8]),
                        timeout=30_000)
    save(window, f"case_photos_{short}.png", tmp_path)

    editor.show_tab("items")
    save(window, f"case_items_{short}.png", tmp_path)

    editor.show_tab("calculation")
    assert editor.calculation.statement is not None, editor.calculation.error
    if zh:
        assert "赔款金额" in editor.calculation.total.text()
    save(window, f"case_calculation_{short}.png", tmp_path)

    editor.show_tab("report")
    editor.report.lang.setCurrentIndex(editor.report.lang.findData("zh" if zh else "en"))
    with qtbot.waitSignal(editor.report.previewed, timeout=120_000):
        window.generate_report()
    assert editor.report.view.pages >= 3
    qtbot.wait(150)  # let the page view lay out its pages
    save(window, f"case_report_{short}.png", tmp_path)

    editor.show_tab("history")
    save(window, f"case_history_{short}.png", tmp_path)

    if store.visits.count():
        window.lists.setCurrentWidget(window.visits)
        window.visits.refresh()
        window.visits.table.selectRow(0)
        qtbot.wait(200)
        save(window, f"main_visit_{short}.png", tmp_path)

    from ui.dialogs.settings import SettingsDialog

    dlg = SettingsDialog(ctx.profile, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat), window)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    if zh:
        assert dlg.windowTitle() == "设置"
    save(dlg, f"settings_{short}.png", tmp_path)
    dlg.list.setCurrentRow(2)
    save(dlg, f"settings_reports_{short}.png", tmp_path)
    dlg.close()

    from ui.dialogs.welcome import WelcomeDialog

    welcome = WelcomeDialog(ctx.profile, ctx.runner, window)
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.waitExposed(welcome)
    save(welcome, f"welcome_{short}.png", tmp_path)
    welcome.close()
    assert ctx.runner.errors == []
    window.set_language("en")
    drain_events()
