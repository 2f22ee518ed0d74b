"""Sync from the main window against a real hub on 127.0.0.1: connect (enrolment code), sync in the
background, the result dialog, the status bar, views refreshed with what the hub sent, conflicts,
and a refused token."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import make_case
from PySide6.QtWidgets import QApplication, QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from hub_support import HttpDevice, HubServer, running_hub  # noqa: E402


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    with running_hub(tmp_path / "hub") as server:
        yield server


def _connect(qtbot: Any, window: Any, hub: HubServer) -> Any:
    """Sync on a profile with no hub: the Connect dialog asks; a good code enrols and syncs."""
    assert window.sync_now() is False
    dlg = window.hub.connect_dialog
    assert dlg is not None and dlg.isVisible()
    dlg.url.setText(f"127.0.0.1:{hub.port}")  # the scheme is added
    dlg.secret.setText(hub.ctx.auth.create_enrolment("tester"))
    with qtbot.waitSignal(dlg.connected, timeout=15_000):
        assert dlg.submit()
    qtbot.waitUntil(lambda: window.hub.controller is not None, timeout=5000)
    return window.hub.controller


def test_connect_then_sync_in_the_background(qtbot: Any, window: Any, store: Any, hub: HubServer) -> None:
    case = make_case(store, "CLM-SYNC-1")
    window.refresh_lists()
    assert "not synced (no hub set)" in window.sync_label.text()

    # a wrong code: the dialog says why, keeps what was typed and stays open
    window.sync_now()
    dlg = window.hub.connect_dialog
    dlg.url.setText(hub.url)
    dlg.secret.setText("AAAA-BBBB-CCCC")
    assert dlg.submit()
    qtbot.waitUntil(lambda: dlg.job is None, timeout=15_000)
    assert dlg.isVisible() and "refused the code" in dlg.error.text()
    assert dlg.secret.text() == "AAAA-BBBB-CCCC" and dlg.ok.isEnabled()
    # an empty address is refused in the dialog, nothing sent
    dlg.url.setText(" ")
    assert dlg.submit() is False and "address" in dlg.error.text()
    dlg.reject()

    controller = _connect(qtbot, window, hub)
    assert window.ctx.profile.settings["hub_url"] == f"http://127.0.0.1:{hub.port}"
    assert window.ctx.profile.settings["hub_role"] == "adjuster"
    with qtbot.waitSignal(controller.synced, timeout=20_000):
        pass
    result = window.hub.result_dialog
    assert result is not None and result.isVisible()
    assert result.values["sent"].text() == "1 change(s), 0 photo(s)"
    assert result.values["conflicts"].text() == "0" and result.values["rejected"].text() == "0"
    assert hub.ctx.store.store.query_one("SELECT claim_no FROM cases WHERE id = ?", [case.id])["claim_no"] == "CLM-SYNC-1"
    text = window.sync_label.text()
    assert text.startswith("All changes synced · last sync ") and "never" not in text
    assert window.cases.model.data(window.cases.model.index(0, 0)) == "CLM-SYNC-1"

    # the round runs in a worker: sync_now returns at once, a second round is refused meanwhile
    t0 = time.perf_counter()
    assert window.sync_now() is True
    assert time.perf_counter() - t0 < 0.5
    assert not window.act_sync.isEnabled() and window.sync_now() is False
    with qtbot.waitSignal(controller.synced, timeout=20_000):
        pass
    assert window.act_sync.isEnabled()
    assert [j.title for j in window.ctx.runner.errors] == ["Connecting to the hub"]  # only the wrong code


def test_sync_refreshes_the_open_case_and_reports_conflicts(qtbot: Any, window: Any, store: Any, hub: HubServer,
                                                            tmp_path: Path) -> None:
    case = make_case(store, "CLM-SYNC-2", insured_name="Before Ltd")
    store.cases.set_status(case.id, "submitted")
    controller = _connect(qtbot, window, hub)
    with qtbot.waitSignal(controller.synced, timeout=20_000):
        pass
    window.refresh_lists()
    window.cases.select_case(case.id)
    editor = window.open_case(case.id)
    assert "Submitted" in editor.header.text()

    # the office approves it, and a second device of the same adjuster renames the insured
    office = HttpDevice(tmp_path, "office", "rita").enrol(hub, role="reviewer")
    other = HttpDevice(tmp_path, "other", "tester").enrol(hub)
    try:
        office.transport.client.post_json(f"/v1/review/cases/{case.id}/decision",
                                          {"decision": "approve", "comment": "", "amount": "900.00"})
        other.sync()
        other.store.cases.update(case.id, insured_name="Other Device Ltd")
        other.sync()
    finally:
        office.close()
        other.close()
    # meanwhile this device renames it too: the same field on both sides is a conflict
    store.cases.update(case.id, insured_name="This Device Ltd")
    with qtbot.waitSignal(controller.synced, timeout=20_000):
        assert window.sync_now()
    result = window.hub.result_dialog
    assert result.values["conflicts"].text() == "1"
    assert "conflict" in result.hint.text()
    assert "1 conflict" in window.sync_label.text()
    # the open editor shows what arrived, without reopening it
    qtbot.waitUntil(lambda: "Approved" in window.case_editor.header.text(), timeout=5000)
    assert window.case_editor.overview.form is not None


def test_a_revoked_device_sees_why_and_loses_nothing(qtbot: Any, window: Any, store: Any, hub: HubServer) -> None:
    controller = _connect(qtbot, window, hub)
    with qtbot.waitSignal(controller.synced, timeout=20_000):
        pass
    make_case(store, "CLM-SYNC-3")
    hub.ctx.auth.revoke(hub.ctx.auth.devices()[0]["device_id"])
    with qtbot.waitSignal(controller.failed, timeout=20_000):
        assert window.sync_now()
    result = window.hub.result_dialog
    assert result.headline.text() == "Sync failed."
    assert "does not accept this token" in result.hint.text() and "Nothing was lost" in result.hint.text()
    assert "1 change(s) waiting to sync" in window.sync_label.text()
    assert [j.title for j in window.ctx.runner.errors] == ["Syncing with the hub"]
    assert not any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_the_result_dialog_lists_what_the_hub_refused_and_why(qtbot: Any) -> None:
    from adjuster.sync.syncer import SyncReport
    from ui.views.review.sync_result import SyncResultDialog

    report = SyncReport(sent_ops=5, sent_blobs=2, received=3, received_blobs=1, conflicts=0,
                        rejected={"01aaaaaa-op": "case is not assigned to tester"},
                        held={"01bbbbbb-op": "waiting for photo 1234abcd…"},
                        refused_fields={"01cccccc-op": ["status", "approved_amount"]},
                        warnings=["this computer's clock differs from the hub's by +9 min"])
    dlg = SyncResultDialog()
    qtbot.addWidget(dlg)
    dlg.show_report(report)
    dlg.show()
    assert dlg.values["sent"].text() == "5 change(s), 2 photo(s)" and dlg.values["received"].text() == "3 change(s), 1 photo(s)"
    assert dlg.values["rejected"].text() == "1" and dlg.values["held"].text() == "1"
    lines = [dlg.details.item(i).text() for i in range(dlg.details.count())]
    assert "Refused: Case is not assigned to tester  (01aaaaaa)" in lines
    assert any(line.startswith("Waiting: waiting for photo") for line in lines)
    assert "Kept by the office, not changed here: Approved amount, Status" in lines
    assert any("clock differs from the hub's by +9 min: sync is unaffected" in line for line in lines)
    assert "need your attention" in dlg.headline.text() and "Refused changes stay" in dlg.hint.text()
    dlg.show_failure("The hub http://x does not answer.")
    assert dlg.headline.text() == "Sync failed." and not dlg.details.isVisible()
    assert not dlg.values["sent"].isVisible()


def test_the_sync_line_says_what_waits_when_it_last_ran_and_conflicts(qtbot: Any) -> None:
    import datetime as dt

    from ui.views.review.texts import sync_state

    assert sync_state(0, None, 0, linked=False) == "Not connected to a hub"
    assert sync_state(3, None, 0, linked=False) == "3 change(s) not synced (no hub set)"
    assert sync_state(0, None, 0, linked=True) == "All changes synced · last sync never"
    now = dt.datetime.now(dt.UTC).isoformat()
    local = dt.datetime.now().astimezone().strftime("%H:%M")
    assert sync_state(2, now, 1, linked=True) in (f"2 change(s) waiting to sync · last sync {local} · 1 conflict(s)",)
    assert "2025-01-02" in sync_state(0, "2025-01-02T03:04:05Z", 0, linked=True)


def test_connecting_to_a_hub_that_does_not_answer_says_so_in_the_dialog(qtbot: Any, window: Any) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dlg = window.connect_hub()
    dlg.url.setText(f"http://127.0.0.1:{port}")
    dlg.secret.setText("ABCD-EFGH-JKLM")
    t0 = time.perf_counter()
    assert dlg.submit()
    assert time.perf_counter() - t0 < 0.5  # asked in the background
    assert not dlg.ok.isEnabled() and "Connecting to" in dlg.error.text()
    dlg.reject()  # refused while the hub is being asked
    assert dlg.isVisible()
    qtbot.waitUntil(lambda: dlg.job is None, timeout=30_000)
    assert "does not answer" in dlg.error.text() and dlg.ok.isEnabled()
    assert not window.hub.linked() and not window.ctx.profile.settings.get("hub_url")
