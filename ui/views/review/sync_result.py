"""The result of a sync round: what was sent, received and conflicted, what the hub refused or
keeps waiting (with its reasons), and warnings. Non-modal; the app stays usable behind it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr
from ui.views.review.texts import core_text

MAX_LISTED = 50
MAX_ROWS_SHOWN = 8


class SyncResultDialog(QDialog):
    """``show_report(report)`` after a round, ``show_failure(text)`` when it failed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncResult")
        self.setWindowTitle(tr("Sync"))
        self.setMinimumWidth(440)
        v = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setObjectName("syncHeadline")
        self.headline.setWordWrap(True)
        f = self.headline.font()
        f.setBold(True)
        self.headline.setFont(f)
        v.addWidget(self.headline)
        self.form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key in ("sent", "received", "conflicts", "rejected", "held"):
            value = QLabel()
            value.setObjectName(f"sync_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            self.form.addRow(QLabel(), value)
        v.addLayout(self.form)
        self.details = QListWidget()
        self.details.setObjectName("syncDetails")
        self.details.setWordWrap(True)
        v.addWidget(self.details, 1)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        v.addWidget(self.hint)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        labels = {"sent": tr("Sent"), "received": tr("Received"), "conflicts": tr("Conflicts"),
                  "rejected": tr("Refused by the hub"), "held": tr("Waiting on the hub")}
        for key, text in labels.items():
            label = self.form.labelForField(self.values[key])
            assert isinstance(label, QLabel)
            label.setText(text)

    def _rows(self, visible: bool) -> None:
        for value in self.values.values():
            self.form.setRowVisible(value, visible)

    def show_report(self, report: Any) -> None:
        """Fill in a SyncReport (``adjuster.sync.syncer``)."""
        self._rows(True)
        trouble = bool(report.conflicts or report.rejected or report.held or report.warnings)
        self.headline.setText(tr("Sync finished in {s:.1f} s.").format(s=report.seconds) if not trouble
                              else tr("Sync finished; some changes need your attention."))
        v = self.values
        v["sent"].setText(_counts(report.sent_ops, report.sent_blobs))
        v["received"].setText(_counts(report.received, report.received_blobs))
        v["conflicts"].setText(str(report.conflicts))
        v["rejected"].setText(str(len(report.rejected)))
        v["held"].setText(str(len(report.held)))
        self.details.clear()
        for label, entries in ((tr("Refused"), report.rejected), (tr("Waiting"), report.held)):
            for op_id, reason in list(entries.items())[:MAX_LISTED]:
                self.details.addItem(f"{label}: {core_text(reason)}  ({op_id[:8]})")
        kept = sorted({f for fields in report.refused_fields.values() for f in fields})
        if kept:
            from ui.labels import field_name

            self.details.addItem(tr("Kept by the office, not changed here: {fields}").format(
                fields=", ".join(field_name(f) for f in kept)))
        for text in report.warnings:
            self.details.addItem(tr("Warning: {text}").format(text=core_text(text)))
        self.details.setVisible(self.details.count() > 0)
        if self.details.count():
            rows = min(self.details.count(), MAX_ROWS_SHOWN)
            self.details.setFixedHeight(self.details.sizeHintForRow(0) * rows + 2 * self.details.frameWidth() + 4)
        hints = []
        if report.conflicts:
            hints.append(tr("Both sides changed the same field: the office settles conflicts in the back office; "
                            "nothing was overwritten."))
        if report.rejected:
            hints.append(tr("Refused changes stay on this computer; the reasons are listed above."))
        self.hint.setText("\n".join(hints))
        self.hint.setVisible(bool(hints))
        self.adjustSize()

    def show_failure(self, text: str) -> None:
        self._rows(False)
        self.headline.setText(tr("Sync failed."))
        self.details.clear()
        self.details.hide()
        self.hint.setText(text + "\n" + tr("Nothing was lost: your changes stay on this computer until a sync succeeds."))
        self.hint.show()
        self.adjustSize()


def _counts(changes: int, photos: int) -> str:
    return tr("%n change(s)", "", changes) + ", " + tr("%n photo(s)", "", photos)
