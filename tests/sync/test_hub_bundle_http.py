"""``POST /v1/bundle``: a .adjsync bundle over HTTP is verified whole, ownership-checked, applied once."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from hub_support import HttpDevice, running_hub

from adjuster.domain.models import Case
from adjuster.sync.bundle import export_bundle
from adjuster.sync.client import HubApiError


@pytest.fixture
def hub(tmp_path: Path):
    with running_hub(tmp_path / "hub") as server:
        yield server


def _post(dev: HttpDevice, path: Path) -> dict:
    r = dev.transport.client.request("POST", "/v1/bundle", content=path.read_bytes(),
                                     headers={"Content-Type": "application/octet-stream"})
    return r.json()


def test_bundle_over_http_applies_once_and_keeps_photos(hub, tmp_path: Path) -> None:
    alice = HttpDevice(tmp_path, "alice", "alice").enrol(hub)
    try:
        case = alice.store.cases.create(Case(claim_no="CLM-BUN-1"))
        photo = alice.add_photo(case.id, os.urandom(30_000))
        out = export_bundle(alice.store, alice.media_dir, alice.identity, tmp_path / "a.adjsync").path
        answer = _post(alice, out)
        assert len(answer["result"]["accepted"]) == 2 and answer["blobs_stored"] == 1
        assert hub.ctx.store.has_blob(photo.sha256)
        # the case came without an owner: like a push, it is given to the sending device's user
        assert hub.ctx.store.record("case", case.id)["assigned_to"] == "alice"
        alice.store.cases.update(case.id, insured_name="Later edit")
        again = _post(alice, out)
        assert sorted(again["result"]["duplicates"]) == sorted(answer["result"]["accepted"])
        report = alice.sync()
        assert not report.rejected and hub.ctx.store.record("case", case.id)["insured_name"] == "Later edit"
    finally:
        alice.close()


def test_tampered_or_foreign_bundles_are_refused_with_nothing_applied(hub, tmp_path: Path) -> None:
    alice = HttpDevice(tmp_path, "alice", "alice").enrol(hub)
    bob = HttpDevice(tmp_path, "bob", "bob").enrol(hub)
    admin = HttpDevice(tmp_path, "admin", "boss").enrol(hub, role="admin")
    try:
        case = alice.store.cases.create(Case(claim_no="CLM-BUN-2", insured_name="original"))
        out = export_bundle(alice.store, alice.media_dir, alice.identity, tmp_path / "a.adjsync").path

        bad = tmp_path / "bad.adjsync"
        with zipfile.ZipFile(out) as src, zipfile.ZipFile(bad, "w") as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "ops.jsonl":
                    data = data.replace(b"original", b"0riginal")
                dst.writestr(info, data)
        with pytest.raises(HubApiError) as err:
            _post(alice, bad)
        assert err.value.status == 422 and err.value.code == "bad_bundle"

        with pytest.raises(HubApiError) as err2:
            _post(bob, out)
        assert err2.value.status == 403
        assert hub.ctx.store.current_seq() == 0

        with pytest.raises(HubApiError) as err3:
            alice.transport.client.request("POST", "/v1/bundle", content=b"not a zip at all")
        assert err3.value.status == 422

        relayed = _post(admin, out)  # the USB stick handed in at the office
        assert len(relayed["result"]["accepted"]) == 1 and relayed["device_id"] == alice.identity.device_id
        # relayed as is (no owner field), the case still belongs to the user of the device that made it
        assert hub.ctx.store.record("case", case.id)["assigned_to"] == ""
        alice.store.cases.update(case.id, insured_name="edited after relay")
        report = alice.sync()
        assert not report.rejected and hub.ctx.store.record("case", case.id)["insured_name"] == "edited after relay"
        bob.store.cases.create(Case(claim_no="CLM-BOB-9"))
        bob_ops = bob.store.outbox()
        forged = [{**bob_ops[0], "op_id": "forged-9", "device_seq": 2, "record_id": case.id, "action": "update",
                   "base_rev": 2, "fields": {"insured_name": {"old": "edited after relay", "new": "bob"}}}]
        with pytest.raises(HubApiError) as err4:
            bob.transport.client.push_json(forged)
        assert err4.value.status == 403
    finally:
        for dev in (alice, bob, admin):
            dev.close()
