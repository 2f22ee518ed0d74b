"""Numbered schema migrations (``migrations/NNNN_name.sql``), each applied in one transaction.

A database from any earlier version opens and upgrades; one from a newer version is refused
untouched. Before upgrading an existing database a copy is kept next to it.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from adjuster.store.database import DatabaseError
from adjuster.util.clock import utcnow_iso

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    found = []
    for entry in resources.files("adjuster.store.migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, mig in enumerate(found, start=1):
        if mig.version != expected:
            raise RuntimeError(f"migration numbering has a gap at {expected}")
    return found


LATEST_VERSION = len(available_migrations())


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
    if row is None:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if tables:
            raise DatabaseError("the database has tables but no schema_version: it is not an Adjuster database")
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]


def _split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (handles triggers' inner semicolons)."""
    statements, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip() and not buf.strip().startswith("--"):
        statements.append(buf.strip())
    return statements


def migrate(conn: sqlite3.Connection, path: Path | None = None, *, target: int | None = None) -> int:
    """Apply pending migrations up to ``target`` (default: latest). Returns the new version."""
    migrations = available_migrations()
    target = len(migrations) if target is None else target
    version = current_version(conn)
    if version > len(migrations):
        where = f"{path} " if path else ""
        raise DatabaseError(
            f"{where}was made by a newer Adjuster (schema {version}, this app knows {len(migrations)}); "
            "upgrade Adjuster to open it — the file was left untouched"
        )
    if version >= target:
        return version
    if version > 0 and path is not None and path.exists():
        backup = path.with_name(f"{path.name}.v{version}.bak")
        if not backup.exists():
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(path, backup)
    for mig in migrations[version:target]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            for statement in _split_statements(mig.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (mig.version, mig.name, utcnow_iso()),
            )
            conn.execute(f"PRAGMA user_version = {mig.version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return target
