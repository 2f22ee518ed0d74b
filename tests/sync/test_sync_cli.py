"""``adjuster sync …`` end to end by file: identity → enrol → export → import → receipt → status,
conflicts listed and resolved, hostile files refused with exit status 1."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from adjuster.cli import main
from adjuster.domain.models import Case, Photo
from adjuster.store import Store
from adjuster.sync.device import DeviceIdentity
from adjuster.sync.testing import make_device


def run(runner: CliRunner, home: Path, *args: str, ok: bool = True) -> str:
    result = runner.invoke(main, ["--data-dir", str(home), *args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code != 0, result.output
    return result.output


@pytest.fixture
def setup(tmp_path: Path) -> tuple:
    home, hub_dir = tmp_path / "laptop", tmp_path / "office"
    home.mkdir()
    with Store.open(home / "adjuster.db", user="wang") as store:
        case = store.cases.create(Case(claim_no="CL-CLI-001", insured_name="Acme"))
        from adjuster.media import MediaStore

        with MediaStore(home / "media", home / "cache") as media:
            sha, size, _new = media.put_bytes(b"\xff\xd8\xff fake jpeg for the cli test")
        store.photos.create(Photo(sha256=sha, owner_type="case", owner_id=case.id, size=size))
    return CliRunner(), home, hub_dir, case.id, sha


def test_bundle_round_trip_by_cli(setup, tmp_path: Path) -> None:
    runner, home, hub_dir, case_id, sha = setup
    request = tmp_path / "request.json"
    request.write_text(run(runner, home, "sync", "identity"))
    enrolled = run(runner, home, "sync", "enrol", str(request), "--hub-dir", str(hub_dir))
    hub_key = enrolled.split("hub key: ")[1].split()[0]
    run(runner, home, "sync", "trust-hub", hub_key)

    status = json.loads(run(runner, home, "sync", "status", "--json"))
    assert status["pending_ops"] == 2

    out = run(runner, home, "sync", "export", str(tmp_path / "stick" / "b1.adjsync"))
    assert "2 ops, 1 photos" in out
    out = run(runner, home, "sync", "import", str(tmp_path / "stick" / "b1.adjsync"), "--hub-dir", str(hub_dir),
              "--receipts", str(tmp_path / "back"))
    assert "2 applied" in out
    (receipt,) = (tmp_path / "back").glob("*.adjsync")
    out = run(runner, home, "sync", "import", str(receipt))
    assert "2 ops acknowledged" in out
    assert json.loads(run(runner, home, "sync", "status", "--json"))["pending_ops"] == 0
    assert (hub_dir / "blobs" / sha[:2] / sha[2:4] / sha).is_file()

    # the same bundle again: nothing new
    out = run(runner, home, "sync", "import", str(tmp_path / "stick" / "b1.adjsync"), "--hub-dir", str(hub_dir))
    assert "0 applied, 2 already had" in out


def test_conflicts_listed_and_resolved_by_cli(setup, tmp_path: Path) -> None:
    runner, home, hub_dir, case_id, _sha = setup
    from adjuster.sync.hubstore import HubStore

    with Store.open(home / "adjuster.db", user="wang") as store:
        ident = DeviceIdentity.load(store)
        with HubStore.open(hub_dir) as hub:
            hub.register_device(ident.device_id, "wang", ident.public_key)
            other = make_device(tmp_path, "other", hub)
            from adjuster.sync.syncer import sync_once
            from adjuster.sync.transport import LocalTransport

            sync_once(store, home / "media", LocalTransport(hub))
            other.sync()
            other.store.cases.update(case_id, peril="hail")
            other.sync()
            store.cases.update(case_id, peril="storm")
            sync_once(store, home / "media", LocalTransport(hub))
            other.close()

    listed = json.loads(run(runner, home, "sync", "conflicts", "--json"))
    assert [(c["field"], c["hub_value"], c["device_value"]) for c in listed] == [("peril", "hail", "storm")]
    on_hub = json.loads(run(runner, home, "sync", "conflicts", "--hub", "--hub-dir", str(hub_dir), "--json"))
    assert [c["conflict_id"] for c in on_hub] == [listed[0]["conflict_id"]]
    run(runner, home, "sync", "resolve", listed[0]["conflict_id"], "edited", ok=False)  # needs --value
    out = run(runner, home, "sync", "resolve", listed[0]["conflict_id"], "edited", "--value", "storm and hail")
    assert "goes to the hub" in out
    assert "no conflicts" in run(runner, home, "sync", "conflicts")
    with Store.open(home / "adjuster.db", user="wang") as store:
        assert store.cases.get(case_id).peril == "storm and hail"


def test_hostile_and_missing_files_are_refused(setup, tmp_path: Path) -> None:
    runner, home, hub_dir, _case_id, _sha = setup
    request = tmp_path / "request.json"
    request.write_text(run(runner, home, "sync", "identity"))
    run(runner, home, "sync", "enrol", str(request), "--hub-dir", str(hub_dir))
    good = tmp_path / "good.adjsync"
    run(runner, home, "sync", "export", str(good))
    cut = tmp_path / "cut.adjsync"
    cut.write_bytes(good.read_bytes()[:200])
    result = runner.invoke(main, ["--data-dir", str(home), "sync", "import", str(cut), str(tmp_path / "none.adjsync"),
                                  str(good), "--hub-dir", str(hub_dir)])
    assert result.exit_code == 1
    assert "cut.adjsync: refused" in result.output and "none.adjsync: refused" in result.output
    assert "good.adjsync: 2 applied" in result.output  # the good one in the same batch still went in


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_device_key_is_private_and_stable(tmp_path: Path) -> None:
    with Store.open(tmp_path / "adjuster.db", user="wang") as store:
        first = DeviceIdentity.load(store)
        mode = stat.S_IMODE(first.key_path.stat().st_mode)
        assert mode == 0o600
        assert stat.S_IMODE(first.key_path.parent.stat().st_mode) == 0o700
        again = DeviceIdentity.load(store)
        assert again.public_key == first.public_key and again.device_id == store.device_id
        assert "PRIVATE" not in json.dumps(first.enrolment())
