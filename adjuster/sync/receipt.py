"""Receipts: the hub's signed answer to a bundle, carried back to the device.

A receipt says which ops were accepted (the device stops sending them), which conflicted or wait,
which blobs the hub holds, and carries the office's changes since the device's cursor (with the
photos other devices added), so a laptop that never sees a network still gets the office's
decisions. The device checks the hub's signature against the key it pinned (the first receipt
pins it when enrolment did not) before anything is applied.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adjuster.sync import engine
from adjuster.sync.keys import verify_b64
from adjuster.sync.outbox import ack, ack_through
from adjuster.sync.protocol import (
    PROTOCOL_VERSION,
    RECEIPT_FORMAT,
    ApplyResult,
    Change,
    Conflict,
    PullResult,
    blob_refs,
)
from adjuster.sync.syncer import store_blob
from adjuster.sync.zipcheck import DEFAULT_LIMITS, BundleError, Limits, copy_hashed, open_checked, read_capped
from adjuster.util.atomic import atomic_open
from adjuster.util.clock import utcnow_iso

if TYPE_CHECKING:
    from adjuster.store.store import Store
    from adjuster.sync.bundle import VerifiedBundle
    from adjuster.sync.hubstore import HubStore

RECEIPT = "receipt.json"
RECEIPT_SIG = "receipt.sig"
CHANGES = "changes.jsonl"
_BLOB_NAME = re.compile(r"^blobs/[0-9a-f]{64}$")


def is_receipt(path: Path) -> bool:
    """True when ``path`` looks like a receipt (has receipt.json) rather than a device bundle."""
    try:
        with zipfile.ZipFile(path) as zf:
            return RECEIPT in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def write_receipt(
    hub: HubStore, verified: VerifiedBundle, result: ApplyResult, out: Path,
    visible: Callable[[Change], bool] | None = None,
) -> Path:
    """Write the signed receipt for an imported bundle, with the changes since its cursor
    (only those ``visible`` lets this device see, when given: the hub's assignment rules)."""
    device_id = verified.device.device_id
    from_cursor = int(verified.manifest.get("cursor") or 0)
    changes: list[Change] = []
    conflicts: list[Conflict] = []
    position = from_cursor
    while True:
        page = hub.pull(device_id, position)
        changes += [c for c in page.changes if visible is None or visible(c)]
        conflicts += page.conflicts
        position = page.cursor
        if not page.more:
            break
    listed = {b["sha256"] for b in verified.manifest.get("blobs", [])}
    present = sorted(s for s in listed if hub.has_blob(s))
    needed = sorted({
        sha for c in changes if c.origin != device_id and not c.row.get("deleted_at") for sha in blob_refs(c.entity, c.row)
    })
    changes_bytes = b"".join(
        json.dumps(c.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n" for c in changes
    )
    carried = [{"sha256": sha, "size": hub.blob_path(sha).stat().st_size} for sha in needed if hub.has_blob(sha)]
    body = {
        "format": RECEIPT_FORMAT,
        "protocol": PROTOCOL_VERSION,
        "hub_id": hub.hub_id,
        "hub_public_key": hub.public_key,
        "device_id": device_id,
        "created_at": utcnow_iso(),
        "bundle": {k: verified.manifest.get(k) for k in ("seq_from", "seq_to", "op_count", "ops_sha256", "created_at")},
        "result": result.to_json(),
        "blobs_present": present,
        "blobs": carried,
        "from_cursor": from_cursor,
        "cursor": position,
        "conflicts": [c.to_json() for c in conflicts],
        "change_count": len(changes),
        "changes_sha256": hashlib.sha256(changes_bytes).hexdigest(),
        "changes_size": len(changes_bytes),
    }
    data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(out) as fh, zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
        zf.writestr(RECEIPT, data, zipfile.ZIP_DEFLATED)
        zf.writestr(RECEIPT_SIG, hub.sign(data))
        zf.writestr(CHANGES, changes_bytes, zipfile.ZIP_DEFLATED)
        for blob in carried:
            zf.write(hub.blob_path(blob["sha256"]), f"blobs/{blob['sha256']}", zipfile.ZIP_STORED)
    return out


@dataclass
class ReceiptOutcome:
    acked: int
    conflicts: int
    received: int
    pulled: bool
    held: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _allowed(name: str) -> bool:
    return name in (RECEIPT, RECEIPT_SIG, CHANGES) or bool(_BLOB_NAME.match(name))


def import_receipt(store: Store, media: Any, path: Path, *, limits: Limits = DEFAULT_LIMITS) -> ReceiptOutcome:
    """Verify a receipt and apply it on this device in one transaction: acknowledge ops, keep
    conflicts, and (if it is newer than what this device has) apply the office's changes."""
    path = Path(path)
    notes: list[str] = []
    with open_checked(path, _allowed, limits) as zf:
        data = read_capped(zf, RECEIPT, limits.max_json_bytes)
        signature = read_capped(zf, RECEIPT_SIG, 4096).decode("ascii", "replace").strip()
        try:
            body = json.loads(data)
        except ValueError:
            raise BundleError("receipt.json is not JSON") from None
        if not isinstance(body, dict) or body.get("format") != RECEIPT_FORMAT or body.get("protocol") != PROTOCOL_VERSION:
            raise BundleError(f"unknown receipt format {body.get('format') if isinstance(body, dict) else None!r}; update Adjuster")
        if body.get("device_id") != store.device_id:
            raise BundleError("this receipt is for another device")
        hub_key = str(body.get("hub_public_key") or "")
        pinned = store.get_state(engine.HUB_KEY)
        if pinned and pinned != hub_key:
            raise BundleError("the receipt is signed by another hub than the one this device trusts")
        if not verify_b64(hub_key, signature, data):
            raise BundleError("the receipt's signature is invalid: altered or forged")
        if not pinned:
            notes.append("pinned the hub's key from this receipt (first contact)")
        try:
            result = ApplyResult.from_json(body.get("result"))
            pull = _read_pull(zf, body, limits)
        except ValueError as err:
            raise BundleError(f"receipt content is malformed: {err}") from None
        listed = {b.get("sha256"): b.get("size") for b in body.get("blobs", []) if isinstance(b, dict)}
        present = {n[len("blobs/"):]: zf.getinfo(n).file_size for n in zf.namelist() if n.startswith("blobs/")}
        if listed != present:
            raise BundleError("the photos in the receipt differ from its signed list")
        # photos first: a record is never applied without them
        incoming = Path(tempfile.mkdtemp(prefix=".receipt.", dir=_scratch(store)))
        try:
            for name in zf.namelist():
                if not name.startswith("blobs/"):
                    continue
                sha = name[len("blobs/"):]
                tmp = incoming / sha
                with open(tmp, "wb") as out:
                    got, _size = copy_hashed(zf, name, out, zf.getinfo(name).file_size)
                if got != sha:
                    raise BundleError(f"photo {sha[:12]}… in the receipt is damaged")
                store_blob(media, sha, tmp)
        finally:
            for leftover in incoming.glob("*"):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            with contextlib.suppress(OSError):
                os.rmdir(incoming)
    from_cursor = int(body.get("from_cursor") or 0)
    received = 0
    pulled = False
    with store.transaction():
        if not pinned:
            store.set_state(engine.HUB_KEY, hub_key)
        acked = ack(store, result.acked) + ack_through(store, result.applied_seq, except_ids=result.held)
        engine.store_conflicts(store, result.conflicts)
        now = utcnow_iso()
        for sha in body.get("blobs_present", []):
            store.execute("INSERT OR IGNORE INTO sync_blob_acks (sha256, acked_at) VALUES (?, ?)", [str(sha), now])
        store.set_state("sync.wanted_blobs", json.dumps(sorted(result.missing_blobs)))
        here = engine.cursor(store)
        if pull.cursor > here and from_cursor <= here:
            received = engine.apply_pull(store, pull.changes, pull.conflicts, pull.cursor)
            pulled = True
        elif pull.cursor > here:
            notes.append("the receipt's changes start after this device's position; import the earlier receipt first")
        else:
            engine.store_conflicts(store, pull.conflicts)
    engine.remember_outcome(store, result.held, result.rejected, notes)
    store.set_state(engine.LAST_SYNC_KEY, utcnow_iso())
    conflicts = len({c.conflict_id for c in result.conflicts} | {c.conflict_id for c in pull.conflicts if c.status == "open"})
    return ReceiptOutcome(acked, conflicts, received, pulled, result.held, result.rejected, notes)


def _read_pull(zf: zipfile.ZipFile, body: dict[str, Any], limits: Limits) -> PullResult:
    """The changes carried in ``changes.jsonl``, checked against the signed size and hash."""
    size, digest = body.get("changes_size"), body.get("changes_sha256")
    if not isinstance(size, int) or not isinstance(digest, str):
        raise BundleError("the receipt does not describe its changes")
    try:
        info = zf.getinfo(CHANGES)
    except KeyError:
        raise BundleError("the receipt has no changes.jsonl") from None
    if info.file_size != size:
        raise BundleError("changes.jsonl has another size than the receipt says: altered or truncated")
    data = read_capped(zf, CHANGES, min(size, limits.max_entry_bytes))
    if hashlib.sha256(data).hexdigest() != digest:
        raise BundleError("changes.jsonl does not match the receipt's hash: altered")
    changes = [Change.from_json(json.loads(line), f"changes.jsonl line {n}") for n, line in enumerate(data.splitlines(), 1) if line.strip()]
    if len(changes) != body.get("change_count"):
        raise BundleError("changes.jsonl holds another number of changes than the receipt says")
    conflicts = [Conflict.from_json(c, f"conflicts[{i}]") for i, c in enumerate(body.get("conflicts") or [])]
    cursor = body.get("cursor")
    if not isinstance(cursor, int):
        raise BundleError("the receipt has no cursor")
    return PullResult(changes, conflicts, cursor, False, str(body.get("created_at", "")))


def _scratch(store: Store) -> Path:
    base = store.path.parent / "sync" if store.path is not None else Path(tempfile.gettempdir())
    base.mkdir(parents=True, exist_ok=True)
    return base


__all__ = ["write_receipt", "import_receipt", "is_receipt", "ReceiptOutcome"]
