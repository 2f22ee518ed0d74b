"""Small bridge to the app's one ``JobRunner`` (ui/workers.py) for no-argument jobs whose failure
this view reports itself (a broken thumbnail is a red tile, not a dialog)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.views.photos.texts import guarded
from ui.workers import Job, JobRunner, error_text


def run(
    runner: JobRunner,
    fn: Callable[[], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None] | None = None,
    title: str = "",
    quiet: bool = False,
) -> Job:
    """Run ``fn()`` in the pool; ``on_error(message)`` gets a one-line reason (no dialog) if given,
    otherwise the runner's error dialog shows it."""
    done = guarded(on_done)
    report = guarded(on_error) if on_error else None
    on_failed = (lambda err: report(error_text(err))) if report else None
    return runner.call(fn, title=title or "photo", on_done=done, on_failed=on_failed, quiet=quiet,
                       show_error=on_error is None)
