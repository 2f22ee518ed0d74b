"""The commands end to end: ``adjuster serve`` in a subprocess, ``hub enrol``, ``remote enrol/now``,
``review list/approve/return/assign``, ``hub stats/export``; and a hub killed mid-push."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from adjuster.cli import main
from adjuster.domain.models import Case, Photo, Site
from adjuster.profile import Profile


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServeProcess:
    """``adjuster serve`` as a real process."""

    def __init__(self, hub_dir: Path) -> None:
        self.hub_dir = hub_dir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ServeProcess:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from adjuster.cli import main; main()", "serve", "--port", str(self.port), "--data-dir", str(self.hub_dir),
             "--log-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.05)
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode() if self.proc.stderr else "serve died")
        raise RuntimeError("serve did not come up")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def run(args: list[str], env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_serve_enrol_sync_review_stats_export(tmp_path: Path) -> None:
    hub_dir, dev_dir = tmp_path / "hub", tmp_path / "device"
    code = run(["hub", "--data-dir", str(hub_dir), "enrol", "alice", "--team", "east"]).splitlines()[0]
    server = ServeProcess(hub_dir).start()
    try:
        out = run(["--data-dir", str(dev_dir), "remote", "enrol", server.url, code])
        assert "as alice (adjuster)" in out
        token_file = dev_dir / "sync" / "hub_token"
        assert token_file.stat().st_mode & 0o077 == 0

        profile = Profile.at(dev_dir)
        store = profile.open_store()
        case = store.cases.create(Case(claim_no="CLM-CLI-1", insured_name="上海某某公司", lat=31.2, lon=121.5))
        media = profile.open_media()
        jpeg = tmp_path / "p.jpg"
        from PIL import Image

        Image.new("RGB", (64, 48), "red").save(jpeg, "JPEG")
        sha, size, _ = media.put_file(jpeg)
        store.photos.create(Photo(sha256=sha, owner_type="case", owner_id=case.id, size=size))
        store.sites.create(Site(name="Warehouse 3", lat=31.0, lon=121.0))
        store.cases.update(case.id, status="submitted")
        store.close()

        out = run(["--data-dir", str(dev_dir), "remote", "now"])
        assert "sent 4 change(s) and 1 file(s)" in out
        status = json.loads(run(["--data-dir", str(dev_dir), "remote", "status", "--json", "--check"]))
        assert status["pending_ops"] == 0 and status["hub"]["user"] == "alice"

        listing = run(["review", "--data-dir", str(hub_dir), "list"])
        assert "CLM-CLI-1" in listing
        shown = run(["review", "--data-dir", str(hub_dir), "show", "CLM-CLI-1"])
        assert "photos 1" in shown
        run(["review", "--data-dir", str(hub_dir), "--by", "rita", "approve", "CLM-CLI-1", "--amount", "880.00"])
        run(["--data-dir", str(dev_dir), "sync", "now"])  # the same command under the sync group
        store = profile.open_store()
        got = store.cases.get(case.id)
        store.close()
        assert got.status == "approved" and str(got.approved_amount) == "880.00" and got.reviewed_by == "rita"

        stats = json.loads(run(["hub", "--data-dir", str(hub_dir), "stats", "--json"]))
        assert stats["cases"]["closed"] == 1 and stats["per_adjuster"] == {"alice": {"total": 1, "open": 0, "closed": 1}}
        run(["hub", "--data-dir", str(hub_dir), "export", "cases.csv", "-o", str(tmp_path / "cases.csv")])
        rows = list(csv.DictReader(io.StringIO((tmp_path / "cases.csv").read_text("utf-8-sig"))))
        assert rows[0]["claim_no"] == "CLM-CLI-1" and rows[0]["insured_name"] == "上海某某公司"
        run(["hub", "--data-dir", str(hub_dir), "export", "sites.geojson", "-o", str(tmp_path / "s.geojson")])
        sites = json.loads((tmp_path / "s.geojson").read_text("utf-8"))
        assert sites["features"][0]["geometry"]["coordinates"] == [121.0, 31.0]
        assert sites["features"][0]["properties"]["team"] == "east"

        devices = json.loads(run(["hub", "--data-dir", str(hub_dir), "devices", "--json"]))
        run(["hub", "--data-dir", str(hub_dir), "revoke", devices[0]["device_id"][:20]])
        result = CliRunner().invoke(main, ["--data-dir", str(dev_dir), "remote", "now"])
        assert result.exit_code == 1 and "unauthorized" in result.output
    finally:
        server.stop()


def test_review_return_and_assign_need_the_right_arguments(tmp_path: Path) -> None:
    hub_dir = tmp_path / "hub"
    from adjuster.sync.hubstore import HubStore

    hub = HubStore.open(hub_dir)
    change = hub.office_create("case", {"claim_no": "CLM-OFF-1", "status": "submitted"})
    hub.close()
    result = CliRunner().invoke(main, ["review", "--data-dir", str(hub_dir), "return", "CLM-OFF-1"])
    assert result.exit_code == 2 and "--comment" in result.output
    run(["review", "--data-dir", str(hub_dir), "assign", change.record_id[:12], "bob"])
    run(["review", "--data-dir", str(hub_dir), "return", "CLM-OFF-1", "--comment", "missing invoice"])
    queue = json.loads(run(["review", "--data-dir", str(hub_dir), "list", "--json"]))
    assert queue == []
    result = CliRunner().invoke(main, ["review", "--data-dir", str(hub_dir), "approve", "CLM-NOPE"])
    assert result.exit_code == 1 and "not found" in result.output


def test_hub_killed_mid_push_restarts_consistent(tmp_path: Path) -> None:
    from hub_support import open_device, outbox_ops

    from adjuster.sync.client import HubApiError, HubClient, HubUnreachable
    from adjuster.sync.hub.auth import AuthDB

    hub_dir = tmp_path / "hub"
    auth = AuthDB.open(hub_dir / "auth.db")
    code = auth.create_enrolment("alice")
    auth.close()
    server = ServeProcess(hub_dir).start()
    store, ident = open_device(tmp_path, "dev", "alice")
    client = HubClient(server.url, retries=0)
    client.enrol(code, ident.device_id, public_key=ident.public_key)
    for i in range(600):
        store.cases.create(Case(claim_no=f"CLM-K-{i:04d}", insured_name="x" * 200))
    ops = outbox_ops(store)
    batches = [ops[i : i + 50] for i in range(0, len(ops), 50)]
    errors: list[Exception] = []

    def pusher() -> None:
        for batch in batches:
            try:
                client.push_json(batch)
            except (HubUnreachable, HubApiError) as err:
                errors.append(err)
                return

    thread = threading.Thread(target=pusher)
    thread.start()
    time.sleep(0.3)
    server.kill()
    thread.join(30)
    server = ServeProcess(hub_dir).start()
    try:
        conn = sqlite3.connect(hub_dir / "hub.db")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        before = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        applied = conn.execute("SELECT count(*) FROM hub_ops WHERE status = 'applied'").fetchone()[0]
        assert before == applied  # every applied op has its row, and no row without its op
        conn.close()
        again = HubClient(server.url, client.token, retries=3, backoff=0.05)
        for batch in batches:
            again.push_json(batch)
        conn = sqlite3.connect(hub_dir / "hub.db")
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 600
        assert conn.execute("SELECT count(DISTINCT claim_no) FROM cases").fetchone()[0] == 600
        assert conn.execute("SELECT count(*) FROM hub_ops WHERE status = 'applied'").fetchone()[0] == 600
        conn.close()
    finally:
        server.stop()
        store.close()
    assert errors or before == 600  # the kill either cut the pushes or they had all finished


@pytest.mark.skipif(os.name != "posix", reason="token file modes are POSIX")
def test_remote_now_without_enrolment_says_how(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "d"), "remote", "now"])
    assert result.exit_code == 1 and "adjuster remote enrol URL CODE" in result.output


def test_db_url_sqlite_elsewhere_and_postgres_refused(tmp_path: Path) -> None:
    from adjuster.domain.errors import AdjusterError
    from adjuster.sync.hub import HubContext

    ctx = HubContext.open(tmp_path / "hub", f"sqlite:///{tmp_path / 'db' / 'office.db'}")
    try:
        assert ctx.store.current_seq() == 0
    finally:
        ctx.close()
    assert (tmp_path / "db" / "office.db").is_file() and not (tmp_path / "hub" / "hub.db").exists()
    with pytest.raises(AdjusterError, match="not supported yet"):
        HubContext.open(tmp_path / "hub", "postgresql://office/adjuster")
    result = CliRunner().invoke(main, ["serve", "--data-dir", str(tmp_path / "hub"), "--db-url", "mysql://x/y"])
    assert result.exit_code == 1 and "not supported yet" in result.output


def test_hub_killed_mid_upload_resumes_after_restart(tmp_path: Path) -> None:
    import hashlib

    from hub_support import open_device

    from adjuster.sync.client import HubClient
    from adjuster.sync.hub.auth import AuthDB

    hub_dir = tmp_path / "hub"
    auth = AuthDB.open(hub_dir / "auth.db")
    code = auth.create_enrolment("alice")
    auth.close()
    data = os.urandom(8 * 1024 * 1024)
    sha = hashlib.sha256(data).hexdigest()
    blob = tmp_path / "big.jpg"
    blob.write_bytes(data)
    store, ident = open_device(tmp_path, "dev", "alice")
    server = ServeProcess(hub_dir).start()
    client = HubClient(server.url, retries=0)
    client.enrol(code, ident.device_id, public_key=ident.public_key)

    def slow_body():
        for i in range(0, len(data), 256 * 1024):
            yield data[i : i + 256 * 1024]
            time.sleep(0.02)

    def upload() -> None:
        try:
            httpx.put(f"{server.url}/v1/blobs/{sha}", content=slow_body(), timeout=30,
                      headers={"Authorization": f"Bearer {client.token}", "Upload-Length": str(len(data))})
        except httpx.TransportError:
            pass

    thread = threading.Thread(target=upload)
    thread.start()
    time.sleep(0.35)
    server.kill()
    thread.join(30)
    server = ServeProcess(hub_dir).start()
    try:
        again = HubClient(server.url, client.token)
        complete, offset = again.blob_status(sha)
        assert not complete and 0 < offset < len(data)
        assert again.upload_blob(sha, blob) == len(data) - offset
        assert again.blob_status(sha) == (True, len(data))
        assert hashlib.sha256((hub_dir / "blobs" / sha[:2] / sha[2:4] / sha).read_bytes()).hexdigest() == sha
    finally:
        server.stop()
        store.close()
