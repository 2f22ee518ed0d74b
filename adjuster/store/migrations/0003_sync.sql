-- Migration 3: device-side sync bookkeeping (adjuster/sync). The hub keeps its own hub_* tables.

-- Conflicts this device knows of (mirrored from the hub, settled here or there). Values are JSON.
CREATE TABLE sync_conflicts (
    conflict_id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    kind TEXT NOT NULL,
    base_value TEXT,
    hub_value TEXT,
    device_value TEXT,
    hub_origin TEXT NOT NULL DEFAULT '',
    device_id TEXT NOT NULL DEFAULT '',
    op_id TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    resolution TEXT,
    resolved_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    resolved_at TEXT,
    server_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(status, record_id);

-- "Ops after device_seq at_seq were made knowing the hub up to cursor": lets a delete tell the hub
-- which remote edits its author had seen.
CREATE TABLE sync_cursor_log (
    at_seq INTEGER NOT NULL,
    cursor INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sync_cursor_log_seq ON sync_cursor_log(at_seq);

-- Extra facts about outbox ops the store's outbox row has no column for (the conflict a
-- resolution settles).
CREATE TABLE sync_op_meta (
    op_id TEXT PRIMARY KEY,
    resolves TEXT
);

-- Blobs the hub confirmed it holds, so bundles do not carry them again.
CREATE TABLE sync_blob_acks (
    sha256 TEXT PRIMARY KEY,
    acked_at TEXT NOT NULL
);
