"""Open a profile's SQLite file safely: refuse what is not ours, never touch what we cannot read.

WAL lets the app and the CLI share one profile; ``busy_timeout`` makes a writer wait instead of
failing with "database is locked"; foreign keys are on for every connection.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from adjuster.domain.errors import AdjusterError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000


class DatabaseError(AdjusterError):
    """The profile database cannot be used; the message names the file and what to do."""


def check_database_file(path: Path) -> None:
    """Refuse a file that exists but is not SQLite, or that we cannot write, before opening it."""
    if not path.exists():
        parent = path.parent
        if parent.exists() and not os.access(parent, os.W_OK):
            raise DatabaseError(f"{parent} is read-only: cannot create the database there; choose another --data-dir")
        return
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    size = path.stat().st_size
    if size:
        with open(path, "rb") as fh:
            head = fh.read(16)
        if head != SQLITE_MAGIC:
            raise DatabaseError(
                f"{path} is not an Adjuster database (not an SQLite file); it was left untouched — "
                "move it away or choose another --data-dir"
            )
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseError(
            f"{path} is read-only; copy the profile somewhere writable or fix its permissions "
            "(the file was left untouched)"
        )


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are explicit (see ``Transactions``)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise DatabaseError(f"{path}: could not switch to WAL journal mode (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as err:
        conn.close()
        raise DatabaseError(
            f"{path} is damaged or not a database ({err}); it was left untouched — "
            "restore a backup or choose another --data-dir"
        ) from None
    return conn


class Transactions:
    """``with tx():`` runs a block in one ``BEGIN IMMEDIATE`` transaction; nested blocks use savepoints.

    IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read lock
    (the usual source of "database is locked" under WAL). One lock per connection keeps threads in
    this process from interleaving their statements inside someone else's transaction.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._lock = threading.RLock()
        self._depth = 0

    @contextlib.contextmanager
    def __call__(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._depth == 0:
                self.conn.execute("BEGIN IMMEDIATE")
            else:
                self.conn.execute(f"SAVEPOINT sp{self._depth}")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO sp{self._depth}")
                    self.conn.execute(f"RELEASE sp{self._depth}")
                raise
            else:
                self._depth -= 1
                if self._depth == 0:
                    self.conn.execute("COMMIT")
                else:
                    self.conn.execute(f"RELEASE sp{self._depth}")

    @property
    def active(self) -> bool:
        return self._depth > 0


def wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils view of the connection, for queries and introspection.

    Writes go through our own SQL inside ``Transactions``: sqlite-utils' write helpers commit on
    their own (``with conn:``), which would end our transaction early.
    """
    return sqlite_utils.Database(conn)
