"""How a device reaches a hub. ``sync_once`` only talks to a ``Transport``; the HTTP client
(``adjuster.sync.client.HttpTransport``) and ``LocalTransport`` (a HubStore in the same process:
tests, benchmarks, the bundle importer) both implement it.

Byte counters (``bytes_sent`` / ``bytes_received``) count payloads, so a benchmark can show that
a second sync sends only what changed.
"""

from __future__ import annotations

import json
import shutil
from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adjuster.sync.protocol import ApplyResult, Op, PullResult
from adjuster.util.atomic import atomic_open

if TYPE_CHECKING:
    from adjuster.sync.hubstore import HubStore


class Transport(ABC):
    """The calls a device makes, in the order ``sync_once`` makes them."""

    bytes_sent: int = 0
    bytes_received: int = 0

    def hello(self, device_id: str) -> dict[str, Any]:
        """Optional greeting: ``{"hub_time": ISO, "hub_id": .., "public_key": ..}`` (clock check)."""
        return {}

    @abstractmethod
    def missing_blobs(self, device_id: str, shas: Iterable[str]) -> list[str]:
        """Which of ``shas`` the hub lacks."""

    @abstractmethod
    def put_blob(self, device_id: str, sha: str, path: Path) -> int:
        """Upload the file at ``path`` (its sha256 is ``sha``); returns bytes sent."""

    @abstractmethod
    def get_blob(self, device_id: str, sha: str, dest: Path) -> int:
        """Download blob ``sha`` to ``dest`` (atomically, verified); returns bytes received."""

    @abstractmethod
    def push(self, device_id: str, ops: list[Op]) -> ApplyResult:
        """Send ops (device_seq order); the hub applies them idempotently."""

    @abstractmethod
    def pull(self, device_id: str, cursor: int, limit: int | None = None) -> PullResult:
        """Changes after ``cursor``; passing a cursor also confirms everything before it is durable."""

    def confirm_cursor(self, device_id: str, cursor: int) -> None:
        """Tell the hub everything up to ``cursor`` is applied durably here (optional)."""
        return None

    def close(self) -> None:
        """Release connections (nothing for in-process transports)."""
        return None


def sync_once(store: Any, media: Any, transport: Transport, **options: Any) -> Any:
    """One sync round (see ``adjuster.sync.syncer.sync_once``); returns a SyncReport."""
    from adjuster.sync.syncer import sync_once as run

    return run(store, media, transport, **options)


class LocalTransport(Transport):
    """A hub in this process. Payloads are serialised to JSON and back, exactly as over HTTP,
    so tests exercise the same shapes and the byte counts are honest."""

    def __init__(self, hub: HubStore) -> None:
        self.hub = hub
        self.bytes_sent = 0
        self.bytes_received = 0

    def _send(self, payload: Any) -> Any:
        text = json.dumps(payload, ensure_ascii=False)
        self.bytes_sent += len(text.encode("utf-8"))
        return json.loads(text)

    def _receive(self, payload: Any) -> Any:
        text = json.dumps(payload, ensure_ascii=False)
        self.bytes_received += len(text.encode("utf-8"))
        return json.loads(text)

    def hello(self, device_id: str) -> dict[str, Any]:
        from adjuster.util.clock import utcnow_iso

        return {"hub_time": utcnow_iso(), "hub_id": self.hub.hub_id, "public_key": self.hub.public_key}

    def missing_blobs(self, device_id: str, shas: Iterable[str]) -> list[str]:
        wanted = self._send(sorted(set(shas)))
        return list(self._receive(self.hub.missing_blobs(wanted)))

    def put_blob(self, device_id: str, sha: str, path: Path) -> int:
        size = path.stat().st_size
        self.bytes_sent += size
        self.hub.put_blob(sha, path)
        return size

    def get_blob(self, device_id: str, sha: str, dest: Path) -> int:
        src = self.hub.blob_path(sha)
        with open(src, "rb") as fin, atomic_open(dest) as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
        size = src.stat().st_size
        self.bytes_received += size
        return size

    def push(self, device_id: str, ops: list[Op]) -> ApplyResult:
        sent = self._send([op.to_json() for op in ops])
        result = self.hub.apply_ops(device_id, sent)
        return ApplyResult.from_json(self._receive(result.to_json()))

    def confirm_cursor(self, device_id: str, cursor: int) -> None:
        self.hub.confirm_cursor(device_id, cursor)

    def pull(self, device_id: str, cursor: int, limit: int | None = None) -> PullResult:
        self._send({"cursor": cursor, "limit": limit})
        result = self.hub.pull(device_id, cursor, limit or 2000)
        return PullResult.from_json(self._receive(result.to_json()))
