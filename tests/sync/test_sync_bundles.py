"""Bundles by USB stick: export → hub import → receipt → device, and every hostile bundle refused
whole with the hub's database byte-for-byte as before."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from adjuster.sync import engine
from adjuster.sync.bundle import export_bundle, import_bundle
from adjuster.sync.keys import load_or_create_key, sign_b64
from adjuster.sync.outbox import pending_count
from adjuster.sync.receipt import import_receipt
from adjuster.sync.testing import Device, make_device, make_hub
from adjuster.sync.zipcheck import BundleError


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple]:
    hub = make_hub(tmp_path / "hub")
    a = make_device(tmp_path, "a", hub, user="wang")
    yield hub, a, tmp_path
    a.close()
    hub.close()


def fingerprint(hub) -> str:
    """Hash of every row of every table of the hub database."""
    digest = hashlib.sha256()
    tables = [r["name"] for r in hub.store.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        for row in hub.store.query(f"SELECT * FROM {table} ORDER BY rowid"):
            digest.update(json.dumps(row, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def records(hub) -> dict:
    out = {}
    for entity in ("case", "photo"):
        table = {"case": "cases", "photo": "photos"}[entity]
        for row in hub.store.query(f"SELECT id, rev, deleted_at FROM {table} ORDER BY id"):
            out[row["id"]] = hub.record(entity, row["id"])
    return out


def export(a: Device, path: Path, **kw) -> Path:
    return export_bundle(a.store, a.media_dir, a.identity, path, **kw).path


def rewrite(src: Path, dst: Path, edit: Callable[[str, bytes], tuple[str, bytes] | None] = lambda n, d: (n, d),
            extra: list[tuple[str, bytes]] = ()) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            got = edit(info.filename, zin.read(info.filename))
            if got is not None:
                zout.writestr(got[0], got[1], zipfile.ZIP_DEFLATED)
        for name, data in extra:
            zout.writestr(name, data, zipfile.ZIP_DEFLATED)
    return dst


def test_round_trip_with_receipt_and_office_decision(world) -> None:
    hub, a, tmp = world
    case = a.new_case("CL-2026-100", insured_name="Acme")
    photo = a.add_photo(case.id, b"photo bytes 1")
    a.store.cases.update(case.id, status="submitted")
    bundle = export(a, tmp / "b1.adjsync")
    with zipfile.ZipFile(bundle) as zf:
        assert sorted(zf.namelist()) == sorted(["manifest.json", "manifest.sig", "ops.jsonl", f"blobs/{photo.sha256}"])
        manifest = json.loads(zf.read("manifest.json"))
    assert (manifest["seq_from"], manifest["seq_to"], manifest["op_count"]) == (1, 3, 3)
    assert manifest["blobs"] == [{"sha256": photo.sha256, "size": 13}]

    outcome = import_bundle(hub, bundle, receipt_dir=tmp / "out")
    assert len(outcome.result.accepted) == 3 and hub.has_blob(photo.sha256)
    got = import_receipt(a.store, a.media_dir, outcome.receipt)
    assert got.acked == 3 and pending_count(a.store) == 0

    hub.office_decide(case.id, "return", comment="need the invoice", by="chen")
    empty = export(a, tmp / "b2.adjsync")  # nothing new to send; the receipt brings the decision
    outcome = import_bundle(hub, empty, receipt_dir=tmp / "out")
    import_receipt(a.store, a.media_dir, outcome.receipt)
    got_case = a.store.cases.get(case.id)
    assert (got_case.status.value, got_case.review_comment) == ("returned", "need the invoice")


def test_photos_of_other_devices_come_back_in_the_receipt(world) -> None:
    hub, a, tmp = world
    b = make_device(tmp, "b", hub)
    case = b.new_case("CL-2026-101")
    photo = b.add_photo(case.id, b"b's photo")
    b.sync()
    outcome = import_bundle(hub, export(a, tmp / "a.adjsync"), receipt_dir=tmp / "out")
    import_receipt(a.store, a.media_dir, outcome.receipt)
    assert a.store.photos.get(photo.id).sha256 == photo.sha256
    assert (a.media_dir / photo.sha256[:2] / photo.sha256[2:4] / photo.sha256).read_bytes() == b"b's photo"
    b.close()


def test_same_bundle_twice_changes_nothing(world) -> None:
    hub, a, tmp = world
    a.new_case("CL-2026-102")
    bundle = export(a, tmp / "b.adjsync")
    import_bundle(hub, bundle)
    before = records(hub)
    again = import_bundle(hub, bundle)
    assert again.result.accepted == [] and len(again.result.duplicates) == 1
    assert records(hub) == before


def test_bundles_out_of_order_apply_by_sequence(world) -> None:
    hub, a, tmp = world
    case = a.new_case("CL-2026-103")
    b1 = export(a, tmp / "1.adjsync")
    a.store.cases.update(case.id, peril="fire")
    b2 = export(a, tmp / "2.adjsync")
    a.store.cases.update(case.id, peril="smoke")
    b3 = export(a, tmp / "3.adjsync")
    r3 = import_bundle(hub, b3).result
    assert r3.accepted == [] and len(r3.held) == 1
    assert hub.record("case", case.id) is None
    r1 = import_bundle(hub, b1).result
    assert len(r1.accepted) == 1 and len(r1.held) == 1  # 3 still waits for 2: no gap skipped
    assert hub.record("case", case.id)["peril"] == ""
    r2 = import_bundle(hub, b2).result
    assert len(r2.accepted) == 2  # 2, then the held 3
    assert hub.record("case", case.id)["peril"] == "smoke"


def test_lost_receipt_is_covered_by_the_next(world) -> None:
    hub, a, tmp = world
    a.new_case("CL-2026-104")
    import_bundle(hub, export(a, tmp / "1.adjsync"), receipt_dir=tmp / "lost")
    a.new_case("CL-2026-105")
    outcome = import_bundle(hub, export(a, tmp / "2.adjsync"), receipt_dir=tmp / "out")
    import_receipt(a.store, a.media_dir, outcome.receipt)
    assert pending_count(a.store) == 0


def test_empty_bundle_deletes_nothing(world) -> None:
    hub, a, tmp = world
    ids = [a.new_case(f"CL-2026-2{i:02d}").id for i in range(3)]
    a.sync()
    import_bundle(hub, export(a, tmp / "empty.adjsync"))
    assert all(hub.record("case", i)["deleted_at"] is None for i in ids)


# -- hostile bundles ------------------------------------------------------------------------------
def _resign(a: Device, manifest: dict) -> tuple[bytes, bytes]:
    data = json.dumps(manifest, sort_keys=True).encode()
    return data, a.identity.sign(data).encode()


def _hostile(kind: str, a: Device, good: Path, tmp: Path) -> Path:
    out = tmp / f"{kind}.adjsync"
    if kind == "bad_signature":
        forger = load_or_create_key(tmp / "forger.pem")
        return rewrite(good, out, lambda n, d: (n, sign_b64(forger, b"x").encode()) if n == "manifest.sig" else (n, d))
    if kind == "altered_op":
        return rewrite(good, out, lambda n, d: (n, d.replace(b"Acme", b"Evil")) if n == "ops.jsonl" else (n, d))
    if kind == "altered_blob":
        return rewrite(good, out, lambda n, d: (n, b"X" + d[1:]) if n.startswith("blobs/") else (n, d))
    if kind == "altered_manifest":
        return rewrite(good, out, lambda n, d: (n, d.replace(b'"op_count": 2', b'"op_count": 1')) if n == "manifest.json" else (n, d))
    if kind == "truncated":
        data = good.read_bytes()
        out.write_bytes(data[: len(data) * 2 // 3])
        return out
    if kind == "not_a_zip":
        out.write_bytes(b"PK\x03\x04 this is not really a zip")
        return out
    if kind == "absolute_path":
        return rewrite(good, out, extra=[("/etc/passwd", b"root")])
    if kind == "dot_dot":
        return rewrite(good, out, extra=[("blobs/../../evil.sh", b"rm -rf")])
    if kind == "unexpected_entry":
        return rewrite(good, out, extra=[("notes.txt", b"hello")])
    if kind == "zip_bomb":
        with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                zout.writestr(info.filename, zin.read(info.filename), zipfile.ZIP_DEFLATED)
            zout.writestr("blobs/" + "0" * 64, b"\0" * (64 << 20), zipfile.ZIP_DEFLATED)
        return out
    if kind == "unknown_version":
        with zipfile.ZipFile(good) as zf:
            manifest = json.loads(zf.read("manifest.json"))
        manifest["format"] = "adjuster.sync-bundle/9"
        data, sig = _resign(a, manifest)
        return rewrite(good, out, lambda n, d: (n, data) if n == "manifest.json" else (n, sig) if n == "manifest.sig" else (n, d))
    if kind == "sequence_gap":
        lines = []
        with zipfile.ZipFile(good) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            for line in zf.read("ops.jsonl").splitlines():
                op = json.loads(line)
                op["device_seq"] += 5 if op["device_seq"] > 1 else 0
                lines.append(json.dumps(op, sort_keys=True).encode())
        ops = b"\n".join(lines) + b"\n"
        manifest.update(ops_sha256=hashlib.sha256(ops).hexdigest(), ops_size=len(ops))
        data, sig = _resign(a, manifest)
        return rewrite(good, out, lambda n, d: (n, ops) if n == "ops.jsonl" else (n, data) if n == "manifest.json"
                       else (n, sig) if n == "manifest.sig" else (n, d))
    if kind == "missing_blob":
        return rewrite(good, out, lambda n, d: None if n.startswith("blobs/") else (n, d))
    raise AssertionError(kind)


HOSTILE = ["bad_signature", "altered_op", "altered_blob", "altered_manifest", "truncated", "not_a_zip", "absolute_path",
           "dot_dot", "unexpected_entry", "zip_bomb", "unknown_version", "sequence_gap", "missing_blob"]


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_bundle_is_refused_whole(world, kind: str) -> None:
    hub, a, tmp = world
    case = a.new_case("CL-2026-300", insured_name="Acme")
    a.add_photo(case.id, b"evidence")
    good = export(a, tmp / "good.adjsync")
    bad = _hostile(kind, a, good, tmp)
    before = fingerprint(hub)
    with pytest.raises(BundleError) as err:
        import_bundle(hub, bad, receipt_dir=tmp / "out")
    assert str(err.value)
    assert fingerprint(hub) == before
    assert not list((tmp / "out").glob("*")) if (tmp / "out").exists() else True
    assert not any(p.name == "evil.sh" for p in tmp.rglob("*"))
    # the genuine bundle still imports
    assert len(import_bundle(hub, good).result.accepted) == 2


def test_bundle_from_unenrolled_device_is_refused(world) -> None:
    hub, _a, tmp = world
    stranger = make_device(tmp, "stranger", hub, enrol=False)
    stranger.new_case("CL-2026-301")
    bundle = export(stranger, tmp / "s.adjsync")
    before = fingerprint(hub)
    with pytest.raises(BundleError, match="not enrolled"):
        import_bundle(hub, bundle)
    assert fingerprint(hub) == before
    stranger.close()


def test_missing_file_is_refused(world) -> None:
    hub, _a, tmp = world
    with pytest.raises(BundleError, match="does not exist"):
        import_bundle(hub, tmp / "nowhere.adjsync")


def test_tampered_or_foreign_receipt_is_refused(world, tmp_path: Path) -> None:
    hub, a, tmp = world
    a.new_case("CL-2026-302")
    outcome = import_bundle(hub, export(a, tmp / "1.adjsync"), receipt_dir=tmp / "out")
    bad = rewrite(outcome.receipt, tmp / "bad.adjsync", lambda n, d: (n, d.replace(b'"accepted"', b'"accepted" ')) if n == "receipt.json" else (n, d))
    with pytest.raises(BundleError, match="signature"):
        import_receipt(a.store, a.media_dir, bad)
    assert pending_count(a.store) == 1
    import_receipt(a.store, a.media_dir, outcome.receipt)  # pins this hub's key
    other = make_hub(tmp_path / "other-hub")
    other.register_device(a.identity.device_id, "wang", a.identity.public_key)
    foreign = import_bundle(other, export(a, tmp / "2.adjsync", all_pending=True), receipt_dir=tmp / "other")
    with pytest.raises(BundleError, match="another hub"):
        import_receipt(a.store, a.media_dir, foreign.receipt)
    other.close()
    assert engine.status(a.store).pending_ops == 0


def test_photo_missing_at_export_waits_then_follows(world) -> None:
    hub, a, tmp = world
    case = a.new_case("CL-2026-400")
    photo = a.add_photo(case.id, b"late photo")
    blob = a.media_dir / photo.sha256[:2] / photo.sha256[2:4] / photo.sha256
    blob.rename(tmp / "aside")
    exp = export_bundle(a.store, a.media_dir, a.identity, tmp / "1.adjsync")
    assert exp.skipped_blobs == [photo.sha256]
    out = import_bundle(hub, exp.path, receipt_dir=tmp / "r")
    assert out.result.missing_blobs == [photo.sha256] and len(out.result.held) == 1
    assert hub.record("photo", photo.id) is None and hub.record("case", case.id) is not None
    import_receipt(a.store, a.media_dir, out.receipt)
    assert pending_count(a.store) == 1
    (tmp / "aside").rename(blob)  # found it
    exp = export_bundle(a.store, a.media_dir, a.identity, tmp / "2.adjsync")
    assert exp.op_count == 0 and exp.blob_count == 1  # the wanted photo rides along
    out = import_bundle(hub, exp.path, receipt_dir=tmp / "r")
    assert hub.record("photo", photo.id)["sha256"] == photo.sha256
    import_receipt(a.store, a.media_dir, out.receipt)
    assert pending_count(a.store) == 0


def test_mass_delete_by_bundle_waits_for_confirmation(world) -> None:
    hub, a, tmp = world
    ids = [a.new_case(f"CL-2026-5{i:02d}").id for i in range(6)]
    a.sync()
    for cid in ids:
        a.store.cases.soft_delete(cid)
    out = import_bundle(hub, export(a, tmp / "d.adjsync"), receipt_dir=tmp / "r")
    assert out.result.held_deletes == 6 and not any(hub.record("case", c)["deleted_at"] for c in ids)
    import_receipt(a.store, a.media_dir, out.receipt)
    assert pending_count(a.store) == 6  # nothing acknowledged while held
    assert len(hub.confirm_deletes(a.store.device_id).accepted) == 6
    out = import_bundle(hub, export(a, tmp / "e.adjsync"), receipt_dir=tmp / "r")
    import_receipt(a.store, a.media_dir, out.receipt)
    assert pending_count(a.store) == 0


def test_receipts_out_of_order_never_roll_back(world) -> None:
    hub, a, tmp = world
    case = a.new_case("CL-2026-600")
    r1 = import_bundle(hub, export(a, tmp / "1.adjsync"), receipt_dir=tmp / "r").receipt
    hub.office_edit("case", case.id, {"assigned_to": "li"})
    a.store.cases.update(case.id, peril="fire")
    r2 = import_bundle(hub, export(a, tmp / "2.adjsync"), receipt_dir=tmp / "r").receipt
    second = import_receipt(a.store, a.media_dir, r2)
    assert second.pulled and a.store.cases.get(case.id).assigned_to == "li"
    first = import_receipt(a.store, a.media_dir, r1)  # older: acknowledgements only
    assert not first.pulled
    got = a.store.cases.get(case.id)
    assert (got.assigned_to, got.peril) == ("li", "fire")
    assert pending_count(a.store) == 0


@pytest.mark.parametrize("kind", ["changes", "extra_photo", "truncated"])
def test_altered_receipt_content_is_refused(world, kind: str) -> None:
    hub, a, tmp = world
    a.new_case("CL-2026-700")
    b = make_device(tmp, "b", hub)
    b.new_case("CL-2026-701", insured_name="Bee")
    b.sync()
    receipt = import_bundle(hub, export(a, tmp / "1.adjsync"), receipt_dir=tmp / "r").receipt
    bad = tmp / "bad.adjsync"
    if kind == "changes":
        rewrite(receipt, bad, lambda n, d: (n, d.replace(b"Bee", b"Eve")) if n == "changes.jsonl" else (n, d))
    elif kind == "extra_photo":
        data = b"sneaked in"
        rewrite(receipt, bad, extra=[(f"blobs/{hashlib.sha256(data).hexdigest()}", data)])
    else:
        bad.write_bytes(receipt.read_bytes()[:-40])
    with pytest.raises(BundleError):
        import_receipt(a.store, a.media_dir, bad)
    assert pending_count(a.store) == 1 and a.store.cases.count() == 1
    b.close()


def test_receipt_carries_only_what_the_device_may_see(world) -> None:
    hub, a, tmp = world
    b = make_device(tmp, "b", hub)
    mine = b.new_case("CL-2026-800", assigned_to="wang")
    other = b.new_case("CL-2026-801", assigned_to="zhao")
    b.sync()
    out = import_bundle(hub, export(a, tmp / "1.adjsync"), receipt_dir=tmp / "r",
                        visible=lambda c: c.row.get("assigned_to") in ("wang", None))
    import_receipt(a.store, a.media_dir, out.receipt)
    assert a.store.cases.find(mine.id) is not None and a.store.cases.find(other.id) is None
    b.close()
