"""Review panel (back-office mode): the hub's queue of submitted cases and visits, one case with
what changed since the last review and its open conflicts, approve / return / assign, and the
office figures. Every hub call runs in the app's JobRunner; the panel never blocks.

``ReviewPanel(runner, client)``: ``client`` is an ``adjuster.sync.client.HubClient`` holding a
reviewer's or admin's token. The main window embeds it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import is_language_change, tr
from ui.views.review import texts

ID_ROLE = Qt.ItemDataRole.UserRole


class ReviewPanel(QWidget):
    """Queue on the left, the selected case on the right."""

    decided = Signal(str, str)  # case or visit id, "approve" | "return" | "assign" | "resolve"
    loaded = Signal()  # after the queue and figures arrived (tests wait on it)

    def __init__(self, runner: Any, client: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.client = runner, client
        self.queue: list[dict[str, Any]] = []
        self.stats: dict[str, Any] | None = None
        self.detail: dict[str, Any] | None = None
        self._build()
        self.retranslate()
        self._set_enabled(False)

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.metrics = QLabel()
        self.metrics.setObjectName("reviewMetrics")
        self.metrics.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.metrics, 1)
        top.addWidget(self.refresh_button)

        self.table = QTableWidget(0, 6)
        self.table.setObjectName("reviewQueue")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes_label, self.conflicts_label = QLabel(), QLabel()
        self.changes = QListWidget()
        self.changes.setObjectName("reviewChanges")
        self.conflicts = QListWidget()
        self.conflicts.setObjectName("reviewConflicts")
        self.conflicts.itemSelectionChanged.connect(self._update_buttons)
        self.keep_hub, self.keep_device = QPushButton(), QPushButton()
        self.keep_hub.clicked.connect(lambda: self.resolve("hub"))
        self.keep_device.clicked.connect(lambda: self.resolve("device"))
        resolve_row = QHBoxLayout()
        resolve_row.addWidget(self.keep_hub)
        resolve_row.addWidget(self.keep_device)
        resolve_row.addStretch(1)

        self.amount = QLineEdit()
        self.amount.setObjectName("reviewAmount")
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setFixedHeight(70)
        self.assignee = QLineEdit()
        self.form = QFormLayout()
        self.amount_label, self.comment_label, self.assign_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.amount_label, self.amount)
        self.form.addRow(self.comment_label, self.comment)
        self.form.addRow(self.assign_label, self.assignee)
        self.approve_button, self.return_button, self.assign_button = QPushButton(), QPushButton(), QPushButton()
        self.approve_button.setObjectName("reviewApprove")
        self.return_button.setObjectName("reviewReturn")
        self.approve_button.clicked.connect(lambda: self.decide("approve"))
        self.return_button.clicked.connect(lambda: self.decide("return"))
        self.assign_button.clicked.connect(self.assign)
        actions = QHBoxLayout()
        actions.addWidget(self.approve_button)
        actions.addWidget(self.return_button)
        actions.addStretch(1)
        actions.addWidget(self.assign_button)
        self.status = QLabel()
        self.status.setObjectName("reviewStatus")

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.summary)
        rl.addWidget(self.changes_label)
        rl.addWidget(self.changes, 2)
        rl.addWidget(self.conflicts_label)
        rl.addWidget(self.conflicts, 1)
        rl.addLayout(resolve_row)
        rl.addLayout(self.form)
        rl.addLayout(actions)
        rl.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([600, 700])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def retranslate(self) -> None:
        self.refresh_button.setText(tr("Refresh"))
        self.table.setHorizontalHeaderLabels([tr("Claim no. / site"), tr("Insured"), tr("Assigned to"), tr("Status"),
                                              tr("Changes"), tr("Conflicts")])
        self.changes_label.setText(tr("Changes since the last review"))
        self.conflicts_label.setText(tr("Open conflicts"))
        self.keep_hub.setText(tr("Keep the hub's value"))
        self.keep_device.setText(tr("Keep the device's value"))
        self.amount_label.setText(tr("Approved amount"))
        self.comment_label.setText(tr("Comment"))
        self.assign_label.setText(tr("Assign to"))
        self.approve_button.setText(tr("Approve"))
        self.return_button.setText(tr("Return"))
        self.assign_button.setText(tr("Assign"))
        if self.detail is None:
            self.summary.setText(tr("Select a case in the queue."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if is_language_change(event):
            self.retranslate()
            self._rerender()
        super().changeEvent(event)

    def _rerender(self) -> None:
        """Statuses, record kinds and figures in the new language, from what was fetched last."""
        if self.stats is None:
            return
        table = self.table
        for row, entry in enumerate(self.queue):
            item = table.item(row, 3)
            if item is not None:
                item.setText(texts.status_text(entry.get("status", "")))
        self.metrics.setText(texts.metrics_line(self.stats))
        if self.detail is not None:
            typed = self.amount.text(), self.assignee.text()  # what the reviewer typed stays
            self._show_detail(self.detail)
            self.amount.setText(typed[0])
            self.assignee.setText(typed[1])

    # -- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Fetch the queue and the figures (in the background)."""
        client = self.client

        def fetch() -> tuple[list[dict[str, Any]], dict[str, Any]]:
            return client.get_json("/v1/review/queue")["queue"], client.get_json("/v1/metrics")

        self.runner.call(fetch, title=tr("Loading the review queue"), on_done=self._show_queue, quiet=True)

    def _show_queue(self, result: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        queue, stats = result
        keep = self.record_id
        self.queue, self.stats = queue, stats
        self.metrics.setText(texts.metrics_line(stats))
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(queue))
        for row, entry in enumerate(queue):
            cells = [entry.get("claim_no") or entry.get("site_name", ""), entry.get("insured_name", ""),
                     entry.get("assigned_to", ""), texts.status_text(entry.get("status", "")), str(entry.get("changes_since_review", "")),
                     str(entry.get("open_conflicts", 0))]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, (entry["kind"], entry["id"]))
                self.table.setItem(row, col, item)
            if entry["id"] == keep:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        if keep and keep in {e["id"] for e in queue}:  # show what changed meanwhile
            if self.kind == "visit":
                self.open_visit(keep)
            else:
                self.open_case(keep)
        elif keep:
            self._show_detail(None)  # decided: it left the queue
        self.loaded.emit()

    def _selection_changed(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        kind, record_id = items[0].data(ID_ROLE)
        if kind == "visit":
            self.open_visit(record_id)
        else:
            self.open_case(record_id)

    def open_case(self, case_id: str) -> None:
        client = self.client
        self.runner.call(lambda: client.get_json(f"/v1/review/cases/{case_id}"), title=tr("Opening the case"),
                         on_done=self._show_detail, quiet=True)

    def open_visit(self, visit_id: str) -> None:
        client = self.client
        self.runner.call(lambda: client.get_json(f"/v1/review/visits/{visit_id}"), title=tr("Opening the visit"),
                         on_done=self._show_detail, quiet=True)

    @property
    def kind(self) -> str:
        """``case`` or ``visit``: what the right side shows."""
        return "visit" if self.detail and "visit" in self.detail else "case"

    @property
    def record_id(self) -> str | None:
        if not self.detail:
            return None
        return str(self.detail["visit" if self.kind == "visit" else "case"]["id"])

    def _show_detail(self, detail: dict[str, Any] | None) -> None:
        self.detail = detail
        self.changes.clear()
        self.conflicts.clear()
        if detail is None:
            self.summary.setText(tr("Select a case in the queue."))
            self._set_enabled(False)
            return
        for conflict in detail["conflicts"]:
            item = QListWidgetItem(texts.conflict_line(conflict))
            item.setData(ID_ROLE, conflict["conflict_id"])
            self.conflicts.addItem(item)
        self._set_enabled(True)
        if self.kind == "visit":
            self.summary.setText(texts.visit_summary(detail))
            for rec in detail["recommendations"]:
                self.changes.addItem(f"{rec['priority']}  {rec['deadline'] or '–'}  {rec['text']}")
            self.amount.clear()
            self.assignee.clear()
            for w in (self.amount, self.assignee, self.assign_button):
                w.setEnabled(False)
            return
        self.summary.setText(texts.summary_line(detail))
        for entry in reversed(detail["changes_since_review"]):
            self.changes.addItem(texts.change_line(entry))
        case = detail["case"]
        self.amount.setText(case.get("approved_amount") or "")
        self.assignee.setText(case.get("assigned_to") or "")

    def _set_enabled(self, on: bool) -> None:
        for w in (self.amount, self.comment, self.assignee, self.approve_button, self.return_button, self.assign_button):
            w.setEnabled(on)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = bool(self.conflicts.selectedItems())
        self.keep_hub.setEnabled(chosen)
        self.keep_device.setEnabled(chosen)

    # -- actions ----------------------------------------------------------------------------------
    def _after(self, case_id: str, what: str, message: str) -> None:
        self.status.setText(message)
        self.decided.emit(case_id, what)
        self.refresh()

    def decide(self, decision: str) -> None:
        """Approve (a case with the amount, if given) or return (the comment is required)."""
        if self.detail is None:
            return
        comment = self.comment.toPlainText().strip()
        if decision == "return" and not comment:
            self.status.setText(tr("Say in the comment what must be fixed before returning it."))
            self.comment.setFocus()
            return
        body: dict[str, Any] = {"decision": decision, "comment": comment}
        if self.kind == "visit":
            record_id = self.detail["visit"]["id"]
            name = (self.detail.get("site") or {}).get("name", "")
            path = f"/v1/review/visits/{record_id}/decision"
        else:
            record_id, name = self.detail["case"]["id"], self.detail["case"]["claim_no"]
            path = f"/v1/review/cases/{record_id}/decision"
            if decision == "approve" and self.amount.text().strip():
                body["amount"] = self.amount.text().strip()
        client = self.client
        message = (tr("{claim} approved.") if decision == "approve" else tr("{claim} returned.")).format(claim=name)
        self.runner.call(lambda: client.post_json(path, body), title=tr("Sending the decision"),
                         on_done=lambda _r: (self.comment.clear(), self._after(record_id, decision, message)))

    def assign(self) -> None:
        if self.detail is None or self.kind != "case" or not self.assignee.text().strip():
            return
        client, case = self.client, self.detail["case"]
        user = self.assignee.text().strip()
        self.runner.call(lambda: client.post_json(f"/v1/review/cases/{case['id']}/assign", {"user": user}),
                         title=tr("Assigning the case"),
                         on_done=lambda _r: self._after(case["id"], "assign",
                                                        tr("{claim} assigned to {user}.").format(claim=case["claim_no"], user=user)))

    def resolve(self, choice: str) -> None:
        items = self.conflicts.selectedItems()
        if self.detail is None or not items:
            return
        conflict_id = items[0].data(ID_ROLE)
        client, record_id = self.client, self.record_id or ""
        self.runner.call(lambda: client.post_json(f"/v1/conflicts/{conflict_id}/resolve", {"choice": choice}),
                         title=tr("Resolving the conflict"),
                         on_done=lambda _r: self._after(record_id, "resolve", tr("Conflict resolved.")))
