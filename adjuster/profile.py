"""A user profile: one directory holding the database, the media store, the cache and settings.

Resolved from ``--data-dir`` / ``ADJUSTER_HOME`` or the per-user data dir (platformdirs), so the
app, the CLI and tests all find the same files.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from adjuster.domain.errors import AdjusterError
from adjuster.util.atomic import atomic_write_text

DB_NAME = "adjuster.db"

DEFAULT_SETTINGS: dict[str, Any] = {
    "user_name": "",
    "company_name": "",
    "company_logo": "",
    "report_lang": "zh",
    "photos_per_page": 4,
    "ui_lang": "zh_CN",
    "hub_url": "",
}


class ProfileLockedError(AdjusterError):
    pass


def default_data_dir() -> Path:
    env = os.environ.get("ADJUSTER_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Adjuster", appauthor=False))


@dataclass
class Profile:
    """Paths of one profile plus its settings file (JSON, written atomically)."""

    root: Path
    settings: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def at(cls, data_dir: str | os.PathLike[str] | None = None) -> Profile:
        root = Path(data_dir).expanduser() if data_dir else default_data_dir()
        profile = cls(root.absolute())
        profile.settings = profile._load_settings()
        return profile

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def media_dir(self) -> Path:
        return self.root / "media"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.json"

    @property
    def is_new(self) -> bool:
        return not self.db_path.exists()

    def _load_settings(self) -> dict[str, Any]:
        data = dict(DEFAULT_SETTINGS)
        if self.settings_path.exists():
            try:
                loaded = json.loads(self.settings_path.read_text("utf-8"))
                if isinstance(loaded, dict):
                    data.update(loaded)
            except (OSError, ValueError):
                pass  # a damaged settings file falls back to defaults; the DB is what matters
        return data

    def save_settings(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.settings_path, json.dumps(self.settings, ensure_ascii=False, indent=2))

    @property
    def user(self) -> str:
        return str(self.settings.get("user_name") or os.environ.get("USER") or "user")

    def open_store(self) -> Any:
        """Open this profile's database (creating the directory first)."""
        from adjuster.store import Store

        self.root.mkdir(parents=True, exist_ok=True)
        return Store.open(self.db_path, user=self.user)

    def open_media(self) -> Any:
        from adjuster.media import MediaStore

        return MediaStore(self.media_dir, self.cache_dir)


class GuiLock:
    """An exclusive lock file so a second GUI on the same profile is refused politely.

    The CLI does not take it: WAL lets the CLI work beside the open app.
    """

    def __init__(self, profile: Profile) -> None:
        self.path = profile.root / "gui.lock"
        self._fh: Any = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+")  # noqa: SIM115 - held open for the app's lifetime
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise ProfileLockedError(
                f"Adjuster is already open on this profile ({self.path.parent}); switch to that window, "
                "or start with another --data-dir"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None
