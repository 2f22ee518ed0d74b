"""First start: offer demo data (filled in the background) or an empty profile."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from adjuster.profile import Profile
from ui.i18n import tr
from ui.workers import Job, JobRunner


class WelcomeDialog(QDialog):
    """Accepted when the profile is ready (demo created, or empty chosen)."""

    demo_done = Signal(object)  # counts dict

    def __init__(self, profile: Profile, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile, self.runner = profile, runner
        self.job: Job | None = None
        self.choice = ""
        self.setWindowTitle(tr("Welcome to Adjuster"))
        self.setMinimumWidth(520)
        v = QVBoxLayout(self)
        title = QLabel(tr("Welcome to Adjuster"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        title.setFont(f)
        v.addWidget(title)
        text = QLabel(tr("Loss adjusting and risk inspections, offline first. Your data stays in this "
                         "profile folder:") + f"<br><code>{profile.root}</code>")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        v.addWidget(text)
        v.addSpacing(8)
        self.demo_btn = QPushButton(tr("Start with demo data"))
        self.demo_btn.setObjectName("welcomeDemo")
        self.demo_btn.setToolTip(tr("Sample claims with items and photos, sites and prevention visits"))
        self.empty_btn = QPushButton(tr("Start with an empty profile"))
        self.empty_btn.setObjectName("welcomeEmpty")
        h = QHBoxLayout()
        h.addWidget(self.demo_btn)
        h.addWidget(self.empty_btn)
        v.addLayout(h)
        self.progress = QProgressBar()
        self.progress.hide()
        v.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        self.demo_btn.clicked.connect(self.start_demo)
        self.empty_btn.clicked.connect(self.start_empty)

    def start_empty(self) -> None:
        self.choice = "empty"
        self.accept()

    def start_demo(self) -> Job:
        """Create the demo data in a worker; the dialog closes itself when it is done."""
        from adjuster.demo import create_demo

        self.choice = "demo"
        self.demo_btn.setEnabled(False)
        self.empty_btn.setEnabled(False)
        self.progress.show()
        self.progress.setRange(0, 0)
        self.status.setText(tr("Creating demo data…"))
        profile = self.profile
        self.job = self.runner.run(lambda p, t: create_demo(profile, progress=p), title=tr("Creating demo data"),
                                   on_done=self._done, on_failed=self._failed, on_progress=self._progress,
                                   cancellable=False)
        return self.job

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, counts: Any) -> None:
        self.demo_done.emit(counts)
        self.accept()

    def _failed(self, err: BaseException) -> None:
        self.status.setText(tr("Demo data could not be created: {reason}").format(reason=str(err)))
        self.empty_btn.setEnabled(True)
        self.progress.hide()

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            return  # wait for the demo data; closing now would leave the user guessing
        if not self.choice:
            self.choice = "empty"
        super().reject()
