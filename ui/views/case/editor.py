"""The case editor: a header and the tabs Overview, Photos, Items, Calculation, Report, History.

It listens to the store's change notifications and refreshes only the tabs whose data changed;
every write goes through ``ctx.edits`` (undoable, saved at once).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from adjuster.domain.errors import NotFoundError
from ui.context import AppContext
from ui.i18n import is_language_change, tr
from ui.models.badges import status_label
from ui.views.case.calculation import CalculationTab
from ui.views.case.history import HistoryTab
from ui.views.case.items import ItemsTab
from ui.views.case.overview import OverviewTab
from ui.views.case.report import Generator, ReportTab
from ui.views.case.signing import SignatureBar


def placeholder(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def make_photos_tab(ctx: AppContext, owner_type: str, owner_id: str) -> QWidget:
    """The other UI engineer's PhotosTab when present, else a placeholder."""
    try:
        from ui.views.photos import PhotosTab
    except ImportError:
        return placeholder(tr("Photos are not available in this build."))
    return PhotosTab(ctx.runner, ctx.store, ctx.media, owner_type, owner_id, undo_stack=ctx.edits.stack,
                     events=ctx.events)


def loss_report_generator(ctx: AppContext) -> Generator | None:
    """Bind ``reports.service.generate_loss_report`` to this profile (None when not installed).

    The current file is ``reports/<claim no>.pdf``; every version is also kept in
    ``reports/archive`` (never overwritten), and that copy is what the Report row points to.
    """
    try:
        from adjuster.reports.service import generate_loss_report
    except ImportError:
        return None

    def generate(case_id: str, lang: str, progress: Any, token: Any) -> Any:
        settings = dict(ctx.profile.settings)
        case = ctx.store.cases.get(case_id)
        out = ctx.profile.reports_dir / f"{safe_name(case.claim_no)}-{lang}.pdf"
        outcome = generate_loss_report(
            ctx.store, ctx.media, case_id, out, lang=lang, photos_per_page=int(settings.get("photos_per_page") or 4),
            progress=progress, cancel=token, settings=settings, archive_dir=ctx.profile.reports_dir / "archive")
        return outcome.report

    return generate


def safe_name(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "case"


class CaseEditor(QWidget):
    TABS = ("overview", "photos", "items", "calculation", "report", "history")

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.setObjectName("caseEditor")
        v = QVBoxLayout(self)
        v.setContentsMargins(6, 6, 6, 6)
        self.header = QLabel()
        self.header.setObjectName("caseHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.header)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        v.addWidget(self.tabs, 1)

        self.overview = OverviewTab(ctx.edits)
        self.photos = make_photos_tab(ctx, "case", case_id)
        self.items = ItemsTab(ctx.edits, lambda: ctx.ui_lang)
        self.calculation = CalculationTab(ctx.store, lambda: ctx.ui_lang)
        settings = ctx.profile.settings
        self.signing = SignatureBar(ctx.store, ctx.media, self._signer_for)
        self.report = ReportTab(ctx.runner, ctx.store, ctx.report_path, loss_report_generator(ctx),
                                str(settings.get("report_lang") or "zh"), signatures=self.signing)
        self.history = HistoryTab(ctx.store)
        for w in (self.overview, self.photos, self.items, self.calculation, self.report, self.history):
            self.tabs.addTab(w, "")
        self.calculation.computed.connect(lambda _st: self.items.model.set_losses(self.calculation.item_losses()))
        ctx.events.changed.connect(self._on_store_changed)
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        try:
            case = self.ctx.store.cases.get(self.case_id)
        except NotFoundError:
            self.header.setText(tr("This case was deleted."))
            self.tabs.setEnabled(False)
            return
        self.case = case
        self._header(case)
        self.overview.load(case)
        self.items.load(self.case_id)
        self.calculation.load(self.case_id)
        self.report.load(self.case_id)
        self.history.load(self.case_id)

    def _signer_for(self, role: str) -> str:
        case = self.ctx.store.cases.get(self.case_id)
        if role == "insured":
            return case.insured_name or role
        return case.adjuster or self.ctx.profile.user

    def _header(self, case: Any) -> None:
        from html import escape

        self.header.setText(
            f"<b style='font-size:14pt'>{escape(case.claim_no)}</b> &nbsp; {escape(case.insured_name)}"
            f" &nbsp; <span style='color:#666'>[{escape(status_label(case.status.value))}]</span>"
        )

    def _on_store_changed(self, entities: frozenset[str]) -> None:
        if "case" in entities:
            case = self.ctx.store.cases.find(self.case_id)
            if case is None:
                self.reload()
                return
            self.case = case
            self._header(case)
            self.overview.load(case)
        if entities & {"loss_item", "photo"}:
            self.items.refresh()
        if entities & {"case", "loss_item"}:
            self.calculation.refresh()
        if entities & {"signature", "report", "case", "loss_item", "photo"}:
            self.signing.refresh()
        self.history.refresh()

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(self.TABS.index(name))

    def flush(self) -> None:
        """Save anything still being typed (called before switching case or closing)."""
        self.overview.form.flush()

    def retranslate(self) -> None:
        titles = [tr("Overview"), tr("Photos"), tr("Items"), tr("Calculation"), tr("Report"), tr("History")]
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
        if hasattr(self, "case"):
            self._header(self.case)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.flush()
        super().closeEvent(event)

    def disconnect_store(self) -> None:
        try:
            self.ctx.events.changed.disconnect(self._on_store_changed)
        except (RuntimeError, TypeError):
            pass
