"""Sync without a network: a signed zip of ops and photos carried on a USB stick or by mail.

``export_bundle`` (device) writes ``manifest.json`` (device, sequence range, op count, hash and size
of ``ops.jsonl``, every blob's hash and size, the device's pull cursor), ``manifest.sig`` (Ed25519
over the exact manifest bytes), ``ops.jsonl`` and ``blobs/<sha256>``.

``import_bundle`` (hub) verifies all of it — zip structure and limits, format version, enrolled
device, signature, op hashes, sizes and sequence, every blob's hash — before the database is
touched, then applies the ops in one transaction and writes a signed receipt (see ``receipt``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adjuster.sync.faults import crash_point
from adjuster.sync.hubstore import SyncError
from adjuster.sync.keys import verify_b64
from adjuster.sync.outbox import pending_ops
from adjuster.sync.protocol import (
    BUNDLE_FORMAT,
    PROTOCOL_VERSION,
    SHA256_RE,
    ApplyResult,
    Change,
    DeviceInfo,
    Op,
)
from adjuster.sync.syncer import blob_path
from adjuster.sync.zipcheck import DEFAULT_LIMITS, BundleError, Limits, copy_hashed, open_checked, read_capped
from adjuster.util.atomic import atomic_open
from adjuster.util.clock import utcnow_iso
from adjuster.util.ids import uuid7

if TYPE_CHECKING:
    from adjuster.store.store import Store
    from adjuster.sync.device import DeviceIdentity
    from adjuster.sync.hubstore import HubStore

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
OPS = "ops.jsonl"
BLOBS = "blobs/"
LAST_EXPORTED_KEY = "sync.last_exported_seq"
WANTED_BLOBS_KEY = "sync.wanted_blobs"
_BLOB_NAME = re.compile(r"^blobs/[0-9a-f]{64}$")


def _bundle_entry(name: str) -> bool:
    return name in (MANIFEST, SIGNATURE, OPS) or bool(_BLOB_NAME.match(name))


# -- device side -----------------------------------------------------------------------------------
@dataclass
class ExportResult:
    path: Path
    device_id: str
    seq_from: int
    seq_to: int
    op_count: int
    blob_count: int
    size: int
    skipped_blobs: list[str] = field(default_factory=list)


def export_bundle(store: Store, media: Any, identity: DeviceIdentity, out: Path, *, all_pending: bool = False) -> ExportResult:
    """Write the ops the hub has not acknowledged (by default only those not exported before;
    ``all_pending`` repeats every unacknowledged one) with the photos they need.

    An empty bundle is valid: its receipt brings the office's changes back."""
    from adjuster.sync import engine

    after = 0 if all_pending else int(store.get_state(LAST_EXPORTED_KEY) or 0)
    ops = pending_ops(store, after_seq=after)
    acked = {r["sha256"] for r in store.query("SELECT sha256 FROM sync_blob_acks")}
    wanted = set(json.loads(store.get_state(WANTED_BLOBS_KEY) or "[]"))
    shas = sorted({sha for op in ops if op.action != "delete" for sha in op.blobs()} - acked | wanted)
    ops_bytes = b"".join(json.dumps(op.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n" for op in ops)
    seq_from, seq_to = (ops[0].device_seq, ops[-1].device_seq) if ops else (0, 0)

    out = Path(out)
    skipped: list[str] = []
    included: list[dict[str, Any]] = []
    with atomic_open(out) as fh:
        with zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
            zf.writestr(OPS, ops_bytes, zipfile.ZIP_DEFLATED)
            crash_point("export_mid")
            for sha in shas:
                src = blob_path(media, sha)
                if not src.is_file():
                    skipped.append(sha)
                    continue
                name = BLOBS + sha
                digest = hashlib.sha256()
                size = 0
                with open(src, "rb") as fin, zf.open(zipfile.ZipInfo(name), "w", force_zip64=True) as zout:
                    while chunk := fin.read(1 << 20):
                        digest.update(chunk)
                        zout.write(chunk)
                        size += len(chunk)
                if digest.hexdigest() != sha:
                    raise BundleError(f"photo file {src} no longer matches its hash; run adjuster verify (no bundle written)")
                included.append({"sha256": sha, "size": size})
            manifest = {
                "format": BUNDLE_FORMAT,
                "protocol": PROTOCOL_VERSION,
                "device_id": identity.device_id,
                "user": identity.user,
                "created_at": utcnow_iso(),
                "seq_from": seq_from,
                "seq_to": seq_to,
                "op_count": len(ops),
                "ops_sha256": hashlib.sha256(ops_bytes).hexdigest(),
                "ops_size": len(ops_bytes),
                "cursor": engine.cursor(store),
                "blobs": included,
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
            zf.writestr(MANIFEST, manifest_bytes, zipfile.ZIP_DEFLATED)
            zf.writestr(SIGNATURE, identity.sign(manifest_bytes))
    if ops and seq_to > after:
        store.set_state(LAST_EXPORTED_KEY, str(seq_to))
    return ExportResult(out, identity.device_id, seq_from, seq_to, len(ops), len(included), out.stat().st_size, skipped)


# -- hub side --------------------------------------------------------------------------------------
@dataclass
class VerifiedBundle:
    """A bundle that passed every check; ``blobs`` are verified temp files ready to adopt."""

    manifest: dict[str, Any]
    device: DeviceInfo
    ops: list[Op]
    blobs: dict[str, Path]


def _int(manifest: dict[str, Any], key: str) -> int:
    value = manifest.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BundleError(f"manifest {key} is missing or not a count")
    return value


def verify_bundle(hub: HubStore, path: Path, workdir: Path, limits: Limits = DEFAULT_LIMITS) -> VerifiedBundle:
    """Check everything about the bundle at ``path`` without touching the hub's database.
    Blobs are extracted (hash-checked) into ``workdir``. Raises BundleError with the reason."""
    path = Path(path)
    if not path.is_file():
        raise BundleError(f"{path} does not exist")
    with open_checked(path, _bundle_entry, limits) as zf:
        manifest_bytes = read_capped(zf, MANIFEST, limits.max_json_bytes)
        try:
            manifest = json.loads(manifest_bytes)
        except ValueError:
            raise BundleError("manifest.json is not JSON") from None
        if not isinstance(manifest, dict):
            raise BundleError("manifest.json is not an object")
        if manifest.get("format") != BUNDLE_FORMAT or manifest.get("protocol") != PROTOCOL_VERSION:
            raise BundleError(
                f"unknown bundle format {manifest.get('format')!r} (protocol {manifest.get('protocol')!r}); "
                f"this hub reads {BUNDLE_FORMAT} — update Adjuster"
            )
        device_id = manifest.get("device_id")
        if not isinstance(device_id, str):
            raise BundleError("manifest names no device")
        device = hub.device(device_id)
        if device is None or device.revoked:
            raise BundleError(f"device {device_id} is not enrolled with this hub (or was revoked); enrol it first")
        signature = read_capped(zf, SIGNATURE, 4096).decode("ascii", "replace").strip()
        if not verify_b64(device.public_key, signature, manifest_bytes):
            raise BundleError("the manifest signature does not match the device's key: the bundle was altered or forged")

        # ops: size and hash as signed, then each op valid, this device's, in sequence
        try:
            info = zf.getinfo(OPS)
        except KeyError:
            raise BundleError("the bundle has no ops.jsonl") from None
        ops_size = _int(manifest, "ops_size")
        if info.file_size != ops_size:
            raise BundleError(f"ops.jsonl is {info.file_size} bytes, the manifest says {ops_size}: altered or truncated")
        ops_bytes = read_capped(zf, OPS, min(limits.max_entry_bytes, ops_size))
        if hashlib.sha256(ops_bytes).hexdigest() != manifest.get("ops_sha256"):
            raise BundleError("ops.jsonl does not match the manifest's hash: an op was altered")
        ops = _parse_ops(ops_bytes, device_id, manifest)

        # blobs: exactly the listed ones, each the declared size and hash
        listed = manifest.get("blobs")
        if not isinstance(listed, list):
            raise BundleError("manifest blobs is not a list")
        declared: dict[str, int] = {}
        for entry in listed:
            if not isinstance(entry, dict) or not SHA256_RE.match(str(entry.get("sha256", ""))) or not isinstance(entry.get("size"), int):
                raise BundleError("manifest has a malformed blob entry")
            declared[entry["sha256"]] = entry["size"]
        present = {n[len(BLOBS):] for n in zf.namelist() if n.startswith(BLOBS)}
        if present != set(declared):
            raise BundleError("the blobs in the bundle differ from the manifest's list")
        blobs: dict[str, Path] = {}
        workdir.mkdir(parents=True, exist_ok=True)
        need = sum(size for sha, size in declared.items() if not hub.has_blob(sha))
        free = shutil.disk_usage(workdir).free
        if need + (64 << 20) > free:  # extracted beside the blob store, then moved in
            raise BundleError(f"not enough disk space for the bundle's photos ({need:,} bytes, {free:,} free)")
        for sha, size in declared.items():
            if zf.getinfo(BLOBS + sha).file_size != size:
                raise BundleError(f"blob {sha[:12]}… has another size than the manifest says")
            target = workdir / sha
            if hub.has_blob(sha):
                with open(os.devnull, "wb") as sink:  # not needed, but an altered copy still refuses the bundle
                    got, got_size = copy_hashed(zf, BLOBS + sha, sink, size)
            else:
                with open(target, "wb") as out:
                    got, got_size = copy_hashed(zf, BLOBS + sha, out, size)
                blobs[sha] = target
            if got != sha or got_size != size:
                raise BundleError(f"blob {sha[:12]}… was altered (its bytes hash to {got[:12]}…)")
    return VerifiedBundle(manifest, device, ops, blobs)


def _parse_ops(data: bytes, device_id: str, manifest: dict[str, Any]) -> list[Op]:
    ops: list[Op] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError("ops.jsonl is not UTF-8") from None
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            op = Op.from_json(json.loads(line), f"ops.jsonl line {n}")
        except ValueError as err:  # ValidationError is a ValueError too
            raise BundleError(f"ops.jsonl line {n}: {err}") from None
        if op.device_id != device_id:
            raise BundleError(f"ops.jsonl line {n} belongs to another device")
        ops.append(op)
    count, seq_from, seq_to = _int(manifest, "op_count"), _int(manifest, "seq_from"), _int(manifest, "seq_to")
    if len(ops) != count:
        raise BundleError(f"ops.jsonl has {len(ops)} ops, the manifest says {count}")
    if ops:
        seqs = [op.device_seq for op in ops]
        if seqs != list(range(seq_from, seq_from + len(ops))) or seqs[-1] != seq_to:
            raise BundleError(f"the ops are not the contiguous sequence {seq_from}..{seq_to} the manifest declares")
    if len({op.op_id for op in ops}) != len(ops):
        raise BundleError("ops.jsonl repeats an op id")
    return ops


def _clean_stale(incoming: Path, max_age_s: float = 86400) -> None:
    """Remove work folders left by an importer that was killed (older than a day)."""
    import time

    if not incoming.is_dir():
        return
    for entry in incoming.iterdir():
        with contextlib.suppress(OSError):
            if time.time() - entry.stat().st_mtime > max_age_s:
                shutil.rmtree(entry)


@dataclass
class ImportOutcome:
    path: Path
    device_id: str
    seq_from: int
    seq_to: int
    result: ApplyResult
    receipt: Path | None
    blobs_stored: int


def import_bundle(
    hub: HubStore, path: Path, *, receipt_dir: Path | None = None, limits: Limits = DEFAULT_LIMITS,
    visible: Callable[[Change], bool] | None = None,
) -> ImportOutcome:
    """Verify ``path`` whole, store its blobs, apply its ops in one transaction, write a receipt.

    A bundle seen before changes nothing (its ops are duplicates); one that arrives before an
    earlier one is held until the gap is filled. Raises BundleError (nothing changed) if refused.
    """
    from adjuster.sync.receipt import write_receipt

    path = Path(path)
    _clean_stale(hub.root / "incoming")
    workdir = hub.root / "incoming" / uuid7()
    try:
        verified = verify_bundle(hub, path, workdir, limits)
        crash_point("after_verify")
        stored = hub.adopt_blobs(verified.blobs)
        crash_point("after_blobs")
        try:
            result = hub.apply_ops(verified.device.device_id, verified.ops)
        except SyncError as err:
            raise BundleError(str(err)) from None
        crash_point("after_commit")
        receipt_path = None
        if receipt_dir is not None:
            name = f"{path.stem}.receipt-{hub.current_seq()}.adjsync"
            receipt_path = write_receipt(hub, verified, result, Path(receipt_dir) / name, visible)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(workdir)
    m = verified.manifest
    return ImportOutcome(path, verified.device.device_id, m["seq_from"], m["seq_to"], result, receipt_path, stored)
