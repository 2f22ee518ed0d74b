"""The profile's store: one SQLite connection, its repositories, the audit log and the outbox.

``Store.open(path)`` checks the file, upgrades the schema and hands out typed repositories that the
UI, the CLI and the services share. Writes announce which entities changed to subscribers after the
outermost transaction commits, so views refresh themselves instead of guessing.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from adjuster.domain.models import (
    Case,
    Finding,
    LossItem,
    Photo,
    Recommendation,
    Report,
    Signature,
    Site,
    Visit,
)
from adjuster.store import queries
from adjuster.store.database import DatabaseError, Transactions, check_database_file, connect, wrap
from adjuster.store.migrate import migrate
from adjuster.store.repository import Repository
from adjuster.util.clock import HybridLogicalClock, utcnow_iso
from adjuster.util.ids import uuid7

ChangeListener = Callable[[frozenset[str]], None]


class Store:
    """Open with ``Store.open(path, user=...)``; close with ``close()`` or use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, user: str = "") -> None:
        self.conn = conn
        self.path = path
        self.db: sqlite_utils.Database = wrap(conn)
        self._tx = Transactions(conn)
        self.user = user
        self.device_id = self.get_state("device_id") or self._init_device_id()
        self.hlc = HybridLogicalClock(self.device_id[-12:], self.get_state("hlc"))
        self._listeners: list[ChangeListener] = []
        self._pending: set[str] = set()
        self._pending_lock = threading.Lock()
        self.record_outbox = True

        self.cases = queries.CaseRepository(self, Case)
        self.items = queries.ItemRepository(self, LossItem)
        self.sites = Repository(self, Site)
        self.visits = queries.VisitRepository(self, Visit)
        self.findings = queries.FindingRepository(self, Finding)
        self.recommendations = queries.RecommendationRepository(self, Recommendation)
        self.photos = queries.PhotoRepository(self, Photo)
        self.signatures = queries.OwnedRepository(self, Signature)
        self.reports = queries.ReportRepository(self, Report)
        self.catalogue = queries.Catalogue(self)

    @classmethod
    def open(cls, path: str | Path, *, user: str = "") -> Store:
        """Open (creating or upgrading) the database at ``path``; raises DatabaseError with advice."""
        path = Path(path)
        check_database_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect(path)
        try:
            migrate(conn, path)
        except sqlite3.DatabaseError as err:
            conn.close()
            raise DatabaseError(
                f"{path} is damaged ({err}); it was left untouched — restore a backup or choose another --data-dir"
            ) from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, user=user)

    @classmethod
    def memory(cls, *, user: str = "") -> Store:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
        return cls(conn, None, user=user)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- SQL helpers ----------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._tx._lock:
            cur = self.conn.execute(sql, list(params))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        with self._tx._lock:
            return self.conn.execute(sql, list(params))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nested calls join the outer transaction (savepoints)."""
        outermost = not self._tx.active
        try:
            with self._tx() as conn:
                yield conn
        except BaseException:
            if outermost:
                with self._pending_lock:
                    self._pending.clear()
            raise
        if outermost:
            self._flush_changes()

    # -- change notification --------------------------------------------------------------------
    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener(entities)`` after each committed write; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _flush_changes(self) -> None:
        with self._pending_lock:
            changed, self._pending = frozenset(self._pending), set()
        if changed:
            for listener in list(self._listeners):
                listener(changed)

    # -- local state, audit, outbox -------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        row = self.query_one("SELECT value FROM local_state WHERE key = ?", [key])
        return row["value"] if row else None

    def set_state(self, key: str, value: str) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO local_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def _init_device_id(self) -> str:
        device_id = uuid7()
        self.execute("INSERT OR IGNORE INTO local_state (key, value) VALUES ('device_id', ?)", [device_id])
        return self.get_state("device_id") or device_id

    def record_change(self, entity: str, record_id: str, action: str, base_rev: int, changes: dict[str, Any]) -> None:
        """Append the audit entry and the outbox op for a change; call inside the write's transaction."""
        now = utcnow_iso()
        payload = json.dumps(changes, ensure_ascii=False, sort_keys=True)
        self.execute(
            "INSERT INTO audit_log (at, user, device_id, entity, record_id, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [now, self.user, self.device_id, entity, record_id, action, payload],
        )
        if self.record_outbox:
            seq_row = self.query_one("SELECT COALESCE(MAX(device_seq), 0) + 1 AS seq FROM outbox WHERE device_id = ?", [self.device_id])
            seq = int(seq_row["seq"]) if seq_row else 1
            hlc = self.hlc.now()
            self.execute(
                "INSERT INTO outbox (op_id, device_id, device_seq, entity, record_id, action, base_rev, fields, hlc, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [uuid7(), self.device_id, seq, entity, record_id, action, base_rev, payload, hlc, now],
            )
            self.execute(
                "INSERT INTO local_state (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [hlc],
            )
        with self._pending_lock:
            self._pending.add(entity)

    def history(self, record_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Audit entries for the given records, oldest first (the UI's History tab)."""
        if not record_ids:
            return []
        marks = ", ".join("?" for _ in record_ids)
        rows = self.query(f"SELECT * FROM audit_log WHERE record_id IN ({marks}) ORDER BY seq", list(record_ids))
        for row in rows:
            row["changes"] = json.loads(row["changes"])
        return rows

    def outbox(self, *, pending_only: bool = True) -> list[dict[str, Any]]:
        sql = "SELECT * FROM outbox" + (" WHERE acked_at IS NULL" if pending_only else "") + " ORDER BY device_seq"
        rows = self.query(sql)
        for row in rows:
            row["fields"] = json.loads(row["fields"])
        return rows

    def integrity_check(self) -> str:
        row = self.query_one("PRAGMA integrity_check")
        return str(next(iter(row.values()))) if row else "no answer"
