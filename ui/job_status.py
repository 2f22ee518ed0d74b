"""Status-bar widget for background jobs: the running job's title, a progress bar and Cancel."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from ui.i18n import is_language_change, tr
from ui.workers import Job, JobRunner


class JobStatus(QWidget):
    """Shows the oldest visible running job (and how many more); hidden when idle."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("jobLabel")
        self.bar = QProgressBar()
        self.bar.setObjectName("jobProgress")
        self.bar.setMaximumWidth(180)
        self.bar.setMaximumHeight(16)
        self.cancel = QToolButton()
        self.cancel.setObjectName("jobCancel")
        h.addWidget(self.label)
        h.addWidget(self.bar)
        h.addWidget(self.cancel)
        self.cancel.clicked.connect(self._cancel)
        runner.job_started.connect(lambda _j: self.update_view())
        runner.job_progress.connect(lambda _j: self.update_view())
        runner.job_ended.connect(lambda _j: self.update_view())
        self.retranslate()
        self.update_view()

    def current(self) -> Job | None:
        jobs = self.runner.running()
        return jobs[0] if jobs else None

    def update_view(self) -> None:
        job = self.current()
        self.setVisible(job is not None)
        if job is None:
            return
        more = len(self.runner.running()) - 1
        text = job.title if more <= 0 else tr("{title} (+{n} more)").format(title=job.title, n=more)
        self.label.setText(text)
        if job.total > 0:
            self.bar.setRange(0, job.total)
            self.bar.setValue(min(job.done, job.total))
        else:
            self.bar.setRange(0, 0)  # busy indicator until the first progress report
        self.cancel.setEnabled(job.cancellable)

    def _cancel(self) -> None:
        job = self.current()
        if job is not None:
            job.cancel()
            self.label.setText(tr("Cancelling…"))

    def retranslate(self) -> None:
        self.cancel.setText(tr("Cancel"))
        self.cancel.setToolTip(tr("Cancel the running job"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
