"""The device side of sync: apply what the hub sends, keep its conflicts, settle them, report status.

Pulled records are whole rows as the hub holds them. A field this device changed and the hub has
not acknowledged yet keeps the local value (the hub merges it when the op arrives and reports a
conflict if both sides changed it); every other field takes the hub's value. All of a pull lands in
one transaction together with the new cursor, so the cursor never runs ahead of the data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from adjuster.domain.errors import NotFoundError, ValidationError
from adjuster.domain.models import SYNC_FIELDS
from adjuster.sync.faults import crash_point
from adjuster.sync.outbox import append_op, log_cursor, pending_count, pending_fields
from adjuster.sync.protocol import ENTITY_ORDER, Change, Conflict, PullResult, canon, values_equal
from adjuster.sync.rows import insert_row, read_row, update_row
from adjuster.util.clock import utcnow_iso

if TYPE_CHECKING:
    from adjuster.store.store import Store

CURSOR_KEY = "sync.cursor"
LAST_SYNC_KEY = "sync.last_sync_at"
HUB_KEY = "sync.hub_public_key"
LAST_OUTCOME_KEY = "sync.last_outcome"
_META = ("rev", "updated_at", "updated_by", "device_id")


def cursor(store: Store) -> int:
    """The hub position this device has durably applied."""
    return int(store.get_state(CURSOR_KEY) or 0)


# -- applying pulled changes -----------------------------------------------------------------------
def apply_pull(store: Store, changes: list[Change], conflicts: list[Conflict], new_cursor: int) -> int:
    """Apply pulled rows and conflicts and move the cursor, all in one transaction.
    Returns how many records changed here."""
    applied = 0
    ordered = sorted(changes, key=lambda c: (ENTITY_ORDER.index(c.entity), c.server_seq))
    with store.transaction():
        keep = pending_fields(store)  # read inside the transaction: no local edit can slip in between
        store.execute("PRAGMA defer_foreign_keys = ON")  # parents and children may arrive in any order
        previous = store.record_outbox
        store.record_outbox = False  # remote changes are not new local ops
        try:
            for change in ordered:
                applied += _apply_row(store, change, keep.get((change.entity, change.record_id), set()))
            crash_point("device_apply")
            store_conflicts(store, conflicts)
            if new_cursor != cursor(store):
                store.set_state(CURSOR_KEY, str(new_cursor))
                log_cursor(store, new_cursor)
        finally:
            store.record_outbox = previous
    return applied


def _apply_row(store: Store, change: Change, keep: set[str]) -> int:
    entity, record_id, row = change.entity, change.record_id, change.row
    local = read_row(store, entity, record_id)
    if local is None:
        insert_row(store, entity, row)
        fields = {k: {"old": None, "new": v} for k, v in row.items() if k not in SYNC_FIELDS or k == "created_at"}
        store.record_change(entity, record_id, "create", 0, fields)
        return 1
    updates: dict[str, Any] = {}
    for name, value in row.items():
        if name == "id" or name in keep or (keep and name in _META):
            continue
        if name in _META:
            if local.get(name) != value:
                updates[name] = value
        elif not values_equal(entity, name, local.get(name), value):
            updates[name] = value
    if not updates:
        return 0
    update_row(store, entity, record_id, updates)
    data = {k: {"old": local.get(k), "new": v} for k, v in updates.items() if k not in _META}
    if data:
        action = "delete" if row.get("deleted_at") and not local.get("deleted_at") else "update"
        store.record_change(entity, record_id, action, int(local["rev"]), data)
        return 1
    return 0


# -- conflicts -------------------------------------------------------------------------------------
def store_conflicts(store: Store, conflicts: list[Conflict]) -> None:
    """Keep the hub's conflict records here (a settlement made here and not yet acknowledged
    stays ``resolving`` until the hub reports it resolved)."""
    with store.transaction():
        for c in conflicts:
            local = store.query_one("SELECT status, server_seq FROM sync_conflicts WHERE conflict_id = ?", [c.conflict_id])
            if local and int(local["server_seq"]) > c.server_seq:
                continue  # an older report (a receipt imported late) never overrides a newer one
            status = c.status
            if local and local["status"] == "resolving" and c.status == "open":
                status = "resolving"
            values = [
                c.entity, c.record_id, c.field, c.kind, _dump(c.base_value), _dump(c.hub_value), _dump(c.device_value),
                c.hub_origin, c.device_id, c.op_id, status, _dump(c.resolution) if c.status != "open" else None,
                c.resolved_by, c.created_at, c.resolved_at, c.server_seq,
            ]
            if local:
                if status == "resolving":
                    store.execute(
                        "UPDATE sync_conflicts SET hub_value = ?, device_value = ?, server_seq = ? WHERE conflict_id = ?",
                        [_dump(c.hub_value), _dump(c.device_value), c.server_seq, c.conflict_id],
                    )
                    continue
                store.execute(
                    "UPDATE sync_conflicts SET entity = ?, record_id = ?, field = ?, kind = ?, base_value = ?, hub_value = ?,"
                    " device_value = ?, hub_origin = ?, device_id = ?, op_id = ?, status = ?, resolution = ?, resolved_by = ?,"
                    " created_at = ?, resolved_at = ?, server_seq = ? WHERE conflict_id = ?",
                    [*values, c.conflict_id],
                )
            else:
                store.execute(
                    "INSERT INTO sync_conflicts (entity, record_id, field, kind, base_value, hub_value, device_value, hub_origin,"
                    " device_id, op_id, status, resolution, resolved_by, created_at, resolved_at, server_seq, conflict_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [*values, c.conflict_id],
                )


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def conflicts(store: Store, *, open_only: bool = True) -> list[Conflict]:
    """Conflicts this device knows of; open ones (not yet settled anywhere) by default."""
    sql = "SELECT * FROM sync_conflicts" + (" WHERE status = 'open'" if open_only else "") + " ORDER BY server_seq"
    out = []
    for r in store.query(sql):
        for key in ("base_value", "hub_value", "device_value", "resolution"):
            r[key] = None if r[key] is None else json.loads(r[key])
        out.append(Conflict.from_json(r))
    return out


def resolve(store: Store, conflict_id: str, choice: str, value: Any = None) -> str:
    """Settle a conflict here: ``mine`` (this device's value when the conflict came from here),
    ``theirs`` (the other side), or ``edited`` with ``value``. The record changes locally and a
    resolve op goes to the hub like any other change. Returns the op id."""
    row = store.query_one("SELECT * FROM sync_conflicts WHERE conflict_id = ?", [conflict_id])
    if row is None:
        raise NotFoundError("conflict", conflict_id)
    if row["status"] != "open":
        raise ValidationError("conflict", f"conflict {conflict_id} is already {row['status']}")
    c = Conflict.from_json({**row, **{k: json.loads(row[k]) if row[k] is not None else None
                                      for k in ("base_value", "hub_value", "device_value", "resolution")}})
    ours, other = (c.device_value, c.hub_value) if c.device_id == store.device_id else (c.hub_value, c.device_value)
    if choice == "mine":
        chosen = ours
    elif choice == "theirs":
        chosen = other
    elif choice == "edited":
        chosen = value
    else:
        raise ValidationError("choice", "must be mine, theirs or edited")
    if chosen is not None:
        chosen = canon(c.entity, c.field, chosen)  # refuses a value of the wrong type, naming the field
    with store.transaction():
        local = read_row(store, c.entity, c.record_id)
        if local is None:
            raise NotFoundError(c.entity, c.record_id)
        previous = store.record_outbox
        store.record_outbox = False
        try:
            update_row(store, c.entity, c.record_id, {c.field: chosen})
            store.record_change(c.entity, c.record_id, "resolve", int(local["rev"]), {c.field: {"old": local.get(c.field), "new": chosen}})
        finally:
            store.record_outbox = previous
        op_id = append_op(
            store, c.entity, c.record_id, "resolve", int(local["rev"]),
            {c.field: {"old": local.get(c.field), "new": chosen}}, resolves=conflict_id,
        )
        store.execute(
            "UPDATE sync_conflicts SET status = 'resolving', resolution = ?, resolved_by = ?, resolved_at = ? WHERE conflict_id = ?",
            [_dump(chosen), store.user, utcnow_iso(), conflict_id],
        )
    return op_id


# -- status ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SyncStatus:
    device_id: str
    pending_ops: int
    cursor: int
    open_conflicts: int
    last_sync_at: str | None
    #: from the last round: ops the hub keeps waiting or refused (with reasons), and warnings
    waiting: dict[str, str] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def remember_outcome(store: Store, held: dict[str, str], rejected: dict[str, str], warnings: list[str]) -> None:
    """Keep what the last round left unfinished, for the status bar and ``adjuster sync status``."""
    store.set_state(LAST_OUTCOME_KEY, json.dumps({"held": held, "rejected": rejected, "warnings": warnings}, ensure_ascii=False))


def status(store: Store) -> SyncStatus:
    """What is waiting to go, where the pull stands, and how many conflicts need a person."""
    row = store.query_one("SELECT count(*) AS n FROM sync_conflicts WHERE status = 'open'")
    outcome = json.loads(store.get_state(LAST_OUTCOME_KEY) or "{}")
    return SyncStatus(
        device_id=store.device_id,
        pending_ops=pending_count(store),
        cursor=cursor(store),
        open_conflicts=int(row["n"]) if row else 0,
        last_sync_at=store.get_state(LAST_SYNC_KEY),
        waiting=outcome.get("held", {}),
        refused=outcome.get("rejected", {}),
        warnings=outcome.get("warnings", []),
    )


def pulled(result: PullResult) -> tuple[list[Change], list[Conflict], int]:
    return result.changes, result.conflicts, result.cursor
