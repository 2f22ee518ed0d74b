"""The device's Sync action: one round with the hub in a background job, never on the UI thread.

``SyncController(runner, profile)`` is what a toolbar button or a menu item calls; it refuses a
second round while one runs and reports what was sent, received and conflicted.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.i18n import tr
from ui.views.review.texts import sync_summary


class SyncController(QObject):
    """Runs ``adjuster.sync.client.sync_profile`` through the app's JobRunner."""

    started = Signal()
    synced = Signal(str, object)  # summary text, the SyncReport
    failed = Signal(str)

    def __init__(self, runner: Any, profile: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.profile = runner, profile
        self.job: Any = None
        self.last_summary = ""
        self.last_error: BaseException | None = None  # the failure of the last round (None after a good one)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self) -> bool:
        """Start a round; False when one is already running."""
        if self.busy:
            return False
        from adjuster.sync.client import sync_profile

        self.job = self.runner.run(lambda _p, _t: sync_profile(self.profile), title=tr("Syncing with the hub"),
                                   on_done=self._done, on_failed=self._failed, cancellable=False, show_error=False)
        self.job.ended.connect(self._ended)
        self.started.emit()
        return True

    def _done(self, report: Any) -> None:
        self.last_error = None
        self.last_summary = sync_summary(report)
        self.synced.emit(self.last_summary, report)

    def _failed(self, err: BaseException) -> None:
        from ui.workers import error_text

        self.last_error = err
        self.last_summary = tr("Sync failed: {reason}").format(reason=error_text(err))
        self.failed.emit(self.last_summary)

    def _ended(self) -> None:
        self.job = None
