"""Devices receive only what is theirs; reassigning a case moves the whole file to the new adjuster."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hub_support import HttpDevice, running_hub

from adjuster.domain.models import Case, LossItem, Site
from adjuster.sync.client import HubApiError


@pytest.fixture
def hub(tmp_path: Path):
    with running_hub(tmp_path / "hub") as server:
        yield server


def test_pull_brings_only_own_cases_and_team_sites(hub, tmp_path: Path) -> None:
    alice = HttpDevice(tmp_path, "alice", "alice").enrol(hub, team="east")
    bob = HttpDevice(tmp_path, "bob", "bob").enrol(hub, team="west")
    carol = HttpDevice(tmp_path, "carol", "carol").enrol(hub, role="engineer", team="east")
    office = HttpDevice(tmp_path, "office", "rita").enrol(hub, role="reviewer")
    try:
        case = alice.store.cases.create(Case(claim_no="CLM-V-1"))
        alice.add_photo(case.id, os.urandom(20_000))
        site = alice.store.sites.create(Site(name="East depot"))
        bob.store.cases.create(Case(claim_no="CLM-V-2"))
        alice.sync()
        bob.sync()
        carol.sync()
        office.sync()
        assert [c.claim_no for c in bob.store.cases.list()] == ["CLM-V-2"]
        photo = alice.store.photos.list()[0]
        with pytest.raises(HubApiError) as hidden:  # nor can bob fetch alice's photo by its hash
            bob.transport.client.download_blob(photo.sha256, tmp_path / "stolen.jpg")
        assert hidden.value.status == 404
        office.transport.client.download_blob(photo.sha256, tmp_path / "office.jpg")
        assert bob.store.photos.list() == [] and bob.store.sites.list() == []
        assert carol.store.cases.list() == [] and [s.id for s in carol.store.sites.list()] == [site.id]
        assert sorted(c.claim_no for c in office.store.cases.list()) == ["CLM-V-1", "CLM-V-2"]
        # carol, same team, may edit the site; bob may not
        carol.store.sites.update(site.id, contact_name="Mr Zhou")
        assert not carol.sync().rejected
        assert hub.ctx.store.record("site", site.id)["contact_name"] == "Mr Zhou"
    finally:
        for dev in (alice, bob, carol, office):
            dev.close()


def test_reassigned_case_arrives_whole_and_the_old_owner_is_stopped(hub, tmp_path: Path) -> None:
    alice = HttpDevice(tmp_path, "alice", "alice").enrol(hub)
    bob = HttpDevice(tmp_path, "bob", "bob").enrol(hub)
    office = HttpDevice(tmp_path, "office", "rita").enrol(hub, role="reviewer")
    try:
        case = alice.store.cases.create(Case(claim_no="CLM-RA-1"))
        alice.store.items.create(LossItem(case_id=case.id, description="Sofa", unit_price="800"))
        photo = alice.add_photo(case.id, os.urandom(25_000))
        alice.sync()
        bob.sync()
        assert bob.store.cases.list() == []
        office.transport.client.post_json(f"/v1/review/cases/{case.id}/assign", {"user": "bob"})
        report = bob.sync()
        assert report.received_blobs == 1
        assert bob.store.cases.get(case.id).assigned_to == "bob"
        assert [i.description for i in bob.store.items.for_case(case.id)] == ["Sofa"]
        assert (bob.media_dir / photo.sha256[:2] / photo.sha256[2:4] / photo.sha256).is_file()
        bob.store.cases.update(case.id, insured_name="now bob's")
        assert not bob.sync().rejected
        alice.sync()
        alice.store.cases.update(case.id, narrative_cause="alice still typing")
        other = alice.store.cases.create(Case(claim_no="CLM-RA-2"))
        report = alice.sync()  # the hub answers 403 for the stale edit; the rest still goes through
        assert list(report.rejected.values()) == ["case is not assigned to alice"]
        assert hub.ctx.store.record("case", case.id)["narrative_cause"] == ""
        assert hub.ctx.store.record("case", other.id) is not None
        assert alice.store.outbox() == []
        with pytest.raises(HubApiError) as err:  # the raw request is a 403
            alice.transport.client.push_json([{**alice.store.outbox(pending_only=False)[-2], "op_id": "again-1",
                                               "device_seq": 99}])
        assert err.value.status == 403
    finally:
        for dev in (alice, bob, office):
            dev.close()


def test_resent_op_after_reassignment_is_a_duplicate_not_a_refusal(hub, tmp_path: Path) -> None:
    from hub_support import outbox_ops

    alice = HttpDevice(tmp_path, "alice", "alice").enrol(hub)
    office = HttpDevice(tmp_path, "office", "rita").enrol(hub, role="reviewer")
    try:
        case = alice.store.cases.create(Case(claim_no="CLM-DUP-1"))
        ops = outbox_ops(alice.store)
        first = alice.transport.client.push_json(ops)  # the answer is "lost": alice will send it again
        office.transport.client.post_json(f"/v1/review/cases/{case.id}/assign", {"user": "bob"})
        again = alice.transport.client.push_json(ops)
        assert again["duplicates"] == first["accepted"] and again["rejected"] == {}
    finally:
        alice.close()
        office.close()
