"""Applying a device's push: ownership first, then the HubStore, all in one transaction.

Strict by default: an op writing another adjuster's case (or another team's site) makes the
whole push a 403 naming the op, with nothing applied. A client that was told so may send the
batch again with ``"refused": "reject"``: the refused ops are then recorded as rejected (the
device stops sending them; its sequence moves past them) and the rest applies. Ops the hub has
already settled are duplicates whoever owns the record now.

Recording a rejection writes the HubStore's ``hub_ops``/``hub_devices`` rows the way its own
apply does for an invalid op; it is allowed only for the op next in the device's sequence.
"""

from __future__ import annotations

import json
from typing import Any

from adjuster.sync.hub.auth import Identity
from adjuster.sync.hub.authz import hub_lookup, sort_ops
from adjuster.sync.hub.context import HubContext
from adjuster.sync.hub.errors import forbidden
from adjuster.sync.protocol import ApplyResult, Op
from adjuster.util.clock import utcnow_iso


def _settled(store: Any, ops: list[Op]) -> frozenset[str]:
    return frozenset(op.op_id for op in ops if store.op_status(op.op_id) in ("applied", "rejected"))


def _reject(store: Any, device_id: str, op: Op, reason: str) -> bool:
    """Record ``op`` as refused if it is next in the device's sequence; False otherwise."""
    dev = store.store.query_one("SELECT applied_seq FROM hub_devices WHERE device_id = ?", [device_id])
    if dev is None or op.device_seq != int(dev["applied_seq"]) + 1:
        return False
    now = utcnow_iso()
    payload = json.dumps(op.to_json(), ensure_ascii=False)
    store.store.execute(
        "INSERT INTO hub_ops (op_id, device_id, device_seq, status, reason, payload, received_at, applied_at)"
        " VALUES (?, ?, ?, 'rejected', ?, ?, ?, ?) ON CONFLICT(op_id) DO UPDATE SET status = 'rejected',"
        " reason = excluded.reason, applied_at = excluded.applied_at",
        [op.op_id, device_id, op.device_seq, reason, payload, now, now],
    )
    store.store.execute("UPDATE hub_devices SET applied_seq = ? WHERE device_id = ?", [op.device_seq, device_id])
    return True


def apply_push(
    ctx: HubContext, ident: Identity, ops: list[Op], *, reject_refused: bool = False, dry_run: bool = False
) -> ApplyResult:
    """Check ownership and apply, in one transaction (a 403 leaves nothing applied).
    ``dry_run`` only checks (raising the 403) and applies nothing."""
    store = ctx.store
    with store.store.transaction():
        checked, refused = sort_ops(ident, ops, hub_lookup(store, ctx.auth), skip=_settled(store, ops))
        if refused and not reject_refused:
            op_id, reason = next(iter(refused.items()))
            record = next(op.record_id for op in ops if op.op_id == op_id)
            raise forbidden(reason, op_id=op_id, record_id=record)
        if dry_run:
            return ApplyResult()
        if not refused:
            return store.apply_ops(ident.device_id, checked)  # type: ignore[no-any-return]
        result = ApplyResult()
        segment: list[Op] = []
        for op in checked:
            if op.op_id not in refused:
                segment.append(op)
                continue
            if segment:
                result.merge(store.apply_ops(ident.device_id, segment))
                segment = []
            if not _reject(store, ident.device_id, op, refused[op.op_id]):
                raise forbidden(f"{refused[op.op_id]}; it cannot be set aside before the ops ahead of it are applied",
                                op_id=op.op_id, record_id=op.record_id)
            result.rejected[op.op_id] = refused[op.op_id]
        result.merge(store.apply_ops(ident.device_id, segment))  # also drains ops held behind a rejection
        return result
