"""Screenshots of the hub screens in English and Chinese: Connect to hub, the sync result, and the
back office's review queue, from a demo profile synced with a real hub on 127.0.0.1.

Always grabs them (a crash fails here); writes docs/screenshots only with ADJUSTER_SCREENSHOTS=1.
Also checks that the Chinese screens show no English label of ours.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import drain_events
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from test_ui_main_screenshots import save

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from hub_support import HubServer, running_hub  # noqa: E402


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    with running_hub(tmp_path / "hub") as server:
        yield server


def english_left(widget: QWidget) -> list[str]:
    """Visible labels and buttons of ours still in English (ASCII words, not data or numbers)."""
    import re

    found = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisible() or not isinstance(w, QLabel | QAbstractButton):
            continue
        text = w.text()
        if re.search(r"\b(the|and|of|to|is|Sync|Review|Connect|Sent|Received|Approve|Return|Comment)\b", text):
            found.append(text)
    return found


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_hub_screens(qtbot: Any, window: Any, store: Any, hub: HubServer, tmp_path: Path, lang: str) -> None:
    from adjuster.demo import create_demo

    ctx = window.ctx
    create_demo(ctx.profile)
    window.set_language(lang)
    zh = lang != "en"
    window.resize(1366, 768)
    window.refresh_lists()
    qtbot.waitExposed(window)
    short = "zh" if zh else "en"

    window.sync_now()  # not linked yet: Connect to hub
    dlg = window.hub.connect_dialog
    qtbot.waitExposed(dlg)
    dlg.url.setText(hub.url)
    dlg.secret.setText(hub.ctx.auth.create_enrolment("王磊", "admin"))
    save(dlg, f"sync_connect_{short}.png", tmp_path)
    if zh:
        assert english_left(dlg) == []
    with qtbot.waitSignal(dlg.connected, timeout=15_000):
        dlg.submit()
    qtbot.waitUntil(lambda: window.hub.controller is not None, timeout=5000)
    with qtbot.waitSignal(window.hub.controller.synced, timeout=60_000):
        pass
    result = window.hub.result_dialog
    qtbot.waitExposed(result)
    save(result, f"sync_result_{short}.png", tmp_path)
    if zh:
        assert english_left(result) == []
    result.close()
    save(window, f"main_synced_{short}.png", tmp_path)

    page = window.open_review()  # an admin's device link reviews directly
    assert page is not None
    panel = page.panel
    qtbot.waitUntil(lambda: panel.table.rowCount() >= 1, timeout=15_000)
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text().startswith("PA"))
    panel.table.selectRow(row)
    qtbot.waitUntil(lambda: panel.detail is not None, timeout=10_000)
    qtbot.wait(100)
    save(window, f"review_{short}.png", tmp_path)
    if zh:
        assert english_left(page) == []
    window.toggle_back_office()
    assert ctx.runner.errors == []
    window.set_language("en")
    drain_events()
