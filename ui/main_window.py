"""The main window: case/visit lists on the left, the open record's editor on the right, menus,
toolbar, shortcuts, and a status bar with the sync state and background job progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, QTimer
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
from ui.main_sync import HubUi
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
    return VisitEditor(ctx.runner, ctx.store, ctx.media, visit_id, lang=lang, undo_stack=ctx.edits.stack,
                       events=ctx.events)


class ListTabs(QTabWidget):
    """Cases / Visits tabs whose minimum width is the shown list's: the case list's filter row
    must not take width from the visit editor while the visits are shown."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        hint = page.minimumSizeHint().expandedTo(page.minimumSize())
        bar = self.tabBar().sizeHint()
        return QSize(max(hint.width(), bar.width()) + 4, hint.height() + bar.height() + 4)


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
        self.lists = ListTabs()
        self.lists.setObjectName("listTabs")
        self.lists.addTab(self.cases, "")
        self.lists.addTab(self.visits, "")
        self.detail = QStackedWidget()
        self.detail.setObjectName("detail")
        self.empty = placeholder("")
        self.detail.addWidget(self.empty)
        self.editor: QWidget | None = None
        self.current_case_id = ""
        self.current_visit_id = ""
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.lists)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([610, 790])
        self.splitter = splitter
        #: the field work (lists + editor) and, when opened, the back office
        self.modes = QStackedWidget()
        self.modes.setObjectName("modes")
        self.modes.addWidget(splitter)
        self.setCentralWidget(self.modes)

        self.hub = HubUi(self)
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
        self._fit_screen()
        self.retranslate()  # also reads the sync state

    def _fit_screen(self) -> None:
        """Never larger than the screen's free area (a 1366×768 laptop, a remembered bigger size)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders, once shown
        width = min(self.width(), free.width() - frame.width())
        height = min(self.height(), free.height() - max(frame.height(), 30))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)

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

    # -- sync and back office (ui/main_sync.py) ------------------------------------------------
    def sync_now(self) -> bool:
        """One sync round with the hub in the background (asks to connect first when not enrolled)."""
        return self.hub.sync_now()

    def connect_hub(self) -> Any:
        """The Connect to hub dialog: hub address + enrolment code."""
        return self.hub.ask_connect()

    def open_review(self) -> QWidget | None:
        """The back-office page with the hub's review queue, or None while a link is asked for."""
        return self.hub.open_back_office()

    def toggle_back_office(self) -> None:
        if self.hub.in_back_office:
            self.hub.close_back_office()
        else:
            self.open_review()
        self.update_mode_actions()

    def update_mode_actions(self) -> None:
        """Back office checked while its page shows; its toolbar button only for a reviewer's link."""
        on = self.hub.in_back_office
        for act in (self.act_review, self.act_review_tb):
            act.blockSignals(True)
            act.setChecked(on)
            act.blockSignals(False)
        self.act_review_tb.setVisible(on or self.hub.office_available())

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
        """Unsynced changes, the last sync and open conflicts in the status bar."""
        self.hub.update_state()

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
        self.hub.drop_page()
        if self.app_settings is not None:
            self.app_settings.setValue("main/geometry", self.saveGeometry())
        event.accept()
