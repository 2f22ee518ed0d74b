"""The main window: case/visit lists on the left, the open record's editor on the right, menus,
toolbar, shortcuts, and a status bar with the sync state and background job progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from ui import main_actions
from ui.context import AppContext
from ui.i18n import is_language_change, tr
from ui.job_status import JobStatus
from ui.views.case.editor import CaseEditor, placeholder
from ui.views.lists import CaseListPanel, VisitListPanel

LIST_REFRESH_MS = 200


def make_visit_editor(ctx: AppContext, visit_id: str) -> QWidget:
    """The other UI engineer's VisitEditor when present, else a placeholder."""
    try:
        from ui.views.visit import VisitEditor
    except ImportError:
        return placeholder(tr("The visit editor is not available in this build."))
    lang = "zh" if ctx.ui_lang.startswith("zh") else "en"
    return VisitEditor(ctx.runner, ctx.store, ctx.media, visit_id, lang=lang, undo_stack=ctx.edits.stack)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, app_settings: QSettings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.app_settings = app_settings
        self.setObjectName("mainWindow")
        ctx.runner.error_parent = self
        #: asks before closing with running jobs; tests replace it
        self.confirm_close: Callable[[int], bool] = self._ask_close

        self.cases = CaseListPanel(ctx.store)
        self.visits = VisitListPanel(ctx.store)
        self.lists = QTabWidget()
        self.lists.setObjectName("listTabs")
        self.lists.addTab(self.cases, "")
        self.lists.addTab(self.visits, "")
        self.detail = QStackedWidget()
        self.detail.setObjectName("detail")
        self.empty = placeholder("")
        self.detail.addWidget(self.empty)
        self.editor: QWidget | None = None
        self._sync: Any = None
        self.current_case_id = ""
        self.current_visit_id = ""
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.lists)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([610, 790])
        self.splitter = splitter
        self.setCentralWidget(splitter)

        main_actions.build(self)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncState")
        self.jobs = JobStatus(ctx.runner)
        self.statusBar().addWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.jobs)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(LIST_REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh_lists)
        ctx.events.changed.connect(self._store_changed)
        ctx.edits.failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        ctx.translations.changed.connect(self._language_changed)
        self.lists.currentChanged.connect(self._list_tab_changed)
        self.cases.case_selected.connect(self.open_case)
        self.visits.visit_selected.connect(self.open_visit)
        self.visits.new_visit_requested.connect(self.new_visit)
        self.resize(1400, 860)
        if app_settings is not None:
            geo = app_settings.value("main/geometry")
            if isinstance(geo, QByteArray):
                self.restoreGeometry(geo)
        self.retranslate()  # also reads the sync state

    def _list_tab_changed(self, index: int) -> None:
        """The visit editor needs more width than the case editor; give it room from the list."""
        total = sum(self.splitter.sizes()) or self.width()
        left = 340 if self.lists.widget(index) is self.visits else 610
        self.splitter.setSizes([left, max(total - left, 400)])

    # -- opening records ------------------------------------------------------------------------
    def _flush_editor(self) -> None:
        """Save what is being typed in the open editor before another record takes its place."""
        if isinstance(self.editor, CaseEditor):
            self.editor.flush()

    def _replace_editor(self, widget: QWidget) -> None:
        old = self.editor
        if old is not None:
            if isinstance(old, CaseEditor):
                old.flush()
                old.disconnect_store()
            self.detail.removeWidget(old)
            old.deleteLater()
        self.editor = widget
        self.detail.addWidget(widget)
        self.detail.setCurrentWidget(widget)

    def open_case(self, case_id: str) -> CaseEditor:
        if isinstance(self.editor, CaseEditor) and self.editor.case_id == case_id:
            return self.editor
        tab = self.editor.tabs.currentIndex() if isinstance(self.editor, CaseEditor) else 0
        self._flush_editor()
        self.ctx.edits.focus(case_id)
        editor = CaseEditor(self.ctx, case_id)
        editor.tabs.setCurrentIndex(tab)
        self._replace_editor(editor)
        self.current_case_id, self.current_visit_id = case_id, ""
        return editor

    def open_visit(self, visit_id: str) -> QWidget:
        self._flush_editor()
        self.ctx.edits.focus(visit_id)
        widget = make_visit_editor(self.ctx, visit_id)
        self._replace_editor(widget)
        self.current_case_id, self.current_visit_id = "", visit_id
        return widget

    @property
    def case_editor(self) -> CaseEditor | None:
        return self.editor if isinstance(self.editor, CaseEditor) else None

    # -- commands -------------------------------------------------------------------------------
    def new_case(self) -> Any:
        from ui.dialogs.new_case import NewCaseDialog

        dlg = NewCaseDialog(self.ctx.edits, self.ctx.profile.user, self)
        if dlg.exec() and dlg.case is not None:
            self.show_new_case(dlg.case.id)
        return dlg.case

    def show_new_case(self, case_id: str) -> CaseEditor:
        self.lists.setCurrentWidget(self.cases)
        self.cases.clear_filters()
        self.cases.model.update_filter(order_by="updated_at", descending=True)
        self.cases.refresh()
        self.cases.select_case(case_id)
        editor = self.open_case(case_id)
        editor.show_tab("overview")
        return editor

    def new_visit(self) -> Any:
        from ui.dialogs.new_visit import NewVisitDialog

        dlg = NewVisitDialog(self.ctx.store, self.ctx.profile.user, self.ctx.ui_lang, self)
        if dlg.exec() and dlg.visit is not None:
            self.lists.setCurrentWidget(self.visits)
            self.visits.refresh()
            if not self.visits.select_visit(dlg.visit.id):
                self.open_visit(dlg.visit.id)
        return dlg.visit

    def load_demo(self) -> Any:
        from adjuster.demo import create_demo

        profile = self.ctx.profile
        return self.ctx.runner.run(lambda p, t: create_demo(profile, progress=p), title=tr("Creating demo data"),
                                   on_done=lambda _c: self.refresh_lists(), cancellable=False)

    def open_settings(self) -> bool:
        from ui.dialogs.settings import SettingsDialog

        dlg = SettingsDialog(self.ctx.profile, self.app_settings, self)
        if not dlg.exec():
            return False
        self.apply_settings()
        return True

    def apply_settings(self) -> None:
        """After the settings changed: user name for new writes, UI language."""
        self.ctx.store.user = self.ctx.profile.user
        lang = str(self.ctx.profile.settings.get("ui_lang") or "")
        if lang and lang != self.ctx.ui_lang:
            self.ctx.translations.set_language(lang)

    def set_language(self, lang: str) -> None:
        self.ctx.translations.set_language(lang)
        self.ctx.profile.settings["ui_lang"] = self.ctx.translations.language
        self.ctx.profile.save_settings()

    # -- sync and back office (ui.views.review, when installed) ---------------------------------
    def sync_now(self) -> bool:
        """One sync round with the hub in the background; the lists refresh when it is done."""
        try:
            from ui.views.review import SyncController
        except ImportError:
            self.statusBar().showMessage(tr("Sync is not available in this build."), 6000)
            return False
        if not self.ctx.profile.settings.get("hub_url"):
            self.statusBar().showMessage(
                tr("This device is not enrolled with a hub yet (adjuster remote enrol URL CODE)."), 8000)
            return False
        if self._sync is None:
            self._sync = SyncController(self.ctx.runner, self.ctx.profile, self)
            self._sync.synced.connect(lambda text, _r: (self.statusBar().showMessage(text, 10000), self.refresh_lists()))
            self._sync.failed.connect(lambda text: self.statusBar().showMessage(text, 10000))
        return bool(self._sync.start())

    def open_review(self) -> QWidget | None:
        """The hub's review queue in the detail area (needs a reviewer's link to the hub)."""
        try:
            from adjuster.sync.client import HubClient, load_link
            from ui.views.review import ReviewPanel
        except ImportError:
            self.statusBar().showMessage(tr("The review queue is not available in this build."), 6000)
            return None
        try:
            url, token = load_link(self.ctx.profile)
        except Exception as err:  # noqa: BLE001 - any reason not to connect is shown, never raised
            self.statusBar().showMessage(str(err), 8000)
            return None
        client = HubClient(url, token)
        panel = ReviewPanel(self.ctx.runner, client)
        panel.destroyed.connect(lambda *_: client.close())
        self._replace_editor(panel)
        self.current_case_id = self.current_visit_id = ""
        panel.refresh()
        return panel

    def generate_report(self) -> Any:
        """The open case's loss report (Report tab), or the open visit's inspection report."""
        ed = self.case_editor
        if ed is not None:
            ed.show_tab("report")
            return ed.report.generate()
        if self.current_visit_id:
            return self.generate_inspection_report(self.current_visit_id)
        self.statusBar().showMessage(tr("Open a case or a visit first."), 4000)
        return None

    def generate_inspection_report(self, visit_id: str) -> Any:
        try:
            from adjuster.reports.service import generate_inspection_report
        except ImportError:
            self.statusBar().showMessage(tr("Report generation is not available in this build."), 6000)
            return None
        ctx = self.ctx
        settings = dict(ctx.profile.settings)
        lang = str(settings.get("report_lang") or "zh")
        out = ctx.profile.reports_dir / f"visit-{visit_id[:8]}-{lang}.pdf"

        def work(progress: Any, token: Any) -> Any:
            return generate_inspection_report(
                ctx.store, ctx.media, visit_id, out, lang=lang, progress=progress, cancel=token, settings=settings,
                photos_per_page=int(settings.get("photos_per_page") or 4), archive_dir=ctx.profile.reports_dir / "archive")

        return ctx.runner.run(work, title=tr("Generating the inspection report"), on_done=self._show_inspection_report)

    def _show_inspection_report(self, outcome: Any) -> None:
        from ui.dialogs.report_preview import ReportPreviewDialog

        self.report_preview = ReportPreviewDialog(self.ctx.runner, outcome.path, tr("Inspection report"), self)
        self.report_preview.show()

    def add_item(self) -> Any:
        ed = self.case_editor
        if ed is None:
            self.statusBar().showMessage(tr("Open a case first."), 4000)
            return None
        ed.show_tab("items")
        return ed.items.add_item()

    def show_case_tab(self, index: int) -> None:
        if self.case_editor is not None:
            self.case_editor.tabs.setCurrentIndex(index)

    def focus_search(self) -> None:
        panel = self.lists.currentWidget()
        search = getattr(panel, "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    def about(self) -> None:
        from adjuster import __version__

        text = tr("Adjuster {version}").format(version=__version__)
        tagline = tr("Loss adjusting and risk inspections, offline first.")
        QMessageBox.about(self, tr("About Adjuster"), f"{text}\n{tagline}")

    # -- refreshing -----------------------------------------------------------------------------
    def _store_changed(self, entities: frozenset[str]) -> None:
        """Lists show cases, sites and visits; other writes only change the sync count."""
        if entities & {"case", "visit", "site"}:
            self._refresh_timer.start()
        else:
            self.update_sync_state()

    def refresh_lists(self) -> None:
        self._refresh_timer.stop()
        self.cases.refresh()
        self.visits.refresh()
        self.update_sync_state()

    def update_sync_state(self) -> None:
        row = self.ctx.store.query_one("SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL")
        pending = int(row["n"]) if row else 0
        hub = str(self.ctx.profile.settings.get("hub_url") or "")
        if pending == 0:
            text = tr("All changes synced")
        elif hub:
            text = tr("%n change(s) waiting to sync", "", pending)
        else:
            text = tr("%n change(s) not synced (no hub set)", "", pending)
        self.sync_label.setText(text)
        self.sync_pending = pending

    def _language_changed(self, lang: str) -> None:
        for code, act in self.lang_actions.items():
            act.setChecked(code == lang)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Adjuster — {profile}").format(profile=self.ctx.profile.root.name))
        self.lists.setTabText(0, tr("Cases"))
        self.lists.setTabText(1, tr("Visits"))
        self.empty.setText(tr("Choose a case or a visit on the left, or create one with New case (Ctrl+N)."))
        main_actions.retranslate(self)
        self._language_changed(self.ctx.ui_lang)
        self.update_sync_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    # -- closing --------------------------------------------------------------------------------
    def _ask_close(self, running: int) -> bool:
        answer = QMessageBox.question(
            self, tr("Jobs are still running"),
            tr("%n background job(s) still running. Cancel them and quit?", "", running),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        running = self.ctx.runner.running()
        if running and not self.confirm_close(len(running)):
            event.ignore()
            return
        if self.case_editor is not None:
            self.case_editor.flush()
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # commits a line edit being typed in (editingFinished)
        self.ctx.runner.cancel_all()
        self.ctx.runner.wait(10_000)
        if self.app_settings is not None:
            self.app_settings.setValue("main/geometry", self.saveGeometry())
        event.accept()
