"""SIGKILL the hub's importer at several points; the hub stays as it was (or fully applied), and a
re-import converges to exactly what a clean import gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from adjuster.sync.bundle import export_bundle, import_bundle
from adjuster.sync.faults import ENV
from adjuster.sync.hubstore import HubStore
from adjuster.sync.testing import make_device, make_hub

ROOT = Path(__file__).resolve().parents[2]
IMPORTER = """
import sys
from pathlib import Path
from adjuster.sync.bundle import import_bundle
from adjuster.sync.hubstore import HubStore
hub = HubStore.open(sys.argv[1])
import_bundle(hub, Path(sys.argv[2]), receipt_dir=Path(sys.argv[3]))
hub.close()
"""
VOLATILE = {"updated_at", "reviewed_at"}


def state(hub: HubStore) -> dict:
    """Records, op outcomes and blobs: what must converge (timestamps set at apply time excluded)."""
    out: dict = {}
    for table, entity in (("cases", "case"), ("photos", "photo")):
        for row in hub.store.query(f"SELECT id FROM {table} ORDER BY id"):
            rec = hub.record(entity, row["id"]) or {}
            out[row["id"]] = {k: v for k, v in rec.items() if k not in VOLATILE}
    out["ops"] = sorted((r["op_id"], r["status"]) for r in hub.store.query("SELECT op_id, status FROM hub_ops"))
    out["blobs"] = sorted(r["sha256"] for r in hub.store.query("SELECT sha256 FROM hub_blobs"))
    out["applied_seq"] = [d.applied_seq for d in hub.devices()]
    return out


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, str, str]:
    """One device's bundle (cases, edits, photos) and the state a clean import produces."""
    tmp = tmp_path_factory.mktemp("crash")
    hub = make_hub(tmp / "clean-hub")
    dev = make_device(tmp, "dev", hub)
    for i in range(4):
        case = dev.new_case(f"CL-2026-5{i:02d}", insured_name=f"Insured {i}")
        dev.add_photo(case.id, f"photo {i}".encode())
        dev.store.cases.update(case.id, peril="flood")
    path = export_bundle(dev.store, dev.media_dir, dev.identity, tmp / "dev.adjsync").path
    import_bundle(hub, path)
    clean = state(hub)
    device_id, key = dev.identity.device_id, dev.identity.public_key
    dev.close()
    hub.close()
    return path, clean, device_id, key


def run_importer(hub_dir: Path, bundle: Path, out: Path, crash_at: str | None) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(ENV, None)
    if crash_at:
        env[ENV] = crash_at
    proc = subprocess.run([sys.executable, "-c", IMPORTER, str(hub_dir), str(bundle), str(out)], env=env,
                          capture_output=True, timeout=120)
    return proc.returncode


@pytest.mark.parametrize("point", ["after_verify", "after_blobs", "mid_apply", "before_commit", "after_commit"])
def test_killed_import_then_reimport_converges(tmp_path: Path, bundle, point: str) -> None:
    path, clean, device_id, key = bundle
    hub_dir = tmp_path / "hub"
    with HubStore.open(hub_dir) as hub:
        hub.register_device(device_id, "dev", key)
        empty = state(hub)

    assert run_importer(hub_dir, path, tmp_path / "out", point) == -signal.SIGKILL

    with HubStore.open(hub_dir) as hub:
        after_kill = state(hub)
        assert hub.store.integrity_check() == "ok"
    records_after_kill = {k: v for k, v in after_kill.items() if k not in ("blobs",)}
    if point == "after_commit":
        assert records_after_kill == {k: v for k, v in clean.items() if k != "blobs"}
    else:
        # nothing of the bundle reached the records: all or nothing
        assert records_after_kill == {k: v for k, v in empty.items() if k != "blobs"}
    assert not list((tmp_path / "out").glob("*.adjsync")) if (tmp_path / "out").exists() else True

    assert run_importer(hub_dir, path, tmp_path / "out", None) == 0
    with HubStore.open(hub_dir) as hub:
        assert state(hub) == clean
        assert all(hub.blob_path(s).is_file() for s in state(hub)["blobs"])
    assert len(list((tmp_path / "out").glob("*.adjsync"))) == 1
