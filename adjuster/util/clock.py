"""Wall-clock helpers in one place so tests can pin time and sync can order events."""

from __future__ import annotations

import datetime as dt
import threading
import time


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utcnow_iso() -> str:
    """UTC timestamp as ISO 8601 with milliseconds and a Z suffix."""
    return utcnow().strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def today() -> dt.date:
    return dt.date.today()


class HybridLogicalClock:
    """Hybrid logical clock (Kulkarni et al.): orders events across devices whose clocks drift.

    Only used to order ops; conflicts are never decided by it. Encoded as a sortable string
    ``<ms:013d>-<counter:05d>-<node>``.
    """

    def __init__(self, node: str, last: str | None = None) -> None:
        self.node = node
        self._lock = threading.Lock()
        self.ms, self.counter = 0, 0
        if last:
            self.observe(last)

    def now(self) -> str:
        with self._lock:
            wall = time.time_ns() // 1_000_000
            if wall > self.ms:
                self.ms, self.counter = wall, 0
            else:
                self.counter += 1
            return self._encode()

    def observe(self, remote: str) -> None:
        """Advance past a timestamp received from elsewhere."""
        ms_s, counter_s, *_ = remote.split("-")
        r_ms, r_counter = int(ms_s), int(counter_s)
        with self._lock:
            if r_ms > self.ms or (r_ms == self.ms and r_counter > self.counter):
                self.ms, self.counter = r_ms, r_counter

    def _encode(self) -> str:
        return f"{self.ms:013d}-{self.counter:05d}-{self.node}"
