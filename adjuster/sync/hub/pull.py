"""The pull feed of a field device, filtered to what it may see *before* rows are read.

Same cursor contract as ``HubStore.pull`` (it records the cursor the device passed as durable,
pages by ``server_seq``, reports ``more``, returns the conflicts of the range), written on the
HubStore's tables because its ``pull`` reads and converts every changed row of every user first —
on a large hub each device's first sync would hold the database for that long. Office roles use
``HubStore.pull`` itself. A ``visible`` hook in ``HubStore.pull`` would make this module go away.
"""

from __future__ import annotations

import json
from typing import Any

from adjuster.sync.hub.visibility import Visibility
from adjuster.sync.protocol import ENTITY_TABLES, Change, Conflict, PullResult
from adjuster.sync.rows import row_to_json
from adjuster.util.clock import utcnow_iso

_JSON_COLUMNS = ("base_value", "hub_value", "device_value", "resolution")


def _conflict(row: dict[str, Any]) -> Conflict:
    data = dict(row)
    for key in _JSON_COLUMNS:
        data[key] = None if data.get(key) is None else json.loads(data[key])
    return Conflict.from_json(data)


def pull_visible(hub: Any, device_id: str, cursor: int, limit: int, visibility: Visibility) -> PullResult:
    """A page of the changes after ``cursor`` that ``visibility`` lets the device see."""
    if visibility.everything:
        return hub.pull(device_id, cursor, limit)  # type: ignore[no-any-return]
    store = hub.store
    with store.transaction():
        hub.require_device(device_id)
        cursor = max(0, int(cursor))
        current = hub.current_seq()
        store.execute(
            "UPDATE hub_devices SET pull_cursor = MAX(pull_cursor, ?), last_seen_at = ? WHERE device_id = ?",
            [min(cursor, current), utcnow_iso(), device_id],
        )
        rows = store.query(
            "SELECT entity, record_id, server_seq, origin FROM hub_rows WHERE server_seq > ? ORDER BY server_seq LIMIT ?",
            [cursor, limit + 1],
        )
        more = len(rows) > limit
        rows = rows[:limit]
        new_cursor = rows[-1]["server_seq"] if more else max(cursor, current)
        changes: list[Change] = []
        for r in rows:
            raw = store.query_one(f"SELECT * FROM {ENTITY_TABLES[r['entity']]} WHERE id = ?", [r["record_id"]])
            if raw is None or not visibility.visible(r["entity"], raw):
                continue
            changes.append(Change(r["server_seq"], r["entity"], r["record_id"], r["origin"], row_to_json(r["entity"], raw)))
        conflicts = []
        for c in store.query("SELECT * FROM hub_conflicts WHERE server_seq > ? AND server_seq <= ? ORDER BY server_seq",
                             [cursor, new_cursor]):
            raw = store.query_one(f"SELECT * FROM {ENTITY_TABLES[c['entity']]} WHERE id = ?", [c["record_id"]])
            if c["device_id"] == device_id or (raw is not None and visibility.visible(c["entity"], raw)):
                conflicts.append(_conflict(c))
    return PullResult(changes, conflicts, new_cursor, more, utcnow_iso())
