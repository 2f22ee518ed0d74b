"""The device's outbox as sync sees it: complete ops (with the hub cursor each was made on top of),
acknowledgement, the fields still waiting to reach the hub, and resolve ops.

The store writes one outbox row per change in the change's own transaction; this module only
reads those rows, marks them acknowledged, and appends resolve ops in the same numbering.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from adjuster.sync.protocol import Op
from adjuster.util.clock import utcnow_iso
from adjuster.util.ids import uuid7

if TYPE_CHECKING:
    from adjuster.store.store import Store

_SELECT = (
    "SELECT o.*, m.resolves AS resolves,"
    " (SELECT MAX(l.cursor) FROM sync_cursor_log l WHERE l.at_seq < o.device_seq) AS seen"
    " FROM outbox o LEFT JOIN sync_op_meta m ON m.op_id = o.op_id"
)


def _op(row: dict[str, Any]) -> Op:
    fields = row["fields"] if isinstance(row["fields"], dict) else json.loads(row["fields"])
    fields = {k: v for k, v in fields.items() if k != "id"}
    return Op(
        op_id=row["op_id"],
        device_id=row["device_id"],
        device_seq=int(row["device_seq"]),
        entity=row["entity"],
        record_id=row["record_id"],
        action=row["action"],
        base_rev=int(row["base_rev"]),
        fields=fields,
        hlc=row["hlc"],
        seen=int(row["seen"] or 0),
        resolves=row["resolves"],
    )


def pending_ops(store: Store, *, after_seq: int = 0, limit: int | None = None) -> list[Op]:
    """This device's ops the hub has not acknowledged, in device_seq order."""
    sql = _SELECT + " WHERE o.acked_at IS NULL AND o.device_id = ? AND o.device_seq > ? ORDER BY o.device_seq"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_op(r) for r in store.query(sql, [store.device_id, after_seq])]


def pending_count(store: Store) -> int:
    row = store.query_one("SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL AND device_id = ?", [store.device_id])
    return int(row["n"]) if row else 0


def ack(store: Store, op_ids: Iterable[str]) -> int:
    """Mark ops as accepted by the hub (they are never sent again). Returns how many changed."""
    now = utcnow_iso()
    n = 0
    with store.transaction():
        for op_id in op_ids:
            n += store.execute("UPDATE outbox SET acked_at = ? WHERE op_id = ? AND acked_at IS NULL", [now, op_id]).rowcount
    return n


def ack_through(store: Store, seq: int, *, except_ids: Iterable[str] = ()) -> int:
    """Mark every op up to ``seq`` acknowledged: the hub reports it applied (or refused for good)
    all of them, even ones whose own answer went missing (a lost receipt). Ops the hub says it
    holds (``except_ids``) stay pending."""
    keep = set(except_ids)
    with store.transaction():
        rows = store.query(
            "SELECT op_id FROM outbox WHERE device_id = ? AND device_seq <= ? AND acked_at IS NULL",
            [store.device_id, int(seq)],
        )
        return ack(store, [r["op_id"] for r in rows if r["op_id"] not in keep])


def pending_fields(store: Store) -> dict[tuple[str, str], set[str]]:
    """(entity, record_id) → fields changed here that the hub has not acknowledged yet. A pulled
    value must not overwrite these: the hub decides on them when the op arrives."""
    out: dict[tuple[str, str], set[str]] = {}
    rows = store.query("SELECT entity, record_id, fields FROM outbox WHERE acked_at IS NULL AND device_id = ?", [store.device_id])
    for row in rows:
        out.setdefault((row["entity"], row["record_id"]), set()).update(json.loads(row["fields"]))
    return out


def log_cursor(store: Store, cursor: int) -> None:
    """Note that ops made from now on know the hub up to ``cursor`` (inside the pull's transaction)."""
    top = store.query_one("SELECT COALESCE(MAX(device_seq), 0) AS s FROM outbox WHERE device_id = ?", [store.device_id])
    store.execute(
        "INSERT INTO sync_cursor_log (at_seq, cursor, at) VALUES (?, ?, ?)", [int(top["s"]) if top else 0, cursor, utcnow_iso()]
    )


def append_op(
    store: Store, entity: str, record_id: str, action: str, base_rev: int, fields: dict[str, dict[str, Any]],
    *, resolves: str | None = None,
) -> str:
    """Append an op the repositories do not write (a conflict resolution), numbered after the rest.
    Call inside the transaction that makes the matching local change. Returns the op id."""
    with store.transaction():
        row = store.query_one("SELECT COALESCE(MAX(device_seq), 0) + 1 AS s FROM outbox WHERE device_id = ?", [store.device_id])
        seq = int(row["s"]) if row else 1
        op_id = uuid7()
        hlc = store.hlc.now()
        store.execute(
            "INSERT INTO outbox (op_id, device_id, device_seq, entity, record_id, action, base_rev, fields, hlc, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [op_id, store.device_id, seq, entity, record_id, action, base_rev,
             json.dumps(fields, ensure_ascii=False, sort_keys=True), hlc, utcnow_iso()],
        )
        if resolves:
            store.execute("INSERT INTO sync_op_meta (op_id, resolves) VALUES (?, ?)", [op_id, resolves])
        store.execute(
            "INSERT INTO local_state (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [hlc]
        )
    return op_id
