"""Back-office mode of the main window against a real hub on 127.0.0.1: linking a reviewer (code or
token, a field role refused in the dialog), the queue from the hub, and an approval reaching it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from hub_support import HttpDevice, HubServer, running_hub  # noqa: E402

from adjuster.domain.models import Case  # noqa: E402


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    with running_hub(tmp_path / "hub") as server:
        yield server


@pytest.fixture
def field_device(hub: HubServer, tmp_path: Path) -> Iterator[tuple[HttpDevice, Any]]:
    """An adjuster's device that submitted one case to the hub."""
    alice = HttpDevice(tmp_path, "alice", "alice").enrol(hub)
    case = alice.store.cases.create(Case(claim_no="CLM-BO-1", insured_name="Queue Co", sum_insured="5000"))
    alice.store.cases.update(case.id, status="submitted")
    alice.sync()
    yield alice, case
    alice.close()


def _page_loaded(qtbot: Any, window: Any) -> Any:
    qtbot.waitUntil(lambda: window.hub.page is not None and window.hub.in_back_office, timeout=15_000)
    panel = window.hub.page.panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=15_000)
    return panel


def test_back_office_with_a_reviewers_code_shows_the_queue_and_approves(
        qtbot: Any, window: Any, hub: HubServer, field_device: tuple[HttpDevice, Any]) -> None:
    alice, case = field_device
    assert not window.act_review_tb.isVisible()
    window.act_review.trigger()  # View ▸ Back office: no link yet → asks
    dlg = window.hub.office_dialog
    assert dlg is not None and dlg.isVisible() and not window.hub.in_back_office

    # an adjuster's code is refused in the dialog: field roles cannot review
    dlg.url.setText(hub.url)
    dlg.secret.setText(hub.ctx.auth.create_enrolment("bob", "adjuster"))
    assert dlg.submit()
    qtbot.waitUntil(lambda: dlg.job is None, timeout=15_000)
    assert dlg.isVisible() and "needs a reviewer or an admin" in dlg.error.text()

    dlg.secret.setText(hub.ctx.auth.create_enrolment("rita", "reviewer"))
    with qtbot.waitSignal(dlg.connected, timeout=15_000):
        dlg.submit()
    panel = _page_loaded(qtbot, window)
    assert window.act_review.isChecked() and window.act_review_tb.isVisible()
    assert "rita (reviewer)" in window.hub.page.header.text()
    assert panel.table.item(0, 0).text() == "CLM-BO-1" and "awaiting review 1" in panel.metrics.text()

    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: panel.detail is not None, timeout=10_000)
    panel.amount.setText("4321.00")
    with qtbot.waitSignal(panel.decided, timeout=10_000):
        panel.approve_button.click()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0, timeout=10_000)
    row = hub.ctx.store.store.query_one("SELECT status, approved_amount FROM cases WHERE id = ?", [case.id])
    assert row["status"] == "approved" and str(row["approved_amount"]) in ("4321.00", "4321", "4321.0")
    alice.sync()
    assert alice.store.cases.get(case.id).status == "approved"

    # back to the field lists and again: the link was kept (no dialog the second time)
    window.act_review.trigger()
    assert not window.hub.in_back_office and window.modes.currentWidget() is window.splitter
    window.act_review.trigger()
    assert window.hub.in_back_office and window.hub.office_dialog is None
    assert window.ctx.profile.settings["office_hub_url"] == hub.url
    # the device's own sync link is untouched by the office link
    assert not window.hub.linked()


def test_a_reviewer_device_gets_the_review_button_and_a_token_works(
        qtbot: Any, window: Any, hub: HubServer, field_device: tuple[HttpDevice, Any], tmp_path: Path) -> None:
    office = HttpDevice(tmp_path, "office", "olga").enrol(hub, role="admin")
    try:
        window.hub.ask_office()
        dlg = window.hub.office_dialog
        dlg.url.setText(hub.url)
        dlg.secret.setText(office.token)  # a token, not a code
        with qtbot.waitSignal(dlg.connected, timeout=15_000):
            dlg.submit()
        panel = _page_loaded(qtbot, window)
        assert "olga (admin)" in window.hub.page.header.text()
        assert panel.table.item(0, 1).text() == "Queue Co"
    finally:
        office.close()
    assert window.act_review_tb.isVisible()
    window.act_review_tb.trigger()
    assert not window.hub.in_back_office and not window.act_review.isChecked()


def test_a_device_enrolled_from_the_cli_as_reviewer_opens_the_queue_directly(
        qtbot: Any, window: Any, hub: HubServer, field_device: tuple[HttpDevice, Any]) -> None:
    from adjuster.sync.client import enrol_profile

    enrol_profile(window.ctx.profile, hub.url, hub.ctx.auth.create_enrolment("rex", "reviewer"))
    assert "hub_role" not in window.ctx.profile.settings  # the CLI does not record the role
    assert window.open_review() is None  # asks the hub who this device is, in the background
    _page_loaded(qtbot, window)
    assert window.hub.office_dialog is None
    assert window.ctx.profile.settings["hub_role"] == "reviewer" and window.act_review_tb.isVisible()
    assert "rex (reviewer)" in window.hub.page.header.text()


def test_the_queue_follows_a_language_change(qtbot: Any, window: Any, hub: HubServer,
                                             field_device: tuple[HttpDevice, Any]) -> None:
    window.hub.ask_office()
    dlg = window.hub.office_dialog
    dlg.url.setText(hub.url)
    dlg.secret.setText(hub.ctx.auth.create_enrolment("rita", "reviewer"))
    with qtbot.waitSignal(dlg.connected, timeout=15_000):
        dlg.submit()
    panel = _page_loaded(qtbot, window)
    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: panel.detail is not None, timeout=10_000)
    panel.amount.setText("77.00")
    assert panel.table.item(0, 3).text() == "Submitted"
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: panel.table.item(0, 3).text() == "已提交", timeout=3000)
    assert "待审核 1" in panel.metrics.text() and "状态 已提交" in panel.summary.text()
    assert panel.amount.text() == "77.00" and panel.approve_button.text() == "审核通过"
    window.set_language("en")


def test_device_linked_looks_where_the_sync_client_keeps_the_token(profile: Any) -> None:
    from adjuster.sync.client import save_link, token_path
    from ui.views.review.links import device_linked

    assert not device_linked(profile)
    save_link(profile, "http://127.0.0.1:9", "adj_test")
    assert token_path(profile).is_file() and device_linked(profile)


def test_a_conflict_is_settled_from_the_back_office(qtbot: Any, window: Any, hub: HubServer, tmp_path: Path,
                                                    field_device: tuple[HttpDevice, Any]) -> None:
    alice, case = field_device
    laptop = HttpDevice(tmp_path, "laptop", "alice").enrol(hub)  # alice's second device
    try:
        laptop.sync()
        alice.store.cases.update(case.id, insured_name="Queue Company Ltd")
        laptop.store.cases.update(case.id, insured_name="Queue Co. (Ningbo)")
        alice.sync()
        laptop.sync()  # same field on both sides: a conflict waits for a person
    finally:
        laptop.close()
    window.hub.ask_office()
    dlg = window.hub.office_dialog
    dlg.url.setText(hub.url)
    dlg.secret.setText(hub.ctx.auth.create_enrolment("rita", "reviewer"))
    with qtbot.waitSignal(dlg.connected, timeout=15_000):
        dlg.submit()
    panel = _page_loaded(qtbot, window)
    assert panel.table.item(0, 5).text() == "1"
    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: panel.detail is not None and panel.conflicts.count() == 1, timeout=10_000)
    line = panel.conflicts.item(0).text()
    assert line.startswith("Case · Insured name: hub ") and "Queue Co. (Ningbo)" in line
    assert not panel.keep_device.isEnabled()
    panel.conflicts.setCurrentRow(0)
    assert panel.keep_device.isEnabled()
    with qtbot.waitSignal(panel.decided, timeout=10_000):
        panel.keep_device.click()
    qtbot.waitUntil(lambda: panel.conflicts.count() == 0, timeout=10_000)
    row = hub.ctx.store.store.query_one("SELECT count(*) AS n FROM hub_conflicts WHERE status = 'open'")
    assert row["n"] == 0
    assert window.ctx.runner.errors == []
