"""Named crash points for the kill-and-reimport tests.

``ADJUSTER_SYNC_CRASH_AT=<name>`` makes the process SIGKILL itself when it reaches that point, so a
test can prove that an import killed there leaves the hub as it was and a re-import converges.
Unset (always, outside those tests) it costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "ADJUSTER_SYNC_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(ENV) == name:  # pragma: no cover - the process dies here
        os.kill(os.getpid(), signal.SIGKILL)
