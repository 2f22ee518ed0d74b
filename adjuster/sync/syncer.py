"""One sync round over any Transport: blobs first, then ops, then the pull.

Order matters for "nothing lost": the hub is told which photos it lacks and receives them before
the ops that reference them; ops are marked acknowledged only after the hub answered; pulled
records are applied with their photos already on disk, and the cursor moves in the same commit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adjuster.domain.errors import AdjusterError
from adjuster.sync import engine
from adjuster.sync.outbox import ack, ack_through, pending_ops
from adjuster.sync.protocol import ApplyResult, Change, Conflict, blob_refs
from adjuster.util.atomic import atomic_copy
from adjuster.util.clock import utcnow, utcnow_iso

if TYPE_CHECKING:
    from adjuster.store.store import Store
    from adjuster.sync.transport import Transport

PUSH_BATCH = 1000
BLOB_QUERY_BATCH = 1000
PULL_LIMIT = 2000
CLOCK_WARN_SECONDS = 300


@dataclass
class SyncReport:
    """What one round did. ``sent_bytes`` counts op and blob payloads sent."""

    sent_ops: int = 0
    sent_bytes: int = 0
    sent_blobs: int = 0
    received: int = 0
    received_bytes: int = 0
    received_blobs: int = 0
    conflicts: int = 0
    held: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)
    refused_fields: dict[str, list[str]] = field(default_factory=dict)
    missing_local_blobs: list[str] = field(default_factory=list)
    clock_skew_seconds: float | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def blob_path(media: Any, sha: str) -> Path:
    """Where a blob lives on this device: a MediaStore's original, or ``<dir>/ab/cd/<sha>``."""
    if hasattr(media, "original_path"):
        return Path(media.original_path(sha))
    if media is None:
        raise AdjusterError("no media store given: cannot send or receive photos")
    return Path(media) / sha[:2] / sha[2:4] / sha


def store_blob(media: Any, sha: str, src: Path) -> None:
    """Put a downloaded blob into the media store after checking its hash."""
    digest = hashlib.sha256()
    with open(src, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != sha:
        raise AdjusterError(f"blob {sha[:12]}… arrived damaged (hash {digest.hexdigest()[:12]}…); nothing applied")
    if hasattr(media, "put_file"):
        media.put_file(src, expected_sha256=sha)
    else:
        atomic_copy(src, blob_path(media, sha))


def _has_blob(media: Any, sha: str) -> bool:
    if hasattr(media, "has"):
        return bool(media.has(sha))
    return blob_path(media, sha).is_file()


def sync_once(
    store: Store, media: Any, transport: Transport, *, push_batch: int = PUSH_BATCH, pull_limit: int = PULL_LIMIT
) -> SyncReport:
    """Push pending ops (with their blobs) then pull and apply the hub's changes."""
    started = time.perf_counter()
    report = SyncReport()
    sent0, received0 = transport.bytes_sent, transport.bytes_received
    device_id = store.device_id

    hello = transport.hello(device_id) or {}
    hub_time: dt.datetime | None = None
    with contextlib.suppress(ValueError, TypeError):
        hub_time = dt.datetime.fromisoformat(str(hello.get("hub_time") or "").replace("Z", "+00:00"))
    if hub_time is not None and hub_time.tzinfo is not None:
        report.clock_skew_seconds = (utcnow() - hub_time).total_seconds()
        if abs(report.clock_skew_seconds) > CLOCK_WARN_SECONDS:
            report.warnings.append(
                f"this computer's clock differs from the hub's by {report.clock_skew_seconds / 60:+.0f} min; "
                "sync is unaffected but dates you enter may be wrong"
            )

    # 1. blobs the pending ops reference, so no record arrives without its photos
    ops = pending_ops(store)
    shas: set[str] = set()
    for op in ops:
        if op.action != "delete":
            shas |= op.blobs()
    wanted = sorted(shas)
    missing: list[str] = []
    for start in range(0, len(wanted), BLOB_QUERY_BATCH):
        missing += transport.missing_blobs(device_id, wanted[start : start + BLOB_QUERY_BATCH])
    if missing:
        for sha in missing:
            path = blob_path(media, sha)
            if not path.is_file():
                report.missing_local_blobs.append(sha)
                continue
            transport.put_blob(device_id, sha, path)
            report.sent_blobs += 1
    if wanted:
        now = utcnow_iso()
        held_back = set(report.missing_local_blobs)
        with store.transaction():  # the hub has these now: bundles need not carry them again
            for sha in wanted:
                if sha not in held_back:
                    store.execute("INSERT OR IGNORE INTO sync_blob_acks (sha256, acked_at) VALUES (?, ?)", [sha, now])
    if report.missing_local_blobs:
        report.warnings.append(
            f"{len(report.missing_local_blobs)} photo file(s) are missing on this computer; their records wait (run adjuster verify)"
        )

    # 2. ops, in order; acknowledged only once the hub answered
    total = ApplyResult()
    for start in range(0, len(ops), push_batch):
        batch = ops[start : start + push_batch]
        result = transport.push(device_id, batch)
        with store.transaction():
            ack(store, result.acked)
            ack_through(store, result.applied_seq, except_ids=result.held)
            engine.store_conflicts(store, result.conflicts)
        total.merge(result)
        report.sent_ops += len(batch)
        if result.held:
            break  # everything after a held op waits too; do not resend it now
    report.held, report.rejected, report.refused_fields = total.held, total.rejected, total.refused_fields
    report.conflicts = len({c.conflict_id for c in total.conflicts})

    # 3. pull every page, fetch the blobs the rows need, then apply all in one transaction
    position = engine.cursor(store)
    changes: list[Change] = []
    conflicts: list[Conflict] = []
    while True:
        page = transport.pull(device_id, position, pull_limit)
        changes += page.changes
        conflicts += page.conflicts
        position = page.cursor
        if not page.more:
            break
    needed = sorted({sha for c in changes if not c.row.get("deleted_at") for sha in blob_refs(c.entity, c.row)})
    missing_here = [sha for sha in needed if not _has_blob(media, sha)]
    if missing_here:
        incoming = _incoming_dir(store)
        for sha in missing_here:
            fd, tmp_name = tempfile.mkstemp(prefix=".blob.", dir=incoming)
            os.close(fd)
            tmp = Path(tmp_name)
            try:
                transport.get_blob(device_id, sha, tmp)
                store_blob(media, sha, tmp)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
            report.received_blobs += 1
    report.received = engine.apply_pull(store, changes, conflicts, position)
    report.conflicts = max(report.conflicts, len({c.conflict_id for c in conflicts if c.status == "open"}))
    confirm = getattr(transport, "confirm_cursor", None)
    if callable(confirm):
        confirm(device_id, position)
    store.set_state(engine.LAST_SYNC_KEY, utcnow_iso())
    engine.remember_outcome(store, report.held, report.rejected, report.warnings)

    report.sent_bytes = transport.bytes_sent - sent0
    report.received_bytes = transport.bytes_received - received0
    report.seconds = time.perf_counter() - started
    return report


def _incoming_dir(store: Store) -> Path:
    base = store.path.parent if store.path is not None else Path(tempfile.gettempdir())
    path = base / "sync" / "incoming"
    path.mkdir(parents=True, exist_ok=True)
    return path
