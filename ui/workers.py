"""One runner for every background job (Anki's CollectionOp/QueryOp idea).

A job is a plain core callable ``fn(progress, token)`` — ``progress(done, total)`` and a
:class:`~adjuster.util.progress.CancelToken` are the core's own contract — run on a QThreadPool.
The runner delivers ``progress`` / ``finished`` / ``failed`` / ``cancelled`` on the UI thread,
shows a failure in a non-blocking error dialog with the traceback under "details" (the app stays
usable and nothing typed is touched), and keeps a registry of running jobs so the main window can
ask before closing and the status bar can show progress with a cancel button.

Usage::

    job = runner.run(lambda progress, token: reports.generate(..., progress=progress),
                     title=tr("Generating report"), on_done=self.show_report)
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from adjuster.domain.errors import AdjusterError, ValidationError
from adjuster.util.progress import Cancelled, CancelToken, ProgressFn
from ui.i18n import tr

JobFn = Callable[[ProgressFn, CancelToken], Any]

#: Minimum seconds between two progress signals: a core loop may report thousands of steps.
PROGRESS_INTERVAL = 0.05


class Job(QObject):
    """Handle of one background job; its signals arrive on the UI thread."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)  # the exception; ``job.traceback`` holds the formatted text
    cancelled = Signal()
    ended = Signal()  # after any of finished / failed / cancelled

    def __init__(self, title: str, *, quiet: bool = False, cancellable: bool = True) -> None:
        super().__init__()
        self.title = title
        self.quiet = quiet
        self.cancellable = cancellable
        self.token = CancelToken()
        self.done = 0
        self.total = 0
        self.result: Any = None
        self.error: BaseException | None = None
        self.traceback = ""
        self.state = "queued"  # queued | running | finished | failed | cancelled
        self.progress.connect(self._remember_progress)

    @Slot(int, int)
    def _remember_progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def cancel(self) -> None:
        """Ask the job to stop at its next checkpoint (``token.raise_if_cancelled()``)."""
        self.token.cancel()

    @property
    def running(self) -> bool:
        return self.state in ("queued", "running")


class _Bridge(QObject):
    """Lives on the UI thread; the worker emits on it so Qt queues the calls to the UI thread."""

    progress = Signal(int, int)
    outcome = Signal(str, object, str)  # state, value, traceback text


class _Task(QRunnable):
    def __init__(self, fn: JobFn, job: Job, bridge: _Bridge) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.job, self.bridge = fn, job, bridge
        self._last = 0.0
        self._lock = threading.Lock()

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        with self._lock:
            if done < total and now - self._last < PROGRESS_INTERVAL:
                return
            self._last = now
        self.bridge.progress.emit(int(done), int(total))

    def run(self) -> None:
        try:
            self.job.token.raise_if_cancelled()
            result = self.fn(self._progress, self.job.token)
        except Cancelled:
            self.bridge.outcome.emit("cancelled", None, "")
        except BaseException as err:  # noqa: BLE001 - every failure must reach the UI, never kill the pool
            self.bridge.outcome.emit("failed", err, traceback.format_exc())
        else:
            self.bridge.outcome.emit("finished", result, "")


class JobRunner(QObject):
    """Runs jobs on a thread pool and tracks the ones still running.

    ``error_handler(job)`` is called for a failed job whose caller asked for the default dialog;
    tests replace it to capture errors instead of opening a dialog.
    """

    job_started = Signal(object)
    job_progress = Signal(object)
    job_ended = Signal(object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        if max_threads:
            self.pool.setMaxThreadCount(max_threads)
        else:
            self.pool.setMaxThreadCount(max(2, min(8, QThreadPool.globalInstance().maxThreadCount())))
        self._jobs: list[Job] = []
        self._bridges: dict[int, _Bridge] = {}
        self.error_parent: QWidget | None = None
        self.error_handler: Callable[[Job], None] = self.show_error_dialog
        self.errors: list[Job] = []  # every failed job, newest last (tests and the log read it)

    # -- running ----------------------------------------------------------------------------------
    def run(
        self,
        fn: JobFn,
        *,
        title: str,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        quiet: bool = False,
        cancellable: bool = True,
        show_error: bool = True,
    ) -> Job:
        """Start ``fn(progress, token)`` in the pool; callbacks run on the UI thread.

        ``quiet`` jobs (thumbnails, previews) are not shown in the status bar and do not hold up
        closing; ``show_error`` False leaves the failure to ``on_failed`` alone.
        """
        # The job stays owned by Python (no Qt parent, no deleteLater): callers may keep the handle
        # and read ``job.running`` / ``job.result`` long after it ended.
        job = Job(title, quiet=quiet, cancellable=cancellable)
        bridge = _Bridge(self)
        bridge.progress.connect(job.progress)
        bridge.progress.connect(lambda *_: self.job_progress.emit(job))
        bridge.outcome.connect(lambda state, value, tb: self._on_outcome(job, bridge, state, value, tb, show_error))
        if on_done:
            job.finished.connect(on_done)
        if on_failed:
            job.failed.connect(on_failed)
        if on_progress:
            job.progress.connect(on_progress)
        if on_cancelled:
            job.cancelled.connect(on_cancelled)
        self._jobs.append(job)
        self._bridges[id(job)] = bridge
        job.state = "running"
        self.job_started.emit(job)
        self.pool.start(_Task(fn, job, bridge))
        return job

    def call(self, fn: Callable[[], Any], *, title: str, on_done: Callable[[Any], None] | None = None,
             **kwargs: Any) -> Job:
        """Run a no-argument callable (a query) with the same delivery and error handling."""
        return self.run(lambda _p, _t: fn(), title=title, on_done=on_done, cancellable=False, **kwargs)

    def _on_outcome(self, job: Job, bridge: _Bridge, state: str, value: Any, tb: str, show_error: bool) -> None:
        job.state = state
        if job in self._jobs:
            self._jobs.remove(job)
        self._bridges.pop(id(job), None)
        bridge.deleteLater()
        try:
            if state == "finished":
                job.result = value
                job.finished.emit(value)
            elif state == "failed":
                job.error, job.traceback = value, tb
                self.errors.append(job)
                job.failed.emit(value)
                if show_error:
                    self.error_handler(job)
            else:
                job.cancelled.emit()
        finally:
            job.ended.emit()
            self.job_ended.emit(job)

    # -- registry -------------------------------------------------------------------------------
    def running(self, *, include_quiet: bool = False) -> list[Job]:
        """Jobs still running, oldest first; quiet ones only when asked."""
        return [j for j in self._jobs if include_quiet or not j.quiet]

    def cancel_all(self) -> None:
        for job in list(self._jobs):
            job.cancel()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until every job ended and its signals were delivered (tests, shutdown)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self._jobs:
            self.pool.waitForDone(20)
            QCoreApplication.processEvents()
            if time.monotonic() > deadline:
                return False
        return True

    # -- errors ---------------------------------------------------------------------------------
    def show_error_dialog(self, job: Job) -> None:
        """A non-blocking message box: the reason in one line, the traceback under details."""
        parent = self.error_parent or QApplication.activeWindow()
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Job failed"))
        box.setText(tr("{title} failed.").format(title=job.title))
        box.setInformativeText(error_text(job.error))
        if job.traceback:
            box.setDetailedText(job.traceback)
        box.setObjectName("jobErrorDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def error_text(err: BaseException | None) -> str:
    """A user-facing one-liner: our own errors say what to do; others name their type."""
    if err is None:
        return ""
    if isinstance(err, ValidationError):
        from ui.errors import describe

        return describe(err)  # the field's label and the reason, in the UI language
    if isinstance(err, AdjusterError):
        return str(err)
    text = str(err) or type(err).__name__
    return f"{type(err).__name__}: {text}" if str(err) else text
