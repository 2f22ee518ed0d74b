"""Test helpers for the hub: a real uvicorn server on 127.0.0.1 in a thread, and a TCP proxy
that cuts a connection after a number of bytes (a flaky link)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from adjuster.sync.hub import HubContext, HubLimits, create_app


class HubServer:
    """uvicorn serving ``create_app`` over ``hub_dir`` on a free port, in a daemon thread."""

    def __init__(self, hub_dir: Path, *, limits: HubLimits | None = None) -> None:
        self.hub_dir = hub_dir
        self.app = create_app(hub_dir, limits=limits)
        self.ctx: HubContext = self.app.state.hub
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=0, log_level="warning",
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> HubServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("hub did not start")
            time.sleep(0.01)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@contextlib.contextmanager
def running_hub(hub_dir: Path, *, limits: HubLimits | None = None) -> Iterator[HubServer]:
    server = HubServer(hub_dir, limits=limits).start()
    try:
        yield server
    finally:
        server.stop()


class CuttingProxy:
    """Forwards 127.0.0.1:<port> → target; after ``cut_after`` client→server bytes (counted over
    all connections) it drops the connection that crossed the line, once."""

    def __init__(self, target_port: int, cut_after: int | None = None) -> None:
        self.target_port = target_port
        self.cut_after = cut_after
        self.upstream_bytes = 0
        self.cuts = 0
        self._lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, upward: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if upward:
                    with self._lock:
                        self.upstream_bytes += len(data)
                        cut = self.cut_after is not None and self.upstream_bytes >= self.cut_after
                        if cut:
                            self.cut_after = None
                            self.cuts += 1
                    if cut:
                        break  # drop this chunk and both directions: the link died
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()

    def close(self) -> None:
        self._stop = True
        with contextlib.suppress(OSError):
            self.sock.close()


def open_device(root: Path, name: str, user: str) -> tuple[Any, Any]:
    """A device profile (real SQLite store + Ed25519 identity) under ``root/name``."""
    from adjuster.store import Store
    from adjuster.sync.device import DeviceIdentity

    store = Store.open(root / name / "adjuster.db", user=user)
    return store, DeviceIdentity.load(store)


def outbox_ops(store: Any) -> list[dict[str, Any]]:
    """The device's pending outbox as op JSON (what a push sends)."""
    from adjuster.sync.protocol import Op

    return [Op.from_json(row).to_json() for row in store.outbox()]


def enrol_device(server: HubServer, store: Any, ident: Any, user: str, role: str = "adjuster", team: str = "") -> Any:
    """Create a code in the hub and redeem it over HTTP; returns a HubClient holding the token."""
    from adjuster.sync.client import HubClient

    code = server.ctx.auth.create_enrolment(user, role, team=team)
    client = HubClient(server.url, retries=2, backoff=0.01)
    client.enrol(code, ident.device_id, name=f"{user}-laptop", public_key=ident.public_key)
    return client


class HttpDevice:
    """A device profile syncing with a real hub over HTTP (``sync_once`` + ``HttpTransport``)."""

    def __init__(self, root: Path, name: str, user: str) -> None:
        self.root = root / name
        self.store, self.identity = open_device(root, name, user)
        self.media_dir = self.root / "media"
        self.transport: Any = None

    def enrol(self, server: HubServer, role: str = "adjuster", team: str = "", **client_kw: Any) -> HttpDevice:
        from adjuster.sync.client import HttpTransport, HubClient

        client = enrol_device(server, self.store, self.identity, self.store.user, role, team)
        self.token = client.token
        self.transport = HttpTransport(HubClient(server.url, client.token, **{"backoff": 0.01, **client_kw}))
        return self

    def sync(self) -> Any:
        from adjuster.sync.syncer import sync_once

        return sync_once(self.store, self.media_dir, self.transport)

    def put_blob(self, data: bytes) -> str:
        import hashlib

        from adjuster.util.atomic import atomic_write_bytes

        sha = hashlib.sha256(data).hexdigest()
        atomic_write_bytes(self.media_dir / sha[:2] / sha[2:4] / sha, data)
        return sha

    def add_photo(self, owner_id: str, data: bytes, owner_type: str = "case", **fields: Any) -> Any:
        from adjuster.domain.models import Photo

        sha = self.put_blob(data)
        return self.store.photos.create(Photo(sha256=sha, owner_type=owner_type, owner_id=owner_id, size=len(data),
                                              **fields))

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
        self.store.close()
