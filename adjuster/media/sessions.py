"""Who has the media store open, so leftovers of a killed writer are cleaned safely and cheaply.

Each open store holds a shared ``flock`` on ``media/.lock`` and a session file
``media/.session-<pid>-<token>``, removed on close. A process killed mid-import leaves its session
file behind. The next opener that gets the lock *exclusively* (nobody else is using the store) and
finds such files knows a writer died: only then does it walk the tree and delete ``.*.tmp``
leftovers. So a live process's in-flight temp files are never touched, and a clean store opens
without walking 10 000 shard folders (~0.5 s).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

SESSION_GLOB = ".session-*"


def _end(fh: Any, session: Path) -> None:
    with contextlib.suppress(OSError):
        session.unlink()
    if fh is not None:
        with contextlib.suppress(OSError):
            fh.close()


class StoreSessions:
    """Open one session on ``folder``; ``recover()`` runs when dead sessions are found alone."""

    def __init__(self, folder: Path, recover: Callable[[], int]) -> None:
        self.folder = folder
        self.recovered = 0
        self._fh: Any = None
        self.session = folder / f".session-{os.getpid()}-{secrets.token_hex(4)}"
        if os.name == "posix":
            import fcntl

            self._fh = open(folder / ".lock", "a+b")  # noqa: SIM115 - held for the store's lifetime
            try:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                alone = True
            except OSError:
                alone = False
            if alone:
                dead = list(folder.glob(SESSION_GLOB))
                if dead:
                    self.recovered = recover()
                    for f in dead:
                        with contextlib.suppress(OSError):
                            f.unlink()
            self.session.touch()
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_SH)
        # Windows has no flock here: no session file, no cleaning (temps are harmless garbage).
        self._finalizer = weakref.finalize(self, _end, self._fh, self.session)

    def close(self) -> None:
        self._finalizer()
