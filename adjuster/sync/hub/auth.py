"""Who may talk to the hub: users with roles, one-time enrolment codes, hashed device tokens.

An office admin creates a one-time code for a user (``adjuster hub enrol USER``); the device trades
it for a long random token at ``POST /v1/enrol``. Only SHA-256 hashes of codes and tokens are
stored, so a copy of ``auth.db`` lets nobody in. Revoking a device takes effect on its next request:
nothing about tokens is cached. Kept in its own SQLite file beside the hub's data so the sync
engine's schema stays its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from adjuster.domain.errors import AdjusterError, NotFoundError, ValidationError
from adjuster.util.clock import utcnow, utcnow_iso


class Role(StrEnum):
    ADJUSTER = "adjuster"
    ENGINEER = "engineer"
    REVIEWER = "reviewer"
    ADMIN = "admin"


FIELD_ROLES = frozenset({Role.ADJUSTER, Role.ENGINEER, Role.ADMIN})
OFFICE_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_LENGTH = 12
TOKEN_PREFIX = "adj_"
DEVICE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{2,63}$")
USER_RE = re.compile(r"^[^\s/\\][^/\\]{0,63}$")
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    team TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrol_codes (
    code_hash TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    device_id TEXT
);
CREATE TABLE IF NOT EXISTS devices (
    device_id TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name),
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT,
    last_seen_at TEXT
);
"""


class EnrolmentError(AdjusterError):
    """A code that is unknown, used or expired; one message for all so codes cannot be probed."""


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    """``abcd-efgh ijkl`` → ``ABCDEFGHIJKL``; people copy codes with dashes and spaces."""
    return re.sub(r"[\s-]", "", code).upper()


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@dataclass(frozen=True)
class Identity:
    """The authenticated caller of one request."""

    device_id: str
    user: str
    role: Role
    team: str = ""

    @property
    def is_office(self) -> bool:
        return self.role in OFFICE_ROLES


class AuthDB:
    """Users, enrolment codes and device tokens in ``auth.db``. Thread-safe; one connection."""

    SEEN_EVERY_S = 60.0

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._seen: dict[str, float] = {}

    @classmethod
    def open(cls, path: str | Path) -> AuthDB:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=15)
        conn.execute("PRAGMA busy_timeout = 15000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            conn.close()
            raise AdjusterError(f"{path} was written by a newer Adjuster (auth schema {version}); upgrade first")
        conn.executescript(_SCHEMA)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return cls(conn, path)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    # -- users ----------------------------------------------------------------------------------
    def set_user(self, name: str, role: Role | str, team: str = "") -> dict[str, Any]:
        """Create the user or change their role/team."""
        name = name.strip()
        if not USER_RE.match(name):
            raise ValidationError("user", f"{name!r} is not a user name (1–64 characters, no slashes)")
        try:
            role = Role(role)
        except ValueError:
            raise ValidationError("role", f"{role!r} is not one of: {', '.join(r.value for r in Role)}") from None
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO users (name, role, team, created_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET role = excluded.role, team = excluded.team",
                [name, role.value, team, utcnow_iso()],
            )
        return self.user(name)

    def user(self, name: str) -> dict[str, Any]:
        rows = self._rows("SELECT * FROM users WHERE name = ?", [name])
        if not rows:
            raise NotFoundError("user", name)
        return rows[0]

    def users(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM users ORDER BY name")

    # -- enrolment ------------------------------------------------------------------------------
    def create_enrolment(
        self, user: str, role: Role | str | None = None, *, team: str | None = None, ttl_hours: float = 72
    ) -> str:
        """A one-time code (shown once, stored hashed) that enrols one device for ``user``.

        Creates the user if new (role defaults to adjuster); a given role/team updates them.
        """
        try:
            existing: dict[str, Any] | None = self.user(user.strip())
        except NotFoundError:
            existing = None
        if existing is None or role is not None or team is not None:
            self.set_user(
                user,
                role if role is not None else (existing["role"] if existing else Role.ADJUSTER),
                team if team is not None else (existing["team"] if existing else ""),
            )
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        now = utcnow()
        expires = now + dt.timedelta(hours=ttl_hours)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO enrol_codes (code_hash, user, created_at, expires_at) VALUES (?, ?, ?, ?)",
                [sha256_hex(raw), user.strip(), _iso(now), _iso(expires)],
            )
        return format_code(raw)

    def redeem(self, code: str, device_id: str, *, name: str = "") -> tuple[str, Identity]:
        """Trade a one-time code for a device token (returned once; only its hash is kept)."""
        if not DEVICE_ID_RE.match(device_id or ""):
            raise ValidationError("device_id", "is not a device id (3–64 letters, digits, . _ : -)")
        code_hash = sha256_hex(normalise_code(code))
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = utcnow_iso()
        with self._tx() as conn:
            row = conn.execute(
                "SELECT user, expires_at, used_at FROM enrol_codes WHERE code_hash = ?", [code_hash]
            ).fetchone()
            if row is None or row[2] is not None or row[1] < now:
                raise EnrolmentError("the enrolment code is unknown, already used or expired")
            user = row[0]
            dev = conn.execute("SELECT user, revoked_at FROM devices WHERE device_id = ?", [device_id]).fetchone()
            if dev is not None and dev[0] != user and dev[1] is None:
                raise EnrolmentError(f"device {device_id} is enrolled for another user; revoke it first")
            conn.execute("UPDATE enrol_codes SET used_at = ?, device_id = ? WHERE code_hash = ?", [now, device_id, code_hash])
            conn.execute(
                "INSERT INTO devices (device_id, user, token_hash, name, enrolled_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(device_id) DO UPDATE SET user = excluded.user, token_hash = excluded.token_hash,"
                " name = excluded.name, enrolled_at = excluded.enrolled_at, revoked_at = NULL",
                [device_id, user, sha256_hex(token), name, now],
            )
        ident = self.authenticate(token)
        assert ident is not None
        return token, ident

    # -- tokens ---------------------------------------------------------------------------------
    def authenticate(self, token: str | None) -> Identity | None:
        """The identity behind a token, or None for a missing, unknown or revoked one."""
        if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        rows = self._rows(
            "SELECT d.device_id, d.user, u.role, u.team FROM devices d JOIN users u ON u.name = d.user"
            " WHERE d.token_hash = ? AND d.revoked_at IS NULL",
            [sha256_hex(token)],
        )
        if not rows:
            return None
        r = rows[0]
        self._touch(r["device_id"])
        return Identity(r["device_id"], r["user"], Role(r["role"]), r["team"])

    def _touch(self, device_id: str) -> None:
        now = time.monotonic()
        if now - self._seen.get(device_id, -1e9) < self.SEEN_EVERY_S:
            return
        self._seen[device_id] = now
        with contextlib.suppress(sqlite3.OperationalError), self._tx() as conn:
            conn.execute("UPDATE devices SET last_seen_at = ? WHERE device_id = ?", [utcnow_iso(), device_id])

    def revoke(self, device_id: str) -> dict[str, Any]:
        """Stop a device at once: its token is refused from the next request on."""
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL", [utcnow_iso(), device_id]
            )
            if cur.rowcount == 0 and conn.execute("SELECT 1 FROM devices WHERE device_id = ?", [device_id]).fetchone() is None:
                raise NotFoundError("device", device_id)
        return self.device(device_id)

    def device(self, device_id: str) -> dict[str, Any]:
        rows = self._rows(
            "SELECT device_id, user, name, enrolled_at, revoked_at, last_seen_at FROM devices WHERE device_id = ?",
            [device_id],
        )
        if not rows:
            raise NotFoundError("device", device_id)
        return rows[0]

    def devices(self) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT d.device_id, d.user, u.role, u.team, d.name, d.enrolled_at, d.revoked_at, d.last_seen_at"
            " FROM devices d JOIN users u ON u.name = d.user ORDER BY d.enrolled_at"
        )


def _iso(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
