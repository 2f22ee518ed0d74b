"""The one progress/cancel contract long core jobs take, so UI, CLI and tests drive them alike."""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressFn = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised inside a job when its CancelToken was set; the job leaves everything consistent."""


class CancelToken:
    """A thread-safe flag a caller sets to ask a running job to stop at its next checkpoint."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def no_progress(done: int, total: int) -> None:
    """Default progress callback that ignores updates."""
