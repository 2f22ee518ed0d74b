"""Report tab: generate the loss report in the background, then preview its pages and open its
folder. Generation is one core call (``adjuster.reports`` service); the preview renders pages with
pypdfium2 in a second background job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from adjuster.util.progress import CancelToken, ProgressFn
from ui.i18n import is_language_change, tr
from ui.views.case.pdf_preview import PageView, render_pages
from ui.workers import Job, JobRunner

#: ``generate(case_id, lang, progress, token) -> Report`` record (with ``path``), set by the editor.
Generator = Callable[[str, str, ProgressFn, CancelToken], Any]


def report_langs() -> list[tuple[str, str]]:
    return [("zh", tr("Chinese")), ("en", tr("English")), ("both", tr("Bilingual"))]


class ReportTab(QWidget):
    generated = Signal(object)  # the Report record
    previewed = Signal(int)  # pages shown

    def __init__(self, runner: JobRunner, store: Any, resolve_path: Callable[[Any], Path | None],
                 generator: Generator | None, default_lang: str = "zh", parent: QWidget | None = None,
                 *, signatures: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.store = runner, store
        self.resolve_path = resolve_path
        self.generator = generator
        self.case_id = ""
        self.report: Any = None
        self.pdf_path: Path | None = None
        self.job: Job | None = None
        v = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.lang_label = QLabel()
        self.lang = QComboBox()
        self.lang.setObjectName("reportLang")
        self.generate_btn = QPushButton()
        self.generate_btn.setObjectName("generateReport")
        self.generate_btn.setShortcut(QKeySequence("Ctrl+R"))
        self.folder_btn = QPushButton()
        self.folder_btn.setObjectName("openReportFolder")
        self.info = QLabel()
        self.info.setObjectName("reportInfo")
        for w in (self.lang_label, self.lang, self.generate_btn, self.folder_btn):
            bar.addWidget(w)
        bar.addWidget(self.info, 1)
        v.addLayout(bar)
        self.signatures = signatures
        if signatures is not None:
            v.addWidget(signatures)
        self.view = PageView()
        v.addWidget(self.view, 1)
        self._default_lang = default_lang
        self.generate_btn.clicked.connect(self.generate)
        self.folder_btn.clicked.connect(self.open_folder)
        self.retranslate()

    def load(self, case_id: str) -> None:
        self.case_id = case_id
        self.report = self.store.reports.latest("case", case_id) if case_id else None
        self.pdf_path = self.resolve_path(self.report) if self.report else None
        self._show_info()
        if self.signatures is not None:
            self.signatures.load(case_id, self.report)
        if self.pdf_path and self.pdf_path.exists():
            self.preview(self.pdf_path)
        else:
            self.view.show_message(tr("No report yet. Press Generate to make one."))

    # -- generating -----------------------------------------------------------------------------
    def generate(self) -> Job | None:
        if self.generator is None:
            self.view.show_message(tr("Report generation is not available in this build."))
            return None
        if self.job is not None and self.job.running:
            return self.job
        case_id, lang, gen = self.case_id, self.lang.currentData() or "zh", self.generator
        self.generate_btn.setEnabled(False)
        self.view.show_message(tr("Generating the report…"))
        self.job = self.runner.run(lambda p, t: gen(case_id, lang, p, t), title=tr("Generating report"),
                                   on_done=self._generated, on_failed=self._failed, on_cancelled=self._cancelled)
        return self.job

    def _generated(self, report: Any) -> None:
        self.generate_btn.setEnabled(True)
        self.report = report
        self.pdf_path = self.resolve_path(report)
        self._show_info()
        if self.signatures is not None:
            self.signatures.load(self.case_id, report)
        self.generated.emit(report)
        if self.pdf_path:
            self.preview(self.pdf_path)

    def _failed(self, err: BaseException) -> None:
        self.generate_btn.setEnabled(True)
        self.view.show_message(tr("The report could not be generated: {reason}").format(reason=str(err)))

    def _cancelled(self) -> None:
        self.generate_btn.setEnabled(True)
        self.view.show_message(tr("Report generation was cancelled."))

    # -- preview --------------------------------------------------------------------------------
    def preview(self, path: Path) -> Job:
        self.view.show_message(tr("Rendering pages…"))
        return self.runner.run(lambda p, t: render_pages(path, p, t), title=tr("Preview"), quiet=True,
                               on_done=self._show_pages,
                               on_failed=lambda e: self.view.show_message(
                                   tr("The preview could not be shown: {reason}").format(reason=str(e))),
                               show_error=False)

    def _show_pages(self, images: list[Any]) -> None:
        self.view.show_pages(images)
        self.previewed.emit(len(images))

    def open_folder(self) -> None:
        if self.pdf_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf_path.parent)))

    def _show_info(self) -> None:
        r = self.report
        self.folder_btn.setEnabled(bool(self.pdf_path))
        if not r:
            self.info.setText("")
            return
        self.info.setText(tr("Version {version}, {when}").format(
            version=getattr(r, "version", 1), when=str(getattr(r, "generated_at", ""))[:16].replace("T", " ")))
        self.info.setToolTip(str(self.pdf_path or ""))

    def retranslate(self) -> None:
        current = self.lang.currentData() or self._default_lang
        self.lang.clear()
        for code, name in report_langs():
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(max(0, self.lang.findData(current)))
        self.lang_label.setText(tr("Language:"))
        self.generate_btn.setText(tr("Generate report"))
        self.generate_btn.setToolTip(tr("Generate the loss report (Ctrl+R)"))
        self.folder_btn.setText(tr("Open folder"))
        self._show_info()
        if self.signatures is not None:
            self.signatures.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
