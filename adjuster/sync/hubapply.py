"""How the hub applies ops: in device order, idempotently, merging per field, holding what cannot
be applied yet. Called only by HubStore inside its transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from adjuster.domain.errors import AdjusterError, NotFoundError, ValidationError
from adjuster.sync.faults import crash_point
from adjuster.sync.merge import merge_field
from adjuster.sync.protocol import (
    OFFICE,
    OFFICE_FIELDS,
    OFFICE_STATUSES,
    ApplyResult,
    Change,
    Conflict,
    Op,
    data_fields,
    values_equal,
)
from adjuster.sync.rows import insert_row, read_row, update_row, validate_record
from adjuster.util.clock import utcnow_iso
from adjuster.util.ids import uuid7

if TYPE_CHECKING:
    from adjuster.sync.hubstore import HubStore

#: a batch deleting more than this share of a device's records waits for a person to confirm …
DELETE_SAFETY_SHARE = 0.5
#: … unless it deletes fewer records than this
DELETE_SAFETY_MIN = 5


def apply_batch(hub: HubStore, device_id: str, ops: list[Op]) -> ApplyResult:
    """Record incoming ops, then apply every held op of the device that is next in sequence."""
    result = ApplyResult()
    store = hub.store
    now = utcnow_iso()
    for op in ops:
        known = store.query_one("SELECT status FROM hub_ops WHERE op_id = ?", [op.op_id])
        if known:
            if known["status"] != "held":
                result.duplicates.append(op.op_id)
            continue
        clash = store.query_one(
            "SELECT op_id FROM hub_ops WHERE device_id = ? AND device_seq = ?", [device_id, op.device_seq]
        )
        if clash:
            # the device's numbering went back (restored from a backup?): keep the op on the device
            # (not acknowledged) and say why; the office re-enrols the device under a new id
            result.held[op.op_id] = (
                f"sequence {op.device_seq} already holds op {clash['op_id']}: this device's history was reset; "
                "re-enrol it as a new device"
            )
            continue
        store.execute(
            "INSERT INTO hub_ops (op_id, device_id, device_seq, status, reason, payload, received_at) VALUES (?, ?, ?, 'held', '', ?, ?)",
            [op.op_id, device_id, op.device_seq, json.dumps(op.to_json(), ensure_ascii=False), now],
        )
    _drain(hub, device_id, result)
    store.execute("UPDATE hub_devices SET last_seen_at = ? WHERE device_id = ?", [now, device_id])
    crash_point("before_commit")
    return result


def _held(hub: HubStore, device_id: str) -> list[Op]:
    rows = hub.store.query(
        "SELECT payload FROM hub_ops WHERE device_id = ? AND status = 'held' ORDER BY device_seq", [device_id]
    )
    return [Op.from_json(json.loads(r["payload"])) for r in rows]


def _drain(hub: HubStore, device_id: str, result: ApplyResult) -> None:
    store = hub.store
    dev = store.query_one("SELECT applied_seq, confirmed_seq FROM hub_devices WHERE device_id = ?", [device_id])
    assert dev is not None
    applied = int(dev["applied_seq"])
    held = _held(hub, device_id)
    reasons: dict[str, str] = {}
    deletes = [op for op in held if op.action == "delete" and op.device_seq > dev["confirmed_seq"]]
    if len(deletes) >= DELETE_SAFETY_MIN:
        owned_row = store.query_one("SELECT count(*) AS n FROM hub_rows WHERE creator = ? AND deleted = 0", [device_id])
        owned = int(owned_row["n"]) if owned_row else 0
        if len(deletes) > DELETE_SAFETY_SHARE * owned:
            why = f"held: this batch deletes {len(deletes)} of the device's {owned} records; a person must confirm"
            result.held_deletes = len(deletes)
            for op in held:
                reasons[op.op_id] = why
            held = []
    for i, op in enumerate(held):
        if op.device_seq <= applied:
            # an op below the applied line that we never saw: the device's numbering went back
            _finish(hub, op, "rejected", f"sequence {op.device_seq} is below the applied line {applied}")
            result.rejected[op.op_id] = f"sequence {op.device_seq} was already used"
            continue
        if op.device_seq != applied + 1:
            for later in held[i:]:
                reasons[later.op_id] = f"waiting for op {applied + 1} of this device"
            break
        missing = [s for s in sorted(op.blobs()) if not hub.has_blob(s)]
        if missing:
            result.missing_blobs = sorted(set(result.missing_blobs) | set(missing))
            reasons[op.op_id] = f"waiting for blob {missing[0]}"
            for later in held[i + 1 :]:
                reasons[later.op_id] = f"waiting for op {op.device_seq} of this device"
            break
        _apply_one(hub, op, result)
        applied = op.device_seq
        crash_point("mid_apply")
    store.execute("UPDATE hub_devices SET applied_seq = ? WHERE device_id = ?", [applied, device_id])
    for op_id, why in reasons.items():
        store.execute("UPDATE hub_ops SET reason = ? WHERE op_id = ?", [why, op_id])
        result.held[op_id] = why
    result.applied_seq = applied


def _finish(hub: HubStore, op: Op, status: str, reason: str = "") -> None:
    hub.store.execute(
        "UPDATE hub_ops SET status = ?, reason = ?, applied_at = ? WHERE op_id = ?", [status, reason, utcnow_iso(), op.op_id]
    )


def _apply_one(hub: HubStore, op: Op, result: ApplyResult) -> None:
    user = _device_user(hub, op.device_id)
    try:
        with hub.store.transaction():  # a savepoint: a refused op leaves no trace but its record
            if op.action == "resolve":
                _apply_resolve(hub, op, user, result)
            elif op.action == "delete":
                _apply_delete(hub, op, user, result)
            else:
                _apply_change(hub, op, user, result)
    except (ValidationError, NotFoundError, sqlite3.IntegrityError) as err:
        _finish(hub, op, "rejected", str(err))
        result.rejected[op.op_id] = str(err)
        return
    _finish(hub, op, "applied")
    result.accepted.append(op.op_id)


def _device_user(hub: HubStore, device_id: str) -> str:
    row = hub.store.query_one("SELECT user_name FROM hub_devices WHERE device_id = ?", [device_id])
    return row["user_name"] if row else device_id


def _office_refused(op: Op, row: dict[str, Any] | None) -> list[str]:
    """Fields of ``op`` a device may not set: office fields, office-only status values."""
    refused = []
    office = OFFICE_FIELDS.get(op.entity, frozenset())
    for name, change in op.fields.items():
        current = row.get(name) if row else None
        if name in office:
            if row is None and change.get("new") in (None, "", [], {}):
                continue  # a new record carries the empty defaults
            if row is not None and values_equal(op.entity, name, change.get("new"), current):
                continue
            refused.append(name)
        elif name == "status" and change.get("new") in OFFICE_STATUSES.get(op.entity, frozenset()):
            if not values_equal(op.entity, name, change.get("new"), current):
                refused.append(name)
    return refused


# -- change bookkeeping --------------------------------------------------------------------------
def touch(
    hub: HubStore, entity: str, record_id: str, origin: str, op_id: str | None, *, deleted: bool, fields: Iterable[str] = (),
    changed: bool = True,
) -> int:
    """Give the record a new server_seq so every device pulls it; log who changed which field.
    ``changed=False`` only re-announces the record (its data did not change)."""
    seq = hub.next_seq()
    prior = hub.store.query_one("SELECT field_origins FROM hub_rows WHERE entity = ? AND record_id = ?", [entity, record_id])
    origins = json.loads(prior["field_origins"]) if prior else {}
    origins.update({name: origin for name in fields})
    hub.store.execute(
        "INSERT INTO hub_rows (entity, record_id, server_seq, origin, creator, deleted, field_origins) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(entity, record_id) DO UPDATE SET server_seq = excluded.server_seq, origin = excluded.origin,"
        " deleted = excluded.deleted, field_origins = excluded.field_origins",
        [entity, record_id, seq, origin, origin, int(deleted), json.dumps(origins)],
    )
    if changed:
        hub.store.execute(
            "INSERT INTO hub_changes (server_seq, entity, record_id, origin, op_id, at) VALUES (?, ?, ?, ?, ?, ?)",
            [seq, entity, record_id, origin, op_id, utcnow_iso()],
        )
    return seq


def field_origin(hub: HubStore, entity: str, record_id: str, name: str) -> str:
    """Who last set this field on the hub (a device id or ``office``)."""
    row = hub.store.query_one("SELECT origin, creator, field_origins FROM hub_rows WHERE entity = ? AND record_id = ?", [entity, record_id])
    if row is None:
        return OFFICE
    return str(json.loads(row["field_origins"]).get(name) or row["creator"])


def _audit(hub: HubStore, user: str, origin: str, entity: str, record_id: str, action: str, changes: dict[str, Any]) -> None:
    hub.store.execute(
        "INSERT INTO audit_log (at, user, device_id, entity, record_id, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [utcnow_iso(), user, origin, entity, record_id, action, json.dumps(changes, ensure_ascii=False, sort_keys=True, default=str)],
    )


def _write(
    hub: HubStore, entity: str, record_id: str, row: dict[str, Any], values: dict[str, Any], *, user: str, origin: str,
    op_id: str | None, action: str = "update", settling: str | None = None,
) -> None:
    """Write changed fields of an existing record, bump its rev, log and announce the change."""
    meta = {"rev": int(row["rev"]) + 1, "updated_at": utcnow_iso(), "updated_by": user, "device_id": origin}
    update_row(hub.store, entity, record_id, {**values, **meta})
    _audit(hub, user, origin, entity, record_id, action, {k: {"old": row.get(k), "new": v} for k, v in values.items()})
    deleted = bool(values["deleted_at"]) if "deleted_at" in values else bool(row.get("deleted_at"))
    seq = touch(hub, entity, record_id, origin, op_id, deleted=deleted, fields=values)
    # open conflicts on a field now compare against the value the record holds
    for name, value in values.items():
        hub.store.execute(
            "UPDATE hub_conflicts SET hub_value = ?, hub_origin = ?, server_seq = ? WHERE record_id = ? AND entity = ? AND field = ?"
            " AND status = 'open' AND conflict_id != ?",
            [json.dumps(value, ensure_ascii=False), origin, seq, record_id, entity, name, settling or ""],
        )


def add_conflict(
    hub: HubStore, op: Op, name: str, kind: str, base: Any, hub_value: Any, device_value: Any, result: ApplyResult | None
) -> Conflict:
    """Record a disagreement, or extend the device's own open one on the same field."""
    store = hub.store
    seq = hub.next_seq()
    mine = store.query_one(
        "SELECT conflict_id, device_value FROM hub_conflicts WHERE record_id = ? AND entity = ? AND field = ? AND status = 'open'"
        " AND device_id = ? ORDER BY server_seq DESC LIMIT 1",
        [op.record_id, op.entity, name, op.device_id],
    )
    if mine and values_equal(op.entity, name, json.loads(mine["device_value"] or "null"), base):
        conflict_id = mine["conflict_id"]
        store.execute(
            "UPDATE hub_conflicts SET device_value = ?, op_id = ?, server_seq = ? WHERE conflict_id = ?",
            [json.dumps(device_value, ensure_ascii=False), op.op_id, seq, conflict_id],
        )
    else:
        conflict_id = uuid7()
        store.execute(
            "INSERT INTO hub_conflicts (conflict_id, entity, record_id, field, kind, base_value, hub_value, device_value,"
            " hub_origin, device_id, op_id, status, created_at, server_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
            [
                conflict_id, op.entity, op.record_id, name, kind,
                json.dumps(base, ensure_ascii=False), json.dumps(hub_value, ensure_ascii=False),
                json.dumps(device_value, ensure_ascii=False), field_origin(hub, op.entity, op.record_id, name),
                op.device_id, op.op_id, utcnow_iso(), seq,
            ],
        )
    # the device holds its own value for this field; announce the record so it pulls the hub's back
    row = hub.store.query_one("SELECT deleted FROM hub_rows WHERE entity = ? AND record_id = ?", [op.entity, op.record_id])
    touch(hub, op.entity, op.record_id, op.device_id, op.op_id, deleted=bool(row and row["deleted"]), changed=False)
    conflict = hub.conflict(conflict_id)
    if result is not None:
        result.conflicts = [c for c in result.conflicts if c.conflict_id != conflict_id] + [conflict]
    return conflict


# -- the actions ---------------------------------------------------------------------------------
def _apply_change(hub: HubStore, op: Op, user: str, result: ApplyResult) -> None:
    row = read_row(hub.store, op.entity, op.record_id)
    refused = _office_refused(op, row)
    if refused:
        result.refused_fields[op.op_id] = refused
    fields = {k: v for k, v in op.fields.items() if k not in refused}
    if row is None:
        if op.action != "create":
            raise NotFoundError(op.entity, op.record_id)
        values = {k: v["new"] for k, v in fields.items()}
        validate_record(op.entity, {**values, "id": op.record_id})
        meta = {"id": op.record_id, "rev": 1, "updated_at": utcnow_iso(), "updated_by": user, "device_id": op.device_id}
        insert_row(hub.store, op.entity, {**values, **meta, "created_at": values.get("created_at") or utcnow_iso()})
        _audit(hub, user, op.device_id, op.entity, op.record_id, "create", {k: {"old": None, "new": v} for k, v in values.items()})
        touch(hub, op.entity, op.record_id, op.device_id, op.op_id, deleted=False, fields=values)
        return
    values: dict[str, Any] = {}
    conflicted = False
    for name, change in fields.items():
        outcome = merge_field(
            change.get("old"), change["new"], row.get(name), lambda a, b, n=name: values_equal(op.entity, n, a, b)
        )
        if outcome.conflict:
            add_conflict(hub, op, name, "field", change.get("old"), row.get(name), change["new"], result)
            conflicted = True
        elif not values_equal(op.entity, name, outcome.value, row.get(name)):
            values[name] = outcome.value
    if row.get("deleted_at") and "deleted_at" not in fields and (values or conflicted):
        # edited on the device while deleted here: keep the edit on the tombstone, ask a person
        add_conflict(hub, op, "deleted_at", "edit_delete", None, row["deleted_at"], None, result)
    if values:
        _write(hub, op.entity, op.record_id, row, values, user=user, origin=op.device_id, op_id=op.op_id)
    elif refused:
        # nothing changed here, but the device holds a value we refused: make it pull the record
        touch(hub, op.entity, op.record_id, op.device_id, op.op_id, deleted=bool(row.get("deleted_at")), changed=False)


def _apply_delete(hub: HubStore, op: Op, user: str, result: ApplyResult) -> None:
    row = read_row(hub.store, op.entity, op.record_id)
    if row is None:
        raise NotFoundError(op.entity, op.record_id)
    when = op.fields.get("deleted_at", {}).get("new") or utcnow_iso()
    if row.get("deleted_at"):
        if row["deleted_at"] != when:  # deleted here too, earlier: the device takes the hub's tombstone
            touch(hub, op.entity, op.record_id, op.device_id, op.op_id, deleted=True, changed=False)
        return
    unseen = hub.store.query_one(
        "SELECT server_seq FROM hub_changes WHERE record_id = ? AND entity = ? AND server_seq > ? AND origin != ? LIMIT 1",
        [op.record_id, op.entity, op.seen, op.device_id],
    )
    if unseen:
        # deleted on the device without having seen an edit made elsewhere: keep it, ask a person
        add_conflict(hub, op, "deleted_at", "edit_delete", None, None, when, result)
        return
    _write(hub, op.entity, op.record_id, row, {"deleted_at": when}, user=user, origin=op.device_id, op_id=op.op_id, action="delete")


def _apply_resolve(hub: HubStore, op: Op, user: str, result: ApplyResult) -> None:
    if len(op.fields) != 1 or not op.resolves:
        raise ValidationError("fields", "a resolve op carries exactly one field")
    (name, change), = op.fields.items()
    try:
        conflict = hub.conflict(op.resolves)
    except NotFoundError:
        raise ValidationError("resolves", f"conflict {op.resolves} is unknown here") from None
    if (conflict.entity, conflict.record_id, conflict.field) != (op.entity, op.record_id, name):
        raise ValidationError("resolves", "the op does not match its conflict's record and field")
    row = read_row(hub.store, op.entity, op.record_id)
    current = row.get(name) if row else None
    if conflict.status == "open":
        moved = not values_equal(op.entity, name, current, change.get("old")) and not values_equal(
            op.entity, name, current, change["new"]
        )
        resolve(hub, conflict, change["new"], by=user, origin=op.device_id, op_id=op.op_id, write=not moved)
        if moved:
            # the field moved on after the person chose: the choice must not bury the newer value
            add_conflict(hub, op, name, conflict.kind, change.get("old"), current, change["new"], result)
        return
    if values_equal(op.entity, name, conflict.resolution, change["new"]):
        return
    if not values_equal(op.entity, name, current, change["new"]):
        # settled differently elsewhere meanwhile: the two settlements are themselves a conflict
        add_conflict(hub, op, name, conflict.kind, conflict.resolution, current, change["new"], result)


def resolve(
    hub: HubStore, conflict: Conflict, value: Any, *, by: str, origin: str, op_id: str | None, write: bool = True
) -> None:
    """Set the conflicted field to the chosen value and close the conflict (one server change);
    ``write=False`` only records the choice (a newer value is kept and asked about again)."""
    if conflict.status != "open":
        raise ValidationError("conflict", f"conflict {conflict.conflict_id} is already resolved")
    row = read_row(hub.store, conflict.entity, conflict.record_id)
    if row is None:
        raise NotFoundError(conflict.entity, conflict.record_id)
    if conflict.field not in data_fields(conflict.entity):
        raise ValidationError("field", f"{conflict.field} cannot be resolved")
    if write and not values_equal(conflict.entity, conflict.field, row.get(conflict.field), value):
        _write(hub, conflict.entity, conflict.record_id, row, {conflict.field: value}, user=by, origin=origin, op_id=op_id, action="resolve",
               settling=conflict.conflict_id)
    seq = hub.next_seq()
    hub.store.execute(
        "UPDATE hub_conflicts SET status = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ?, server_seq = ? WHERE conflict_id = ?",
        [json.dumps(value, ensure_ascii=False), by, utcnow_iso(), seq, conflict.conflict_id],
    )


def office_write(hub: HubStore, entity: str, record_id: str, values: dict[str, Any], *, by: str) -> Change:
    row = read_row(hub.store, entity, record_id)
    if row is None:
        raise NotFoundError(entity, record_id)
    allowed = data_fields(entity)
    for name in values:
        if name not in allowed:
            raise ValidationError(name, f"is not a field of {entity}")
    changed = {k: v for k, v in values.items() if not values_equal(entity, k, row.get(k), v)}
    validate_record(entity, {**row, **changed})
    if changed:
        _write(hub, entity, record_id, row, changed, user=by, origin=OFFICE, op_id=None)
    return _change(hub, entity, record_id)


def office_create(hub: HubStore, entity: str, values: dict[str, Any], *, by: str) -> Change:
    record_id = str(values.get("id") or uuid7())
    if read_row(hub.store, entity, record_id) is not None:
        raise ValidationError("id", f"{entity} {record_id} already exists")
    validate_record(entity, {**values, "id": record_id})
    now = utcnow_iso()
    insert_row(hub.store, entity, {**values, "id": record_id, "rev": 1, "created_at": now, "updated_at": now, "updated_by": by, "device_id": OFFICE})
    _audit(hub, by, OFFICE, entity, record_id, "create", {k: {"old": None, "new": v} for k, v in values.items()})
    touch(hub, entity, record_id, OFFICE, None, deleted=False, fields=values)
    return _change(hub, entity, record_id)


def _change(hub: HubStore, entity: str, record_id: str) -> Change:
    meta = hub.store.query_one("SELECT server_seq, origin FROM hub_rows WHERE entity = ? AND record_id = ?", [entity, record_id])
    row = read_row(hub.store, entity, record_id)
    if meta is None or row is None:
        raise AdjusterError(f"{entity} {record_id} has no server change")
    return Change(int(meta["server_seq"]), entity, record_id, meta["origin"], row)


__all__ = ["apply_batch", "resolve", "office_write", "office_create", "touch", "add_conflict"]
