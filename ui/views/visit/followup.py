"""Follow-up of earlier visits' open recommendations: close with an 'after' photo, waive, reopen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.errors import AdjusterError, ValidationError
from adjuster.domain.models import Recommendation
from adjuster.inspect.recommendations import effective_status
from adjuster.inspect.templates import tr as pick
from ui.i18n import tr
from ui.views.photos import PhotosTab
from ui.views.photos.texts import Texts
from ui.views.visit.recommendations import priority_label, status_label
from ui.views.visit.session import VisitSession


class CloseFollowUpDialog(QDialog):
    """Drop or import the 'after' photo, pick it, add a note, close the recommendation."""

    def __init__(self, runner: Any, session: VisitSession, media: Any, rec: Recommendation,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.rec = session, rec
        self.setWindowTitle(tr("Close recommendation"))
        self.resize(900, 600)
        text = QLabel(rec.text, self)
        text.setWordWrap(True)
        text.setStyleSheet("font-weight: bold;")
        self.photos = PhotosTab(runner, session.store, media, "recommendation", rec.id, self)
        self.note = QLineEdit(self)
        self.note.setObjectName("closingNote")
        self.note.setPlaceholderText(tr("What was done"))
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Close recommendation"))
        self.buttons.accepted.connect(self.try_close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(QLabel(tr("Drop the 'after' photo below and select it:"), self))
        layout.addWidget(self.photos, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.result_rec: Recommendation | None = None

    def try_close(self) -> None:
        photo = self.photos.current_photo()
        try:
            self.result_rec = self.session.close_follow_up(self.rec.id, after_photo_id=photo.id if photo else None,
                                                           note=self.note.text().strip())
        except AdjusterError as err:
            message = str(err)
            if isinstance(err, ValidationError) and err.field == "after_photo_id" and photo is None:
                message = tr("Select the 'after' photo first (drop one above if there is none).")
            self.error.setText(message)
            self.error.show()
            return
        self.accept()


class FollowUpPanel(QWidget):
    changed = Signal()

    def __init__(self, runner: Any, session: VisitSession, media: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.session, self.media = runner, session, media
        self.texts = Texts()
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("followUpTable")
        self.texts(lambda: self.table.setHorizontalHeaderLabels([
            tr("Raised"), tr("Item"), tr("Recommendation"), tr("Priority"), tr("Deadline"), tr("Status")]))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in (0, 3, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 170)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())
        self.empty = QLabel(self)
        self.close_button = QPushButton(self)
        self.texts(lambda: (self.empty.setText(tr("No open recommendations from earlier visits.")),
                            self.close_button.setText(tr("Close with 'after' photo…"))))
        self.close_button.clicked.connect(self.close_selected)
        self.waive_button = QPushButton(self)
        self.texts(lambda: self.waive_button.setText(tr("Waive…")))
        self.waive_button.clicked.connect(self.waive_selected)
        self.reopen_button = QPushButton(self)
        self.texts(lambda: self.reopen_button.setText(tr("Reopen")))
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        #: asks for a waiver reason; tests replace it
        self.ask_reason: Callable[[], str | None] = self._ask_reason
        #: the last close dialog (tests drive it)
        self.dialog: CloseFollowUpDialog | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.waive_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def retranslate(self) -> None:
        self.texts.apply()
        self.reload()

    def reload(self) -> None:
        self.recs = self.session.follow_ups()
        visits = {v.id: v for v in self.session.store.visits.for_site(self.session.visit.site_id)}
        today = self.session.visit.visit_date
        self.table.setRowCount(len(self.recs))
        for row, rec in enumerate(self.recs):
            raised = visits.get(rec.visit_id)
            item_title = rec.item_key
            if raised is not None and rec.item_key:
                try:
                    from adjuster.inspect.service import visit_template

                    item_title = pick(visit_template(raised).item(rec.item_key).question, self.session.lang)
                except (ValidationError, KeyError):
                    pass
            status = effective_status(rec, today).value
            cells = [raised.visit_date.isoformat() if raised else "", item_title, rec.text,
                     priority_label(rec.priority.value), rec.deadline.isoformat() if rec.deadline else "",
                     status_label(status)]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, rec.id)
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.recs)
        self.table.setVisible(bool(self.recs))
        self._update_buttons()

    def _update_buttons(self) -> None:
        rec = self.selected()
        editable = self.session.editable and rec is not None
        is_open = rec is not None and rec.status.value in ("open", "overdue")
        self.close_button.setEnabled(editable and is_open)
        self.waive_button.setEnabled(editable and is_open)
        self.reopen_button.setEnabled(editable and not is_open)

    def selected(self) -> Recommendation | None:
        row = self.table.currentRow()
        return self.recs[row] if 0 <= row < len(self.recs) else None

    def _fail(self, err: Exception) -> None:
        self.error.setText(str(err))
        self.error.show()

    def _done(self) -> None:
        self.error.hide()
        self.reload()
        self.changed.emit()

    def close_selected(self) -> CloseFollowUpDialog | None:
        rec = self.selected()
        if rec is None:
            self._fail(ValueError(tr("Select a recommendation first.")))
            return None
        self.dialog = CloseFollowUpDialog(self.runner, self.session, self.media, rec, self)
        self.dialog.accepted.connect(self._done)
        self.dialog.open()
        return self.dialog

    def waive_selected(self) -> None:
        rec = self.selected()
        if rec is None:
            return
        reason = self.ask_reason()
        if reason is None:
            return
        try:
            self.session.waive_follow_up(rec.id, reason=reason)
        except AdjusterError as err:
            self._fail(err)
            return
        self._done()

    def reopen_selected(self) -> None:
        rec = self.selected()
        if rec is None:
            return
        try:
            self.session.reopen_follow_up(rec.id)
        except AdjusterError as err:
            self._fail(err)
            return
        self._done()

    def _ask_reason(self) -> str | None:
        text, ok = QInputDialog.getText(self, tr("Waive recommendation"), tr("Why it no longer applies:"))
        return text if ok else None
