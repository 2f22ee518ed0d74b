"""The back-office review panel and the Sync action against a real hub (pytest-qt, offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from hub_support import HttpDevice, running_hub  # noqa: E402

from adjuster.domain.models import Case  # noqa: E402


@pytest.fixture
def hub(tmp_path: Path):
    with running_hub(tmp_path / "hub") as server:
        yield server


@pytest.fixture
def runner(qtbot: Any):
    from ui.workers import JobRunner

    r = JobRunner()
    r.failures = []
    r.error_handler = r.failures.append
    yield r
    r.wait()


def test_review_panel_approves_and_returns(hub, tmp_path: Path, qtbot: Any, runner: Any) -> None:
    from ui.views.review import ReviewPanel

    alice = HttpDevice(tmp_path, "alice", "alice").enrol(hub)
    office = HttpDevice(tmp_path, "office", "rita").enrol(hub, role="reviewer")
    try:
        first = alice.store.cases.create(Case(claim_no="CLM-P-1", insured_name="First Co", status="draft"))
        second = alice.store.cases.create(Case(claim_no="CLM-P-2", insured_name="Second Co"))
        for case in (first, second):
            alice.store.cases.update(case.id, status="submitted")
        alice.sync()

        panel = ReviewPanel(runner, office.transport.client)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            panel.refresh()
        assert panel.table.rowCount() == 2
        assert "awaiting review 2" in panel.metrics.text()

        panel.table.selectRow(0)
        qtbot.waitUntil(lambda: panel.detail is not None, timeout=10_000)
        assert panel.detail["case"]["claim_no"] == "CLM-P-1" and panel.changes.count() >= 2
        panel.amount.setText("1200.50")
        with qtbot.waitSignal(panel.decided, timeout=10_000):
            panel.approve_button.click()
        qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10_000)

        panel.table.selectRow(0)
        qtbot.waitUntil(lambda: panel.detail is not None and panel.detail["case"]["id"] == second.id, timeout=10_000)
        panel.return_button.click()  # no comment: refused in the panel, nothing sent
        assert "comment" in panel.status.text()
        panel.comment.setPlainText("Need the invoice")
        with qtbot.waitSignal(panel.decided, timeout=10_000):
            panel.return_button.click()
        qtbot.waitUntil(lambda: panel.table.rowCount() == 0, timeout=10_000)
        runner.wait()
        assert runner.failures == []

        alice.sync()
        assert alice.store.cases.get(first.id).status == "approved"
        assert str(alice.store.cases.get(first.id).approved_amount) == "1200.50"
        assert alice.store.cases.get(second.id).review_comment == "Need the invoice"
    finally:
        alice.close()
        office.close()


def test_sync_controller_runs_in_the_background_and_reports(hub, tmp_path: Path, qtbot: Any, runner: Any) -> None:
    from adjuster.profile import Profile
    from adjuster.sync.client import enrol_profile
    from ui.views.review import SyncController

    profile = Profile.at(tmp_path / "profile")
    profile.settings["user_name"] = "alice"
    profile.save_settings()
    enrol_profile(profile, hub.url, hub.ctx.auth.create_enrolment("alice"))
    store = profile.open_store()
    store.cases.create(Case(claim_no="CLM-S-1"))
    store.close()

    controller = SyncController(runner, profile)
    with qtbot.waitSignal(controller.synced, timeout=15_000) as done:
        assert controller.start()
        assert controller.busy and not controller.start()  # one round at a time
    assert done.args[0].startswith("Sent 1 changes and 0 files")
    qtbot.waitUntil(lambda: not controller.busy)
    assert hub.ctx.store.store.query_one("SELECT count(*) AS n FROM cases")["n"] == 1

    hub.ctx.auth.revoke(hub.ctx.auth.devices()[0]["device_id"])
    with qtbot.waitSignal(controller.failed, timeout=15_000) as failed:
        controller.start()
    assert "unauthorized" in failed.args[0]


def test_review_panel_returns_a_visit_to_the_engineer(hub, tmp_path: Path, qtbot: Any, runner: Any) -> None:
    import datetime as dt

    from adjuster.domain.models import Site, Visit
    from ui.views.review import ReviewPanel

    carol = HttpDevice(tmp_path, "carol", "carol").enrol(hub, role="engineer", team="east")
    office = HttpDevice(tmp_path, "office", "rita").enrol(hub, role="reviewer")
    try:
        site = carol.store.sites.create(Site(name="East depot"))
        visit = carol.store.visits.create(Visit(site_id=site.id, visit_date=dt.date.today(), engineer="carol"))
        carol.store.visits.update(visit.id, status="submitted")
        carol.sync()

        panel = ReviewPanel(runner, office.transport.client)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            panel.refresh()
        assert panel.table.rowCount() == 1 and panel.table.item(0, 0).text() == "East depot"
        panel.table.selectRow(0)
        qtbot.waitUntil(lambda: panel.kind == "visit" and panel.detail is not None, timeout=10_000)
        assert "East depot" in panel.summary.text() and not panel.assign_button.isEnabled()
        panel.comment.setPlainText("Add the sprinkler photos")
        with qtbot.waitSignal(panel.decided, timeout=10_000):
            panel.return_button.click()
        qtbot.waitUntil(lambda: panel.table.rowCount() == 0, timeout=10_000)
        runner.wait()
        assert runner.failures == []
        carol.sync()
        got = carol.store.visits.get(visit.id)
        assert got.status == "returned" and got.review_comment == "Add the sprinkler photos"
    finally:
        carol.close()
        office.close()
