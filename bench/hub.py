"""Hub benchmark: N simulated devices push concurrently to one hub (``adjuster serve`` in its own
process on 127.0.0.1). Each device makes cases with loss items and photos offline, then runs a
real ``sync_once`` over HTTP. Prints ops/s, request latency percentiles, blob throughput, and
checks that every op and every blob arrived exactly once. Asserts nothing else.

    .venv/bin/python bench/hub.py [--devices 20] [--cases 15] [--items 4] [--photos 2] [--photo-kb 150] [--batch 50]
                                  [--flaky MB]   # drop a connection every MB sent: exactly once still holds
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from adjuster.domain import Case, LossItem
from adjuster.domain.models import Photo
from adjuster.store import Store
from adjuster.sync.client import HttpTransport, HubClient
from adjuster.sync.device import DeviceIdentity
from adjuster.sync.hub.auth import AuthDB
from adjuster.sync.syncer import sync_once
from adjuster.util.atomic import atomic_write_bytes


class TimedClient(HubClient):
    """Records the wall time of every API request (uploads are timed separately)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timings: list[tuple[str, float]] = []

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        t0 = time.perf_counter()
        try:
            return super().request(method, path, **kwargs)
        finally:
            self.timings.append((f"{method} {path.split('/')[2] if path.count('/') > 1 else path}", time.perf_counter() - t0))

    def upload_blob(self, sha: str, path: Path, *args: Any, **kwargs: Any) -> int:
        t0 = time.perf_counter()
        try:
            return super().upload_blob(sha, path, *args, **kwargs)
        finally:
            self.timings.append(("upload", time.perf_counter() - t0))


class FlakyProxy:
    """127.0.0.1 proxy to the hub that drops a connection each time another ``every`` bytes went
    upstream (mid-push, mid-upload, wherever it falls): a flaky field link."""

    def __init__(self, target_port: int, every: int) -> None:
        self.target_port, self.every = target_port, every
        self.sent, self.cuts, self._next = 0, 0, every
        self._lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, upward: bool) -> None:
        try:
            while data := src.recv(65536):
                if upward:
                    with self._lock:
                        self.sent += len(data)
                        cut = self.sent >= self._next
                        if cut:
                            self._next += self.every
                            self.cuts += 1
                    if cut:
                        break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_hub(hub_dir: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from adjuster.cli import main; main()", "serve", "--port", str(port),
         "--data-dir", str(hub_dir), "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(400):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("the hub did not start")


def make_device(root: Path, i: int, args: argparse.Namespace) -> tuple[Store, DeviceIdentity, Path]:
    user = f"adjuster{i:02d}"
    store = Store.open(root / user / "adjuster.db", user=user)
    ident = DeviceIdentity.load(store)
    media = root / user / "media"
    with store.transaction():
        for c in range(args.cases):
            case = store.cases.create(Case(claim_no=f"B{i:02d}-{c:04d}", insured_name=f"Insured {i}-{c}",
                                           sum_insured="500000.00"))
            for k in range(args.items):
                store.items.create(LossItem(case_id=case.id, position=k, description=f"item {k}", qty="2",
                                            unit_price="120.50"))
            for p in range(args.photos):
                data = os.urandom(args.photo_kb * 1024)
                sha = hashlib.sha256(data).hexdigest()
                atomic_write_bytes(media / sha[:2] / sha[2:4] / sha, data)
                store.photos.create(Photo(sha256=sha, owner_type="case", owner_id=case.id, size=len(data), position=p))
            store.cases.update(case.id, status="submitted")
    return store, ident, media


def pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devices", type=int, default=20)
    ap.add_argument("--cases", type=int, default=15)
    ap.add_argument("--items", type=int, default=4)
    ap.add_argument("--photos", type=int, default=2)
    ap.add_argument("--photo-kb", type=int, default=150)
    ap.add_argument("--batch", type=int, default=50, help="ops per push request")
    ap.add_argument("--flaky", type=float, default=0, help="drop a connection every N MB sent (0: a clean link)")
    ap.add_argument("--keep", type=Path, default=None)
    args = ap.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="adjuster-bench-hub-"))
    hub_dir = root / "hub"
    auth = AuthDB.open(hub_dir / "auth.db")
    codes = [auth.create_enrolment(f"adjuster{i:02d}") for i in range(args.devices)]
    auth.close()

    t0 = time.perf_counter()
    devices = [make_device(root / "devices", i, args) for i in range(args.devices)]
    print(f"prepared {args.devices} devices offline in {time.perf_counter() - t0:.1f} s")

    port = free_port()
    proc = start_hub(hub_dir, port)
    url = f"http://127.0.0.1:{port}"
    proxy = FlakyProxy(port, int(args.flaky * 1e6)) if args.flaky else None
    try:
        clients: list[TimedClient] = []
        for (_store, ident, _), code in zip(devices, codes, strict=True):
            client = TimedClient(url, backoff=0.05)
            client.enrol(code, ident.device_id, public_key=ident.public_key)  # 429s here: enrolment is rate limited
            if proxy is not None:
                client = TimedClient(f"http://127.0.0.1:{proxy.port}", client.token, backoff=0.05, retries=10)
            client.retried, client.timings = 0, []
            clients.append(client)
        expected_ops = {ident.device_id: {op["op_id"] for op in store.outbox()} for store, ident, _ in devices}
        expected_blobs = {p.sha256 for store, _, _ in devices for p in store.photos.list()}
        n_ops = sum(len(v) for v in expected_ops.values())

        reports: list[Any] = [None] * len(devices)
        errors: list[BaseException] = []
        barrier = threading.Barrier(len(devices))

        def run(i: int) -> None:
            store, _, media = devices[i]
            try:
                barrier.wait()
                reports[i] = sync_once(store, media, HttpTransport(clients[i]), push_batch=args.batch)
            except BaseException as err:  # noqa: BLE001 - reported below
                errors.append(err)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(devices))]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        if errors:
            raise SystemExit(f"{len(errors)} device(s) failed: {errors[0]!r}")

        timings = [t for c in clients for t in c.timings]
        push = [s for name, s in timings if name.startswith("POST push")]
        uploads = [s for name, s in timings if name == "upload"]
        every = [s for name, s in timings if name != "upload"]
        blob_bytes = sum(r.sent_bytes for r in reports)
        print(f"\n{args.devices} devices × ({args.cases} cases, {args.items} items, {args.photos} photos of "
              f"{args.photo_kb} KB) → {n_ops} ops, {len(expected_blobs)} blobs, push batches of {args.batch}")
        print(f"wall time                 {wall:8.2f} s")
        print(f"ops applied per second    {n_ops / wall:8.0f}")
        print(f"push requests             {len(push):8d}   p50 {pct(push, .5) * 1000:6.0f} ms   "
              f"p95 {pct(push, .95) * 1000:6.0f} ms   max {max(push) * 1000:6.0f} ms")
        print(f"all API requests          {len(every):8d}   p50 {pct(every, .5) * 1000:6.0f} ms   "
              f"p95 {pct(every, .95) * 1000:6.0f} ms")
        print(f"blob uploads              {len(uploads):8d}   p95 {pct(uploads, .95) * 1000:6.0f} ms   "
              f"{blob_bytes / wall / 1e6:6.1f} MB/s sent in total")
        retried = sum(c.retried for c in clients)
        print(f"retries (429/5xx/network) {retried:8d}" + (f"   connections cut: {proxy.cuts}" if proxy else ""))

        # exactly once: every op id applied once for its device, every blob stored once and intact
        import sqlite3

        conn = sqlite3.connect(hub_dir / "hub.db")
        rows = conn.execute("SELECT device_id, op_id, status FROM hub_ops").fetchall()
        got: dict[str, set[str]] = {}
        for device_id, op_id, status in rows:
            if status == "applied":
                got.setdefault(device_id, set()).add(op_id)
        ops_ok = got == expected_ops and len(rows) == n_ops
        n_cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        cases_ok = n_cases == args.devices * args.cases
        stored = {r[0] for r in conn.execute("SELECT sha256 FROM hub_blobs")}
        blob_rows = conn.execute("SELECT count(*) FROM hub_blobs").fetchone()[0]
        intact = all(
            hashlib.sha256((hub_dir / "blobs" / s[:2] / s[2:4] / s).read_bytes()).hexdigest() == s for s in stored
        )
        blobs_ok = stored == expected_blobs and blob_rows == len(expected_blobs) and intact
        leftovers = list((hub_dir / "uploads").glob("*.part"))
        conn.close()
        pending = sum(len(store.outbox()) for store, _, _ in devices)
        print(f"ops exactly once          {'yes' if ops_ok else 'NO'}  ({sum(len(v) for v in got.values())}/{n_ops} applied,"
              f" {len(rows)} rows)")
        print(f"cases on the hub          {'yes' if cases_ok else 'NO'}  ({n_cases})")
        print(f"blobs exactly once        {'yes' if blobs_ok else 'NO'}  ({len(stored)}/{len(expected_blobs)}, hashes"
              f" {'intact' if intact else 'DAMAGED'}, {len(leftovers)} partial files left)")
        print(f"devices' outboxes empty   {'yes' if pending == 0 else f'NO ({pending} pending)'}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        for store, _, _ in devices:
            store.close()
    if not args.keep:
        import shutil

        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
