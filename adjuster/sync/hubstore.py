"""The back office's database: every device's records merged, with the bookkeeping sync needs.

``HubStore`` is the one interface the HTTP hub, the bundle importer and the tests call. It holds
the same entity tables as a device (the profile migrations) plus ``hub_*`` tables: enrolled
devices, every op received (applied, refused or held), a ``server_seq`` per record for the pull
feed, conflicts and blobs. Only this class touches those tables, so a PostgreSQL implementation
can later stand behind the same methods.

Threading: one HubStore wraps one SQLite connection whose statements are serialised by the
store's lock, so HTTP handlers may share it; every method is one transaction.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from adjuster.domain.errors import AdjusterError, NotFoundError, ValidationError
from adjuster.domain.models import Case
from adjuster.store.store import Store
from adjuster.sync import hubapply
from adjuster.sync.hubblobs import BlobMismatch, FileBlobStore
from adjuster.sync.hubschema import HUB_SCHEMA, HUB_SCHEMA_VERSION
from adjuster.sync.keys import check_public_key, load_or_create_key, public_key_b64, sign_b64
from adjuster.sync.protocol import (
    MODELS,
    OFFICE,
    ApplyResult,
    Change,
    Conflict,
    DeviceInfo,
    Op,
    PullResult,
)
from adjuster.sync.rows import read_row
from adjuster.util.clock import utcnow_iso
from adjuster.util.ids import uuid7

HUB_DB = "hub.db"
PULL_LIMIT = 2000


class SyncError(AdjusterError):
    """A sync request the hub refuses as a whole (unknown device, bad blob, …); nothing changed."""


class UnknownDeviceError(SyncError):
    pass


class HubStore:
    """Open with ``HubStore.open(path)``; ``path`` is a directory (``hub.db``, ``blobs/``, the hub
    key inside) or a database file (blobs and key beside it)."""

    def __init__(self, store: Store, root: Path, blob_dir: Path, key_path: Path) -> None:
        self.store = store
        self.store.record_outbox = False
        self.root = root
        self.blob_dir = blob_dir
        self.blobs = FileBlobStore(blob_dir)
        self.key = load_or_create_key(key_path)
        with self.store.transaction():
            for statement in HUB_SCHEMA.split(";"):
                if statement.strip():
                    self.store.execute(statement)
            self._meta_default("schema_version", str(HUB_SCHEMA_VERSION))
            self._meta_default("server_seq", "0")
            self._meta_default("hub_id", uuid7())
        self.hub_id = self._meta("hub_id") or ""

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> HubStore:
        """Open (creating) the hub at ``path`` — a directory, or a ``.db`` file."""
        p = Path(path)
        if p.suffix in (".db", ".sqlite", ".sqlite3") or p.is_file():
            root, db = p.parent, p
            blob_dir, key = p.parent / f"{p.stem}-blobs", p.parent / f"{p.stem}-hub_key.pem"
        else:
            root, db = p, p / HUB_DB
            blob_dir, key = p / "blobs", p / "hub_key.pem"
        root.mkdir(parents=True, exist_ok=True)
        return cls(Store.open(db, user=OFFICE), root, blob_dir, key)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> HubStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- identity ------------------------------------------------------------------------------
    @property
    def public_key(self) -> str:
        """The hub's Ed25519 public key (base64); devices pin it to check receipts."""
        return public_key_b64(self.key)

    def sign(self, data: bytes) -> str:
        return sign_b64(self.key, data)

    # -- meta ----------------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self.store.query_one("SELECT value FROM hub_meta WHERE key = ?", [key])
        return row["value"] if row else None

    def _meta_default(self, key: str, value: str) -> None:
        self.store.execute("INSERT OR IGNORE INTO hub_meta (key, value) VALUES (?, ?)", [key, value])

    def next_seq(self) -> int:
        """Allocate the next server_seq; call inside a transaction."""
        self.store.execute("UPDATE hub_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'server_seq'")
        return int(self._meta("server_seq") or 0)

    def current_seq(self) -> int:
        """The newest server_seq handed out (the cursor a device has after pulling everything)."""
        return int(self._meta("server_seq") or 0)

    # -- devices -------------------------------------------------------------------------------
    def register_device(self, device_id: str, user: str, public_key: str, *, replace: bool = False) -> DeviceInfo:
        """Enrol a device (idempotent for the same key). A different key for a known device is
        refused unless ``replace`` (a re-installed laptop), so a stolen id cannot be re-keyed."""
        check_public_key(public_key)
        if not device_id or len(device_id) > 80:
            raise ValidationError("device_id", "is required (at most 80 characters)")
        with self.store.transaction():
            known = self.device(device_id)
            if known and known.public_key != public_key and not replace:
                raise SyncError(f"device {device_id} is enrolled with another key; re-enrol it explicitly to replace the key")
            if known:
                self.store.execute(
                    "UPDATE hub_devices SET public_key = ?, user_name = ?, revoked = 0 WHERE device_id = ?",
                    [public_key, user, device_id],
                )
            else:
                self.store.execute(
                    "INSERT INTO hub_devices (device_id, user_name, public_key, enrolled_at) VALUES (?, ?, ?, ?)",
                    [device_id, user, public_key, utcnow_iso()],
                )
        info = self.device(device_id)
        assert info is not None
        return info

    def device(self, device_id: str) -> DeviceInfo | None:
        """The enrolled device, or None (revoked devices are returned with ``revoked=True``)."""
        row = self.store.query_one("SELECT * FROM hub_devices WHERE device_id = ?", [device_id])
        return _device(row) if row else None

    def devices(self) -> list[DeviceInfo]:
        return [_device(r) for r in self.store.query("SELECT * FROM hub_devices ORDER BY enrolled_at")]

    def revoke_device(self, device_id: str) -> None:
        """Refuse further ops from a lost or retired device (what it sent stays)."""
        with self.store.transaction():
            self.require_device(device_id)
            self.store.execute("UPDATE hub_devices SET revoked = 1 WHERE device_id = ?", [device_id])

    def require_device(self, device_id: str) -> DeviceInfo:
        info = self.device(device_id)
        if info is None:
            raise UnknownDeviceError(f"device {device_id} is not enrolled with this hub")
        if info.revoked:
            raise UnknownDeviceError(f"device {device_id} was revoked")
        return info

    # -- ops -----------------------------------------------------------------------------------
    def apply_ops(self, device_id: str, ops: Sequence[Op | dict[str, Any]]) -> ApplyResult:
        """Apply a device's ops in device_seq order, in one transaction.

        An op id seen before is a duplicate (no-op); ops after a gap, ops whose blobs are missing
        and batches deleting too much are held (stored, applied later, reported in ``held``).
        Each field merges three-way; a real disagreement becomes a Conflict keeping both values.
        Raises UnknownDeviceError / ValidationError with nothing changed.
        """
        parsed = [o if isinstance(o, Op) else Op.from_json(o, f"ops[{i}]") for i, o in enumerate(ops)]
        for i, op in enumerate(parsed):
            if op.device_id != device_id:
                raise ValidationError(f"ops[{i}].device_id", "belongs to another device")
        with self.store.transaction():
            self.require_device(device_id)
            return hubapply.apply_batch(self, device_id, parsed)

    def confirm_deletes(self, device_id: str) -> ApplyResult:
        """A person confirmed a held mass delete: apply the device's held ops now."""
        with self.store.transaction():
            self.require_device(device_id)
            top = self.store.query_one(
                "SELECT COALESCE(MAX(device_seq), 0) AS s FROM hub_ops WHERE device_id = ? AND status = 'held'", [device_id]
            )
            self.store.execute("UPDATE hub_devices SET confirmed_seq = ? WHERE device_id = ?", [top["s"] if top else 0, device_id])
            return hubapply.apply_batch(self, device_id, [])

    def retry_held(self, device_id: str) -> ApplyResult:
        """Try the device's held ops again (after a missing blob arrived)."""
        with self.store.transaction():
            self.require_device(device_id)
            return hubapply.apply_batch(self, device_id, [])

    def set_aside(self, device_id: str, op_id: str, *, by: str = OFFICE) -> ApplyResult:
        """A person gives up on a held op (its photo is lost for good): it is kept in ``hub_ops``
        as rejected with who decided, acknowledged to the device, and the ops behind it go ahead."""
        with self.store.transaction():
            self.require_device(device_id)
            row = self.store.query_one(
                "SELECT device_seq FROM hub_ops WHERE op_id = ? AND device_id = ? AND status = 'held'", [op_id, device_id]
            )
            if row is None:
                raise NotFoundError("held op", op_id)
            info = self.require_device(device_id)
            if row["device_seq"] != info.applied_seq + 1:
                raise ValidationError("op_id", f"only the next op in sequence ({info.applied_seq + 1}) can be set aside")
            self.store.execute(
                "UPDATE hub_ops SET status = 'rejected', reason = ?, applied_at = ? WHERE op_id = ?",
                [f"set aside by {by}", utcnow_iso(), op_id],
            )
            self.store.execute("UPDATE hub_devices SET applied_seq = ? WHERE device_id = ?", [row["device_seq"], device_id])
            result = hubapply.apply_batch(self, device_id, [])
            result.rejected[op_id] = f"set aside by {by}"
            return result

    def held_ops(self, device_id: str) -> list[dict[str, Any]]:
        """Held ops with the reason each waits (for the review screen)."""
        rows = self.store.query(
            "SELECT op_id, device_seq, reason, payload FROM hub_ops WHERE device_id = ? AND status = 'held' ORDER BY device_seq",
            [device_id],
        )
        for row in rows:
            row["payload"] = json.loads(row["payload"])
        return rows

    def op_status(self, op_id: str) -> str | None:
        """``applied`` | ``rejected`` | ``held`` | None (never received)."""
        row = self.store.query_one("SELECT status FROM hub_ops WHERE op_id = ?", [op_id])
        return row["status"] if row else None

    # -- pull ----------------------------------------------------------------------------------
    def changes_since(self, device_id: str, cursor: int, limit: int = PULL_LIMIT) -> tuple[list[Change], int]:
        """Records changed after ``cursor`` (whole rows as the hub holds them) and the new cursor."""
        result = self.pull(device_id, cursor, limit)
        return result.changes, result.cursor

    def pull(self, device_id: str, cursor: int, limit: int = PULL_LIMIT) -> PullResult:
        """A page of changes after ``cursor`` plus conflicts opened or settled in that range.

        Calling with ``cursor`` also records that the device holds everything up to it durably
        (the device only advances its cursor after committing a page).
        """
        with self.store.transaction():
            self.require_device(device_id)
            cursor = max(0, int(cursor))
            self.store.execute(
                "UPDATE hub_devices SET pull_cursor = MAX(pull_cursor, ?), last_seen_at = ? WHERE device_id = ?",
                [min(cursor, self.current_seq()), utcnow_iso(), device_id],
            )
            rows = self.store.query(
                "SELECT entity, record_id, server_seq, origin FROM hub_rows WHERE server_seq > ? ORDER BY server_seq LIMIT ?",
                [cursor, limit + 1],
            )
            more = len(rows) > limit
            rows = rows[:limit]
            new_cursor = rows[-1]["server_seq"] if more else max(cursor, self.current_seq())
            changes = []
            for r in rows:
                row = read_row(self.store, r["entity"], r["record_id"])
                if row is not None:
                    changes.append(Change(r["server_seq"], r["entity"], r["record_id"], r["origin"], row))
            conflicts = [
                _conflict(c)
                for c in self.store.query(
                    "SELECT * FROM hub_conflicts WHERE server_seq > ? AND server_seq <= ? ORDER BY server_seq",
                    [cursor, new_cursor],
                )
            ]
        return PullResult(changes, conflicts, new_cursor, more, utcnow_iso())

    def confirm_cursor(self, device_id: str, cursor: int) -> None:
        """The device says it holds everything up to ``cursor`` durably (for status screens)."""
        with self.store.transaction():
            self.require_device(device_id)
            self.store.execute(
                "UPDATE hub_devices SET pull_cursor = MAX(pull_cursor, ?), last_seen_at = ? WHERE device_id = ?",
                [min(int(cursor), self.current_seq()), utcnow_iso(), device_id],
            )

    # -- blobs ---------------------------------------------------------------------------------
    def blob_path(self, sha: str) -> Path:
        """Where the blob with this sha256 lives (whether or not it is there yet)."""
        return self.blobs.path(sha)

    def has_blob(self, sha: str) -> bool:
        return bool(self.store.query_one("SELECT 1 AS x FROM hub_blobs WHERE sha256 = ?", [sha])) and self.blobs.exists(sha)

    def missing_blobs(self, shas: Iterable[str]) -> list[str]:
        """Which of ``shas`` the hub does not hold yet (the device uploads exactly these)."""
        wanted = sorted(set(shas))
        for sha in wanted:
            self.blobs.path(sha)  # validates
        return [s for s in wanted if not self.has_blob(s)]

    def put_blob(self, sha: str, data: bytes | str | os.PathLike[str] | BinaryIO) -> bool:
        """Store a blob after checking its sha256; returns False if it was already there.
        Raises SyncError (nothing stored) when the bytes do not match ``sha``."""
        if self.has_blob(sha):
            return False
        try:
            size = self.blobs.put(sha, data)
        except BlobMismatch as err:
            raise SyncError(str(err)) from None
        self._record_blob(sha, size)
        return True

    def adopt_blob(self, sha: str, verified_file: Path) -> bool:
        """Move an already-hashed temp file into the blob store (bundle import)."""
        if self.has_blob(sha):
            return False
        self._record_blob(sha, self.blobs.adopt(sha, verified_file))
        return True

    def adopt_blobs(self, files: dict[str, Path]) -> int:
        """Adopt many verified files at once (one durability flush); returns how many were new."""
        fresh = {sha: path for sha, path in files.items() if not self.has_blob(sha)}
        if not fresh:
            return 0
        sizes = self.blobs.adopt_many(fresh)
        now = utcnow_iso()
        with self.store.transaction():
            for sha, size in sizes.items():
                self.store.execute("INSERT OR IGNORE INTO hub_blobs (sha256, size, stored_at) VALUES (?, ?, ?)", [sha, size, now])
        return len(sizes)

    def _record_blob(self, sha: str, size: int) -> None:
        with self.store.transaction():
            self.store.execute(
                "INSERT OR IGNORE INTO hub_blobs (sha256, size, stored_at) VALUES (?, ?, ?)", [sha, size, utcnow_iso()]
            )

    # -- records -------------------------------------------------------------------------------
    def record(self, entity: str, record_id: str) -> dict[str, Any] | None:
        """A record as JSON values (tombstones included)."""
        if entity not in MODELS:
            raise ValidationError("entity", f"unknown entity {entity!r}")
        return read_row(self.store, entity, record_id)

    # -- conflicts -----------------------------------------------------------------------------
    def conflicts(self, open_only: bool = True, record_id: str | None = None) -> list[Conflict]:
        """Conflicts (oldest first), only the open ones by default."""
        sql = "SELECT * FROM hub_conflicts WHERE 1 = 1"
        params: list[Any] = []
        if open_only:
            sql += " AND status = 'open'"
        if record_id:
            sql += " AND record_id = ?"
            params.append(record_id)
        return [_conflict(r) for r in self.store.query(sql + " ORDER BY server_seq", params)]

    def conflict(self, conflict_id: str) -> Conflict:
        row = self.store.query_one("SELECT * FROM hub_conflicts WHERE conflict_id = ?", [conflict_id])
        if row is None:
            raise NotFoundError("conflict", conflict_id)
        return _conflict(row)

    def resolve_conflict(self, conflict_id: str, choice: str, value: Any = None, *, by: str = OFFICE) -> Conflict:
        """Settle a conflict in the office: ``device`` (alias ``mine``) keeps the device's value,
        ``hub`` (alias ``theirs``) the value the record holds, ``edited`` sets ``value``. The
        outcome is a change with a server_seq, so every device pulls it."""
        with self.store.transaction():
            c = self.conflict(conflict_id)
            chosen = _choice_value(c, choice, value)
            hubapply.resolve(self, c, chosen, by=by, origin=OFFICE, op_id=None)
            return self.conflict(conflict_id)

    # -- office --------------------------------------------------------------------------------
    def office_decide(
        self, case_id: str, decision: str, amount: Any = None, comment: str = "", *, by: str = OFFICE
    ) -> Change:
        """Approve or return a case. Writes the office-owned fields (status, approved amount,
        comment, reviewer) as an office change that devices pull."""
        if decision not in ("approve", "return"):
            raise ValidationError("decision", "must be approve or return")
        with self.store.transaction():
            row = self.record("case", case_id)
            if row is None or row.get("deleted_at"):
                raise NotFoundError("case", case_id)
            case = Case.from_dict(row)
            status = "approved" if decision == "approve" else "returned"
            case.check_transition(Case.from_dict({**row, "status": status}).status)
            values: dict[str, Any] = {"status": status, "review_comment": comment, "reviewed_by": by, "reviewed_at": utcnow_iso()}
            if decision == "approve":
                values["approved_amount"] = None if amount is None else str(amount)
            return hubapply.office_write(self, "case", case_id, values, by=by)

    def office_edit(self, entity: str, record_id: str, values: dict[str, Any], *, by: str = OFFICE) -> Change:
        """Change fields in the office (e.g. reassign a case: ``{"assigned_to": "li"}``); pulled by
        devices and merged there like any other change; open conflicts on a field track the new value."""
        with self.store.transaction():
            if self.record(entity, record_id) is None:
                raise NotFoundError(entity, record_id)
            return hubapply.office_write(self, entity, record_id, values, by=by)

    def office_create(self, entity: str, values: dict[str, Any], *, by: str = OFFICE) -> Change:
        """Create a record in the office (a site to visit, a case to assign); devices pull it."""
        with self.store.transaction():
            return hubapply.office_create(self, entity, values, by=by)


def _device(row: dict[str, Any]) -> DeviceInfo:
    return DeviceInfo(
        device_id=row["device_id"],
        user=row["user_name"],
        public_key=row["public_key"],
        enrolled_at=row["enrolled_at"],
        applied_seq=row["applied_seq"],
        cursor=row["pull_cursor"],
        last_seen_at=row["last_seen_at"],
        revoked=bool(row["revoked"]),
    )


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _conflict(row: dict[str, Any]) -> Conflict:
    return Conflict(
        conflict_id=row["conflict_id"],
        entity=row["entity"],
        record_id=row["record_id"],
        field=row["field"],
        kind=row["kind"],
        base_value=_loads(row["base_value"]),
        hub_value=_loads(row["hub_value"]),
        device_value=_loads(row["device_value"]),
        hub_origin=row["hub_origin"],
        device_id=row["device_id"],
        op_id=row["op_id"],
        status=row["status"],
        resolution=_loads(row["resolution"]),
        resolved_by=row["resolved_by"],
        created_at=row["created_at"],
        resolved_at=row["resolved_at"],
        server_seq=row["server_seq"],
    )


def _choice_value(c: Conflict, choice: str, value: Any) -> Any:
    if choice in ("device", "mine"):
        return c.device_value
    if choice in ("hub", "theirs"):
        return c.hub_value
    if choice == "edited":
        return value
    raise ValidationError("choice", "must be mine, theirs or edited")
