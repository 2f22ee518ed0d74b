"""The whole loop on a real server: two field devices work offline, sync over HTTP, the office
approves one case and returns the other, the decisions reach the devices; conflicts surface in
the review queue; a cut link during a photo upload loses nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hub_support import CuttingProxy, HttpDevice, running_hub

from adjuster.domain.models import Case, LossItem
from adjuster.sync.client import HttpTransport, HubApiError, HubClient


@pytest.fixture
def hub(tmp_path: Path):
    with running_hub(tmp_path / "hub") as server:
        yield server


def _submitted_case(dev: HttpDevice, claim_no: str, photos: int = 2) -> Case:
    today = dt.date.today()
    case = dev.store.cases.create(Case(claim_no=claim_no, insured_name=f"Insured {claim_no}", sum_insured=Decimal("100000"),
                                       loss_date=today - dt.timedelta(days=10), survey_date=today - dt.timedelta(days=8)))
    dev.store.items.create(LossItem(case_id=case.id, description="Flooded stock", qty=Decimal("3"), unit_price=Decimal("1500.00")))
    for i in range(photos):
        dev.add_photo(case.id, os.urandom(50_000 + i), caption=f"photo {i}")
    return dev.store.cases.update(case.id, status="submitted")


def test_two_devices_office_decides_and_decisions_come_back(hub, tmp_path: Path) -> None:
    alice = HttpDevice(tmp_path, "alice-laptop", "alice").enrol(hub)
    bob = HttpDevice(tmp_path, "bob-laptop", "bob").enrol(hub)
    office = HttpDevice(tmp_path, "office", "rita").enrol(hub, role="reviewer")
    try:
        a_case = _submitted_case(alice, "CLM-A-001")
        b_case = _submitted_case(bob, "CLM-B-001", photos=1)
        ra, rb = alice.sync(), bob.sync()
        assert (ra.sent_blobs, rb.sent_blobs) == (2, 1)
        assert not ra.held and not ra.rejected and not rb.held and not rb.rejected

        hubstore = hub.ctx.store
        for dev in (alice, bob):
            for photo in dev.store.photos.list():
                path = hubstore.blob_path(photo.sha256)
                assert hashlib.sha256(path.read_bytes()).hexdigest() == photo.sha256

        rita = office.transport.client
        queue = rita.get_json("/v1/review/queue")["queue"]
        assert {q["claim_no"] for q in queue} == {"CLM-A-001", "CLM-B-001"}
        detail = rita.get_json(f"/v1/review/cases/{a_case.id}")
        assert len(detail["items"]) == 1 and len(detail["photos"]) == 2 and detail["changes_since_review"]

        rita.post_json(f"/v1/review/cases/{a_case.id}/decision", {"decision": "approve", "amount": "4100.50"})
        rita.post_json(f"/v1/review/cases/{b_case.id}/decision", {"decision": "return", "comment": "photos of the meter missing"})
        with pytest.raises(HubApiError) as err:
            rita.post_json(f"/v1/review/cases/{b_case.id}/decision", {"decision": "return"})
        assert err.value.status == 422 and err.value.extra["field"] == "comment"
        assert rita.get_json("/v1/review/queue")["queue"] == []

        alice.sync()
        bob.sync()
        a_now = alice.store.cases.get(a_case.id)
        b_now = bob.store.cases.get(b_case.id)
        assert a_now.status == "approved" and a_now.approved_amount == Decimal("4100.50") and a_now.reviewed_by == "rita"
        assert b_now.status == "returned" and b_now.review_comment == "photos of the meter missing"

        # bob fixes and resubmits; the office sees only what changed since its decision
        bob.add_photo(b_case.id, os.urandom(40_000), caption="meter")
        bob.store.cases.update(b_case.id, status="submitted")
        bob.sync()
        detail = rita.get_json(f"/v1/review/cases/{b_case.id}")
        changed = {(c["entity"], c["action"]) for c in detail["changes_since_review"]}
        assert changed == {("photo", "create"), ("case", "update")}
        assert len(detail["photos"]) == 2

        stats = rita.get_json("/v1/metrics")
        assert stats["cases"]["total"] == 2 and stats["cases"]["closed"] == 1
        assert stats["cases"]["avg_days_loss_to_survey"] == 2.0
        assert stats["per_adjuster"]["alice"]["closed"] == 1 and stats["per_adjuster"]["bob"]["open"] == 1
    finally:
        for dev in (alice, bob, office):
            dev.close()


def test_same_field_conflict_surfaces_in_the_review_queue(hub, tmp_path: Path) -> None:
    laptop = HttpDevice(tmp_path, "laptop", "alice").enrol(hub)
    tablet = HttpDevice(tmp_path, "tablet", "alice").enrol(hub)
    office = HttpDevice(tmp_path, "office", "rita").enrol(hub, role="reviewer")
    try:
        case = _submitted_case(laptop, "CLM-C-001", photos=1)
        laptop.sync()
        tablet.sync()
        assert tablet.store.cases.get(case.id).claim_no == "CLM-C-001"
        assert tablet.store.photos.list()  # the photo came down with its file
        laptop.store.cases.update(case.id, narrative_cause="burst pipe in the ceiling")
        tablet.store.cases.update(case.id, narrative_cause="roof leak after the storm")
        laptop.sync()
        report = tablet.sync()
        assert report.conflicts == 1
        mine = tablet.transport.client.get_json("/v1/conflicts")["conflicts"]
        assert [c["field"] for c in mine] == ["narrative_cause"]
        assert laptop.transport.client.get_json("/v1/conflicts")["conflicts"] == []  # not its op

        rita = office.transport.client
        queue = rita.get_json("/v1/review/queue")["queue"]
        assert queue[0]["open_conflicts"] == 1
        conflicts = rita.get_json(f"/v1/review/cases/{case.id}")["conflicts"]
        assert len(conflicts) == 1 and conflicts[0]["field"] == "narrative_cause"
        assert {conflicts[0]["hub_value"], conflicts[0]["device_value"]} == {"burst pipe in the ceiling",
                                                                          "roof leak after the storm"}
        rita.post_json(f"/v1/conflicts/{conflicts[0]['conflict_id']}/resolve", {"choice": "edited",
                                                                                "value": "roof leak; pipe burst after"})
        laptop.sync()
        tablet.sync()
        for dev in (laptop, tablet):
            assert dev.store.cases.get(case.id).narrative_cause == "roof leak; pipe burst after"
        assert rita.get_json("/v1/review/queue")["queue"][0]["open_conflicts"] == 0
    finally:
        for dev in (laptop, tablet, office):
            dev.close()


def test_sync_over_a_link_cut_mid_photo_loses_and_duplicates_nothing(hub, tmp_path: Path) -> None:
    dev = HttpDevice(tmp_path, "field", "alice").enrol(hub)
    try:
        case = dev.store.cases.create(Case(claim_no="CLM-F-001"))
        big = os.urandom(20 * 1024 * 1024)
        photo = dev.add_photo(case.id, big, caption="wide shot")
        proxy = CuttingProxy(hub.port, cut_after=int(len(big) * 0.9))
        try:
            dev.transport = HttpTransport(HubClient(proxy.url, dev.token, backoff=0.01))
            report = dev.sync()
        finally:
            proxy.close()
        assert proxy.cuts == 1
        assert report.sent_blobs == 1 and not report.held
        assert proxy.upstream_bytes < len(big) * 1.5  # resumed near the cut; from 0 it would be >= 1.9x
        store = hub.ctx.store
        assert hashlib.sha256(store.blob_path(photo.sha256).read_bytes()).hexdigest() == photo.sha256
        assert store.record("photo", photo.id)["sha256"] == photo.sha256
        ops = store.store.query("SELECT op_id, status FROM hub_ops")
        assert len(ops) == 2 and {o["status"] for o in ops} == {"applied"}
        assert dev.store.outbox() == []
        # a second sync sends nothing again
        again = dev.sync()
        assert again.sent_ops == 0 and again.sent_blobs == 0
    finally:
        dev.close()


def test_push_repeated_after_a_lost_answer_applies_once(hub, tmp_path: Path) -> None:
    dev = HttpDevice(tmp_path, "field", "alice").enrol(hub)
    try:
        for i in range(5):
            dev.store.cases.create(Case(claim_no=f"CLM-R-{i:03d}"))
        from adjuster.sync.outbox import pending_ops

        ops = pending_ops(dev.store)
        first = dev.transport.push(dev.store.device_id, ops)  # the answer "gets lost": nothing acked locally
        second = dev.transport.push(dev.store.device_id, ops)
        assert len(first.accepted) == 5 and sorted(second.duplicates) == sorted(first.accepted)
        assert hub.ctx.store.store.query_one("SELECT count(*) AS n FROM cases")["n"] == 5
    finally:
        dev.close()
