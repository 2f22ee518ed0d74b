"""The job runner: results, progress and failures arrive on the UI thread; cancel works."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from adjuster.domain.errors import ValidationError
from adjuster.util.progress import CancelToken, ProgressFn


def test_result_and_progress_arrive_on_ui_thread(qtbot: Any, runner: Any) -> None:
    seen: list[tuple[int, int]] = []
    threads: list[Any] = []
    worker_thread: list[int] = []

    def work(progress: ProgressFn, token: CancelToken) -> int:
        worker_thread.append(threading.get_ident())
        for i in range(5):
            progress(i + 1, 5)
        return 42

    def done(value: int) -> None:
        threads.append(QThread.currentThread())
        seen.append((value, -1))

    job = runner.run(work, title="answer", on_done=done, on_progress=lambda d, t: seen.append((d, t)))
    assert job in runner.running()
    with qtbot.waitSignal(job.ended, timeout=5000):
        pass
    assert seen[-1] == (42, -1)
    assert (5, 5) in seen  # the final step is never throttled away
    assert threads == [QApplication.instance().thread()]
    assert worker_thread[0] != threading.get_ident()
    assert runner.running() == []


def test_failure_is_reported_and_runner_stays_usable(qtbot: Any, runner: Any) -> None:
    captured: list[Any] = []
    runner.error_handler = lambda job: captured.append((job.title, job.error, job.traceback))

    def bad(progress: ProgressFn, token: CancelToken) -> None:
        raise ValidationError("items[0].qty", "must be positive")

    job = runner.run(bad, title="broken")
    with qtbot.waitSignal(job.ended, timeout=5000):
        pass
    assert captured and captured[0][0] == "broken"
    assert isinstance(captured[0][1], ValidationError)
    assert "must be positive" in captured[0][2]
    job2 = runner.call(lambda: "fine", title="again")
    with qtbot.waitSignal(job2.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == ["fine"]


def test_cancel_stops_a_long_job(qtbot: Any, runner: Any) -> None:
    started = threading.Event()

    def slow(progress: ProgressFn, token: CancelToken) -> str:
        started.set()
        for i in range(1000):
            token.raise_if_cancelled()
            progress(i, 1000)
            time.sleep(0.005)
        return "not cancelled"

    job = runner.run(slow, title="slow")
    assert started.wait(5)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        job.cancel()
    assert runner.errors == []
    assert runner.running() == []


def test_error_dialog_shows_details_without_blocking(qtbot: Any) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from ui.workers import JobRunner

    parent = QWidget()
    qtbot.addWidget(parent)
    r = JobRunner()
    r.error_parent = parent
    job = r.run(lambda p, t: 1 / 0, title="divide")
    with qtbot.waitSignal(job.ended, timeout=5000):
        pass
    boxes = parent.findChildren(QMessageBox, "jobErrorDialog")
    assert len(boxes) == 1
    assert "ZeroDivisionError" in boxes[0].informativeText()
    assert "Traceback" in boxes[0].detailedText()
    boxes[0].close()


def test_a_job_handle_stays_readable_after_it_ended(qtbot: Any, runner: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    job = runner.call(lambda: 7, title="seven")
    qtbot.waitSignal(job.ended, timeout=5000)
    runner.wait()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not job.running and job.result == 7 and job.state == "finished"
    assert job.title == "seven"
