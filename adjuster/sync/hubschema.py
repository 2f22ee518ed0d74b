"""The hub's own tables, next to the entity tables every profile has (same schema as a device).

Kept apart from the device migrations so a device database never carries hub bookkeeping. Written
in portable SQL (no SQLite-only types) so the same statements can seed PostgreSQL later.
"""

from __future__ import annotations

HUB_SCHEMA_VERSION = 1

HUB_SCHEMA = """
CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_devices (
    device_id TEXT PRIMARY KEY,
    user_name TEXT NOT NULL DEFAULT '',
    public_key TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    applied_seq INTEGER NOT NULL DEFAULT 0,
    pull_cursor INTEGER NOT NULL DEFAULT 0,
    confirmed_seq INTEGER NOT NULL DEFAULT 0,
    last_seen_at TEXT,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS hub_ops (
    op_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    device_seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL,
    applied_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS hub_ops_device_seq ON hub_ops(device_id, device_seq);
CREATE INDEX IF NOT EXISTS hub_ops_status ON hub_ops(device_id, status, device_seq);
CREATE TABLE IF NOT EXISTS hub_rows (
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    server_seq INTEGER NOT NULL,
    origin TEXT NOT NULL,
    creator TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    field_origins TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (entity, record_id)
);
CREATE INDEX IF NOT EXISTS hub_rows_seq ON hub_rows(server_seq);
CREATE INDEX IF NOT EXISTS hub_rows_creator ON hub_rows(creator, deleted);
CREATE TABLE IF NOT EXISTS hub_changes (
    server_seq INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    op_id TEXT,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_changes_record ON hub_changes(record_id, server_seq);
CREATE TABLE IF NOT EXISTS hub_conflicts (
    conflict_id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    kind TEXT NOT NULL,
    base_value TEXT,
    hub_value TEXT,
    device_value TEXT,
    hub_origin TEXT NOT NULL,
    device_id TEXT NOT NULL,
    op_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    resolution TEXT,
    resolved_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    server_seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_conflicts_open ON hub_conflicts(status, record_id, field);
CREATE INDEX IF NOT EXISTS hub_conflicts_seq ON hub_conflicts(server_seq);
CREATE TABLE IF NOT EXISTS hub_blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    stored_at TEXT NOT NULL
);
"""
