"""The hub's state shared by all requests: its directory, databases, blob store and limits.

``HubContext.open(hub_dir, db_url)`` is what the server, the ``adjuster hub``/``review`` commands
and tests use, so all of them see the same files:

    <hub_dir>/hub.db     the sync engine's HubStore (records, ops, cursors, conflicts)
    <hub_dir>/auth.db    users, enrolment codes, device tokens (this package)
    <hub_dir>/blobs/     content-addressed photos and files (HubStore)
    <hub_dir>/uploads/   partial uploads waiting to be resumed (this package)
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from adjuster.domain.errors import AdjusterError
from adjuster.sync.hub.auth import AuthDB, Identity
from adjuster.sync.hub.blobs import UploadArea
from adjuster.sync.hub.errors import unauthorized
from adjuster.sync.hub.limits import HubLimits, TokenBuckets


def resolve_db_path(hub_dir: Path, db_url: str | None) -> Path:
    """``None`` → ``<hub_dir>/hub.db``; ``sqlite:///abs/path`` or a plain path → that file.

    Other schemes (``postgresql://``) are refused with a clear message: the HubStore interface is
    where a PostgreSQL backend will plug in.
    """
    if not db_url:
        return hub_dir / "hub.db"
    parsed = urlparse(db_url)
    if parsed.scheme in ("", "file"):
        return Path(parsed.path if parsed.scheme else db_url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative.db → "relative.db"; sqlite:////abs.db → "/abs.db"
        path = db_url[len("sqlite:///") :] if db_url.startswith("sqlite:///") else parsed.path
        if not path:
            raise AdjusterError(f"{db_url}: no database file named")
        return Path(path)
    raise AdjusterError(
        f"{parsed.scheme}: database not supported yet — the hub runs on SQLite (omit --db-url, or use sqlite:///PATH)"
    )


@dataclass
class HubContext:
    """Open handles of one hub directory."""

    root: Path
    db_path: Path
    auth: AuthDB
    limits: HubLimits = field(default_factory=HubLimits)
    _store: Any = None
    _store_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.device_buckets = TokenBuckets(self.limits.device_rate, self.limits.device_burst)
        self.enrol_buckets = TokenBuckets(self.limits.enrol_rate, self.limits.enrol_burst)
        self.blobs = UploadArea(self.root / "uploads", lambda: self.store)

    @classmethod
    def open(cls, hub_dir: str | os.PathLike[str], db_url: str | None = None, *, limits: HubLimits | None = None) -> HubContext:
        root = Path(hub_dir).expanduser().absolute()
        root.mkdir(parents=True, exist_ok=True)
        db_path = resolve_db_path(root, db_url)
        auth = AuthDB.open(root / "auth.db")
        return cls(root, db_path, auth, limits or HubLimits())

    @property
    def store(self) -> Any:
        """The sync engine's HubStore, opened on first use (so auth works before it exists)."""
        if self._store is None:
            with self._store_lock:
                if self._store is None:
                    from adjuster.sync.hubstore import HubStore

                    # a directory gives hub.db, blobs/ and the hub key inside it
                    default = self.db_path == self.root / "hub.db"
                    self._store = HubStore.open(self.root if default else self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self.auth.close()

    def identify(self, header: str | None) -> Identity:
        """The caller behind ``Authorization: Bearer <token>``, or 401 (same answer for every failure)."""
        if not header or not header.startswith("Bearer "):
            raise unauthorized()
        ident = self.auth.authenticate(header[len("Bearer ") :].strip())
        if ident is None:
            raise unauthorized()
        self.device_buckets.check(ident.device_id)
        return ident

