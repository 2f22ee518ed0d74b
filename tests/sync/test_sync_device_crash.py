"""SIGKILL on the device side: a pull killed before commit leaves data and cursor as they were; an
export killed mid-write leaves no bundle and exports the same ops next time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from adjuster.store import Store
from adjuster.sync import engine
from adjuster.sync.faults import ENV
from adjuster.sync.testing import make_device, make_hub

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from pathlib import Path
from adjuster.store import Store
from adjuster.sync.bundle import export_bundle
from adjuster.sync.device import DeviceIdentity
from adjuster.sync.hubstore import HubStore
from adjuster.sync.syncer import sync_once
from adjuster.sync.transport import LocalTransport
what, home, hub_dir = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
store = Store.open(home / "adjuster.db", user="b")
if what == "sync":
    sync_once(store, home / "media", LocalTransport(HubStore.open(hub_dir)))
else:
    export_bundle(store, home / "media", DeviceIdentity.load(store), home / "out.adjsync")
"""


def run(what: str, home: Path, hub_dir: Path, crash_at: str | None) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(ENV, None)
    if crash_at:
        env[ENV] = crash_at
    return subprocess.run([sys.executable, "-c", SCRIPT, what, str(home), str(hub_dir)], env=env,
                          capture_output=True, timeout=120).returncode


def test_pull_killed_before_commit_changes_nothing(tmp_path: Path) -> None:
    hub = make_hub(tmp_path / "hub")
    a = make_device(tmp_path, "a", hub)
    b = make_device(tmp_path, "b", hub)
    ids = [a.new_case(f"CL-K-{i}").id for i in range(5)]
    a.add_photo(ids[0], b"photo from a")
    a.sync()
    b.close()
    hub.close()
    home = tmp_path / "b"
    assert run("sync", home, tmp_path / "hub", "device_apply") == -signal.SIGKILL
    with Store.open(home / "adjuster.db") as store:
        assert engine.cursor(store) == 0 and store.cases.count() == 0
        assert store.integrity_check() == "ok"
    assert run("sync", home, tmp_path / "hub", None) == 0
    with Store.open(home / "adjuster.db") as store:
        assert store.cases.count() == 5 and engine.cursor(store) > 0
    a.close()


def test_export_killed_midway_leaves_no_bundle(tmp_path: Path) -> None:
    hub = make_hub(tmp_path / "hub")
    b = make_device(tmp_path, "b", hub)
    b.new_case("CL-K-9")
    b.close()
    hub.close()
    home = tmp_path / "b"
    assert run("export", home, tmp_path / "hub", "export_mid") == -signal.SIGKILL
    assert not (home / "out.adjsync").exists()
    assert run("export", home, tmp_path / "hub", None) == 0
    import zipfile

    with zipfile.ZipFile(home / "out.adjsync") as zf:
        assert json.loads(zf.read("manifest.json"))["op_count"] == 1  # the op was not lost to the dead export
