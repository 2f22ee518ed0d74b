"""Two device profiles and a hub on real SQLite files, synced in-process (LocalTransport)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from adjuster.sync import engine
from adjuster.sync.outbox import pending_count
from adjuster.sync.testing import Device, make_device, make_hub


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple]:
    hub = make_hub(tmp_path / "hub")
    a = make_device(tmp_path, "a", hub, user="wang")
    b = make_device(tmp_path, "b", hub, user="li")
    yield hub, a, b
    a.close()
    b.close()
    hub.close()


def shared_case(a: Device, b: Device, **fields: object) -> str:
    case = a.new_case("CL-2026-001", insured_name="Acme", peril="fire", **fields)
    a.sync()
    b.sync()
    assert b.store.cases.get(case.id).insured_name == "Acme"
    return case.id


def settle(*devices: Device) -> None:
    for _ in range(2):
        for d in devices:
            d.sync()


def test_different_fields_merge(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    a.store.cases.update(cid, insured_name="Acme Ltd")
    b.store.cases.update(cid, peril="flood")
    settle(a, b)
    for side in (a.store.cases.get(cid), b.store.cases.get(cid)):
        assert (side.insured_name, side.peril) == ("Acme Ltd", "flood")
    assert hub.record("case", cid)["peril"] == "flood"
    assert hub.conflicts() == []


def test_same_field_conflicts_and_keeps_both(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    a.store.cases.update(cid, risk_address="1 North Rd")
    b.store.cases.update(cid, risk_address="9 South Rd")
    settle(a, b)
    (c,) = hub.conflicts()
    assert (c.field, c.hub_value, c.device_value, c.base_value) == ("risk_address", "1 North Rd", "9 South Rd", "")
    assert c.hub_origin == a.store.device_id and c.device_id == b.store.device_id
    # both devices show the same record and know the conflict
    assert a.store.cases.get(cid).risk_address == b.store.cases.get(cid).risk_address == "1 North Rd"
    assert [x.conflict_id for x in engine.conflicts(a.store)] == [c.conflict_id]
    assert [x.conflict_id for x in engine.conflicts(b.store)] == [c.conflict_id]


def test_resolution_is_an_op_that_syncs(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    a.store.cases.update(cid, risk_address="1 North Rd")
    b.store.cases.update(cid, risk_address="9 South Rd")
    settle(a, b)
    (c,) = engine.conflicts(b.store)
    engine.resolve(b.store, c.conflict_id, "mine")
    assert b.store.cases.get(cid).risk_address == "9 South Rd"
    assert engine.status(b.store).open_conflicts == 0
    settle(b, a)
    assert hub.conflicts() == []
    assert hub.conflict(c.conflict_id).resolution == "9 South Rd"
    assert a.store.cases.get(cid).risk_address == "9 South Rd"
    assert engine.conflicts(a.store, open_only=False)[0].status == "resolved"


def test_office_resolves_with_edited_value(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    a.store.cases.update(cid, peril="storm")
    b.store.cases.update(cid, peril="hail")
    settle(a, b)
    (c,) = hub.conflicts()
    hub.resolve_conflict(c.conflict_id, "edited", "storm and hail", by="chen")
    settle(a, b)
    assert a.store.cases.get(cid).peril == b.store.cases.get(cid).peril == "storm and hail"


def test_edit_versus_delete_is_a_conflict_either_order(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    # delete arrives first, edit second: the edit lands on the tombstone and a conflict asks
    a.store.cases.soft_delete(cid)
    b.store.cases.update(cid, peril="flood")
    settle(a, b)
    (c,) = hub.conflicts()
    assert (c.kind, c.field) == ("edit_delete", "deleted_at")
    assert hub.record("case", cid)["peril"] == "flood"
    hub.resolve_conflict(c.conflict_id, "mine")  # keep the device's edit: undelete
    settle(a, b)
    assert a.store.cases.get(cid).peril == "flood"


def test_delete_without_seeing_an_edit_keeps_the_record(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    b.store.cases.update(cid, peril="flood")
    b.sync()
    a.store.cases.soft_delete(cid)  # a never pulled b's edit
    a.sync()
    (c,) = hub.conflicts()
    assert (c.kind, c.hub_value, c.device_id) == ("edit_delete", None, a.store.device_id)
    assert hub.record("case", cid)["deleted_at"] is None
    settle(a, b)
    assert a.store.cases.get(cid).peril == "flood"  # the record came back on the deleting device


def test_delete_after_seeing_the_edit_applies(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    b.store.cases.update(cid, peril="flood")
    settle(b, a)
    a.store.cases.soft_delete(cid)
    settle(a, b)
    assert hub.conflicts() == []
    assert hub.record("case", cid)["deleted_at"]
    assert b.store.cases.find(cid) is None


def test_office_decision_is_pulled_and_office_fields_are_refused(world) -> None:
    hub, a, _b = world
    case = a.new_case("CL-2026-007", insured_name="Zhang")
    a.store.cases.update(case.id, status="submitted")
    a.sync()
    hub.office_decide(case.id, "approve", amount="1234.50", comment="ok", by="chen")
    a.sync()
    got = a.store.cases.get(case.id)
    assert (got.status.value, str(got.approved_amount), got.review_comment, got.reviewed_by) == ("approved", "1234.50", "ok", "chen")
    # a device cannot rewrite the office's decision
    from adjuster.sync.rows import update_row

    op_id = None
    with a.store.transaction():
        update_row(a.store, "case", case.id, {"approved_amount": "999999"})
        a.store.record_change("case", case.id, "update", got.rev, {"approved_amount": {"old": "1234.50", "new": "999999"}})
        op_id = a.store.outbox()[-1]["op_id"]
    report = a.sync()
    assert report.refused_fields == {op_id: ["approved_amount"]}
    assert hub.record("case", case.id)["approved_amount"] == "1234.50"
    assert str(a.store.cases.get(case.id).approved_amount) == "1234.50"  # healed by the pull


def test_reassignment_reaches_the_device(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    hub.office_edit("case", cid, {"assigned_to": "li"}, by="chen")
    settle(a, b)
    assert a.store.cases.get(cid).assigned_to == b.store.cases.get(cid).assigned_to == "li"


def test_photos_travel_with_their_records(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    photo = a.add_photo(cid, b"\xff\xd8 jpeg bytes of a wall")
    report = a.sync()
    assert report.sent_blobs == 1 and hub.has_blob(photo.sha256)
    b.sync()
    assert (b.media_dir / photo.sha256[:2] / photo.sha256[2:4] / photo.sha256).read_bytes() == b"\xff\xd8 jpeg bytes of a wall"
    assert b.store.photos.get(photo.id).sha256 == photo.sha256
    # sending again sends no photo bytes
    assert a.sync().sent_blobs == 0


def test_record_waits_at_hub_while_its_blob_is_missing(world) -> None:
    hub, a, _b = world
    case = a.new_case("CL-2026-009")
    photo = a.add_photo(case.id, b"lost photo")
    (a.media_dir / photo.sha256[:2] / photo.sha256[2:4] / photo.sha256).unlink()
    later = a.new_case("CL-2026-010")
    report = a.sync()
    assert report.missing_local_blobs == [photo.sha256]
    assert hub.record("photo", photo.id) is None  # never accepted without its bytes
    assert hub.record("case", later.id) is None  # and nothing after it skips the queue
    assert hub.record("case", case.id) is not None
    assert pending_count(a.store) == 2
    a.put_blob(b"lost photo")  # the file is restored
    a.sync()
    assert hub.record("photo", photo.id) is not None and hub.record("case", later.id) is not None
    assert pending_count(a.store) == 0


def test_mass_delete_is_held_until_confirmed(world) -> None:
    hub, a, _b = world
    ids = [a.new_case(f"CL-2026-1{i:02d}").id for i in range(8)]
    a.sync()
    for cid in ids[:6]:
        a.store.cases.soft_delete(cid)
    report = a.sync()
    assert len(report.held) == 6
    assert all("confirm" in why for why in report.held.values())
    assert all(hub.record("case", cid)["deleted_at"] is None for cid in ids)
    hub.confirm_deletes(a.store.device_id)
    a.sync()
    assert sum(bool(hub.record("case", cid)["deleted_at"]) for cid in ids) == 6
    assert pending_count(a.store) == 0


def test_few_deletes_are_not_held(world) -> None:
    hub, a, _b = world
    ids = [a.new_case(f"CL-2026-2{i:02d}").id for i in range(8)]
    a.sync()
    a.store.cases.soft_delete(ids[0])
    assert a.sync().held == {}
    assert hub.record("case", ids[0])["deleted_at"]


def test_pushing_the_same_ops_twice_changes_nothing(world) -> None:
    hub, a, _b = world
    case = a.new_case("CL-2026-011")
    from adjuster.sync.outbox import pending_ops

    ops = pending_ops(a.store)
    first = hub.apply_ops(a.store.device_id, ops)
    before = hub.record("case", case.id)
    again = hub.apply_ops(a.store.device_id, ops)
    assert first.accepted == [o.op_id for o in ops]
    assert again.duplicates == [o.op_id for o in ops] and again.accepted == []
    assert hub.record("case", case.id) == before


def test_ops_out_of_order_are_held_then_applied_in_sequence(world) -> None:
    hub, a, _b = world
    case = a.new_case("CL-2026-012")
    a.store.cases.update(case.id, peril="fire")
    a.store.cases.update(case.id, peril="smoke")
    from adjuster.sync.outbox import pending_ops

    one, two, three = pending_ops(a.store)
    r = hub.apply_ops(a.store.device_id, [three])
    assert list(r.held) == [three.op_id] and r.applied_seq == 0
    r = hub.apply_ops(a.store.device_id, [one])
    assert r.accepted == [one.op_id] and three.op_id in r.held
    r = hub.apply_ops(a.store.device_id, [two])
    assert r.accepted == [two.op_id, three.op_id]
    assert hub.record("case", case.id)["peril"] == "smoke"


def test_unenrolled_device_is_refused(tmp_path: Path) -> None:
    from adjuster.sync.hubstore import UnknownDeviceError

    hub = make_hub(tmp_path / "hub")
    stranger = make_device(tmp_path, "x", hub, enrol=False)
    stranger.new_case("CL-2026-013")
    with pytest.raises(UnknownDeviceError):
        stranger.sync()
    assert pending_count(stranger.store) == 1
    stranger.close()
    hub.close()


@pytest.mark.parametrize("skew_days", [-1, 1])
def test_clock_skew_changes_no_outcome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, skew_days: int) -> None:
    """Run the same story with device b's clock right and a day off: same records, same conflicts."""

    def story(root: Path, skew: float) -> tuple:
        hub = make_hub(root / "hub")
        a = make_device(root, "a", hub)
        b = make_device(root, "b", hub)
        cid = shared_case(a, b)
        with monkeypatch.context() as m:
            if skew:
                import adjuster.util.clock as clock

                real = time.time_ns
                m.setattr(clock.time, "time_ns", lambda: real() + int(skew * 1e9))
                m.setattr(clock, "utcnow", lambda: __import__("datetime").datetime.fromtimestamp(
                    (real() + int(skew * 1e9)) / 1e9, __import__("datetime").UTC))
            b.store.cases.update(cid, peril="flood", risk_address="B")
            b.store.cases.soft_delete(b.new_case("CL-2026-099").id)
        b_hlc = int(b.store.outbox()[-1]["hlc"].split("-")[0]) / 1000
        assert abs(b_hlc - time.time() - skew) < 60  # b's clock really was off
        a.store.cases.update(cid, risk_address="A", insured_name="Acme Ltd")
        b.sync()
        a.sync()
        settle(a, b)
        fields = ("peril", "risk_address", "insured_name", "deleted_at")
        state = {k: hub.record("case", cid)[k] for k in fields}
        assert {k: a.store.cases.get(cid).to_dict()[k] for k in fields} == state
        conflicts = sorted((c.field, c.hub_value, c.device_value) for c in hub.conflicts())
        out = (state, conflicts)
        a.close(), b.close(), hub.close()
        return out

    straight = story(tmp_path / "straight", 0)
    skewed = story(tmp_path / "skewed", skew_days * 86400)
    assert straight == skewed
    assert straight[1] == [("risk_address", "B", "A")]


def test_two_different_settlements_are_themselves_a_conflict(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    a.store.cases.update(cid, peril="storm")
    b.store.cases.update(cid, peril="hail")
    settle(a, b)
    (c,) = hub.conflicts()
    engine.resolve(b.store, c.conflict_id, "theirs")  # b gives in: storm
    hub.resolve_conflict(c.conflict_id, "mine", by="chen")  # the office, meanwhile, picks hail
    settle(b, a)
    (again,) = hub.conflicts()
    assert {again.hub_value, again.device_value} == {"hail", "storm"}
    assert a.store.cases.get(cid).peril == b.store.cases.get(cid).peril == hub.record("case", cid)["peril"]


def test_office_keeps_the_delete(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    a.store.cases.soft_delete(cid)
    b.store.cases.update(cid, peril="flood")
    settle(a, b)
    (c,) = hub.conflicts()
    hub.resolve_conflict(c.conflict_id, "theirs")
    settle(a, b)
    assert a.store.cases.find(cid) is None and b.store.cases.find(cid) is None
    assert hub.record("case", cid)["peril"] == "flood"  # the edit is kept on the tombstone


def test_a_choice_made_on_stale_values_does_not_bury_a_newer_edit(world) -> None:
    hub, a, b = world
    cid = shared_case(a, b)
    a.store.cases.update(cid, peril="storm")
    b.store.cases.update(cid, peril="hail")
    settle(a, b)
    (c,) = engine.conflicts(b.store)
    engine.resolve(b.store, c.conflict_id, "mine")  # b chooses hail, seeing storm …
    hub.office_edit("case", cid, {"peril": "storm (surveyed)"})  # … while the office moves on
    settle(b, a)
    assert hub.conflict(c.conflict_id).status == "resolved"
    (again,) = hub.conflicts()
    assert (again.hub_value, again.device_value) == ("storm (surveyed)", "hail")
    assert hub.record("case", cid)["peril"] == "storm (surveyed)"


def test_shared_site_visits_and_findings_in_small_pages(world) -> None:
    import datetime as dt

    from adjuster.domain.models import Finding, Site, Visit
    from adjuster.sync.syncer import sync_once

    hub, a, b = world
    site = a.store.sites.create(Site(name="Warehouse 3", address="Dock Rd"))
    visit = a.store.visits.create(Visit(site_id=site.id, visit_date=dt.date(2026, 3, 1)))
    finding = a.store.findings.create(Finding(visit_id=visit.id, item_key="fire.extinguishers", result="ok"))
    a.store.sites.update(site.id, contact_name="Mr Li")  # the parent changes after its children
    a.sync()
    report = sync_once(b.store, b.media_dir, b.transport, pull_limit=1)  # one record per page
    assert report.received == 3
    assert b.store.findings.get(finding.id).visit_id == visit.id
    # both engineers touch the shared site, on different fields
    a.store.sites.update(site.id, occupancy="storage")
    b.store.sites.update(site.id, contact_phone="123")
    settle(a, b)
    for side in (a, b):
        got = side.store.sites.get(site.id)
        assert (got.occupancy, got.contact_phone, got.contact_name) == ("storage", "123", "Mr Li")


def test_office_can_set_aside_an_op_whose_photo_is_lost(world) -> None:
    hub, a, _b = world
    case = a.new_case("CL-2026-020")
    photo = a.add_photo(case.id, b"gone for good")
    (a.media_dir / photo.sha256[:2] / photo.sha256[2:4] / photo.sha256).unlink()
    later = a.new_case("CL-2026-021")
    report = a.sync()
    (stuck,) = [op for op, why in report.held.items() if "blob" in why]
    result = hub.set_aside(a.store.device_id, stuck, by="chen")
    assert stuck in result.rejected and hub.record("case", later.id) is not None
    assert hub.held_ops(a.store.device_id) == []
    assert hub.op_status(stuck) == "rejected"  # kept, with who decided
    a.sync()
    assert pending_count(a.store) == 0


def test_status_remembers_what_waits(world) -> None:
    _hub, a, _b = world
    case = a.new_case("CL-2026-030")
    photo = a.add_photo(case.id, b"missing later")
    (a.media_dir / photo.sha256[:2] / photo.sha256[2:4] / photo.sha256).unlink()
    a.sync()
    st = engine.status(a.store)
    assert st.pending_ops == 1 and st.last_sync_at
    assert list(st.waiting.values()) == [f"waiting for blob {photo.sha256}"]
    assert st.warnings and "missing" in st.warnings[0]


def test_reused_sequence_number_is_not_acknowledged(world) -> None:
    import dataclasses

    from adjuster.sync.outbox import pending_ops

    hub, a, _b = world
    a.new_case("CL-2026-040")
    (op,) = pending_ops(a.store)
    hub.apply_ops(a.store.device_id, [op])
    impostor = dataclasses.replace(op, op_id="01a2-restored-from-backup")
    result = hub.apply_ops(a.store.device_id, [impostor])
    assert impostor.op_id not in result.acked
    assert "re-enrol" in result.held[impostor.op_id]


def test_device_restored_from_backup_loses_nothing(world, tmp_path: Path) -> None:
    import shutil

    hub, a, _b = world
    a.new_case("CL-2026-050")
    a.store.close()
    shutil.copy(a.root / "adjuster.db", tmp_path / "backup.db")  # yesterday's backup
    from adjuster.store import Store

    a.store = Store.open(a.root / "adjuster.db", user="wang")
    a.store.cases.update(a.store.cases.list()[0].id, peril="before restore")  # op 2 reaches the hub …
    a.sync()
    a.store.close()
    shutil.copy(tmp_path / "backup.db", a.root / "adjuster.db")  # … and is not in the backup
    for wal in a.root.glob("adjuster.db-*"):
        wal.unlink()
    a.store = Store.open(a.root / "adjuster.db", user="wang")  # the laptop is restored …
    a.store.cases.update(a.store.cases.list()[0].id, peril="after restore")  # … and used
    report = a.sync()
    assert any("re-enrol" in why for why in report.held.values())
    assert pending_count(a.store) >= 1  # the new work stays on the laptop until the office acts


def test_clock_difference_is_reported_not_acted_on(world, monkeypatch: pytest.MonkeyPatch) -> None:
    _hub, a, _b = world
    a.new_case("CL-2026-060")
    monkeypatch.setattr(a.transport, "hello", lambda device_id: {"hub_time": "2020-01-01T00:00:00.000Z"})
    report = a.sync()
    assert report.clock_skew_seconds > 86400 and "clock" in report.warnings[0]
    assert report.held == {} and pending_count(a.store) == 0
    monkeypatch.setattr(a.transport, "hello", lambda device_id: {"hub_time": "not a time"})
    assert a.sync().clock_skew_seconds is None
