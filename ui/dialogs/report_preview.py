"""A window previewing a generated PDF (pages rendered in a worker) with "Open folder"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.views.case.pdf_preview import PageView, render_pages
from ui.workers import Job, JobRunner


class ReportPreviewDialog(QDialog):
    def __init__(self, runner: JobRunner, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(title)
        self.resize(900, 1000)
        v = QVBoxLayout(self)
        self.info = QLabel(str(path))
        self.info.setWordWrap(True)
        v.addWidget(self.info)
        self.view = PageView()
        v.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.folder_btn = QPushButton(tr("Open folder"))
        buttons.addButton(self.folder_btn, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        self.folder_btn.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))
        v.addWidget(buttons)
        self.view.show_message(tr("Rendering pages…"))
        self.job: Job = runner.run(lambda p, t: render_pages(path, p, t), title=tr("Preview"), quiet=True,
                                   on_done=self.view.show_pages, show_error=False,
                                   on_failed=lambda e: self.view.show_message(
                                       tr("The preview could not be shown: {reason}").format(reason=str(e))))
