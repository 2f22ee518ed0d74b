"""Import progress bar with Cancel, and the per-file result list (imported / duplicate / rejected).

It sits under the grid instead of in a modal dialog, so the user keeps working while a card's
worth of photos is copied in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr


def warning_text(warning: str) -> str:
    """An import warning in the UI language (the core's warnings are English sentences without a
    code; the known shapes are matched, anything else is shown as it is)."""
    import re

    rules: list[tuple[str, Any]] = [
        (r"^no capture time in the photo; file time used$", lambda m: tr("no capture time in the photo; the file's time is used")),
        (r"^no capture time in the photo$", lambda m: tr("no capture time in the photo")),
        (r"^EXIF unreadable", lambda m: tr("EXIF data unreadable; imported without it")),
        (r"^invalid EXIF orientation (\S+); treated as 1$", lambda m: tr("invalid EXIF orientation {n}; shown as taken").format(n=m[1])),
        (r"^camera make/model unreadable$", lambda m: tr("camera make and model unreadable")),
        (r"^EXIF sub-IFD unreadable$", lambda m: tr("part of the EXIF data is unreadable")),
        (r"^GPS block unreadable", lambda m: tr("GPS data unreadable; no position recorded")),
        (r"^damaged image data", lambda m: tr("damaged image data: parts of the picture may be grey or shifted")),
    ]
    for pattern, render in rules:
        m = re.search(pattern, warning)
        if m:
            return str(render(m))
    return warning


def reason_text(code: str, reason: str) -> str:
    """The rejection reason in the UI language (by the core's stable code); the core's own English
    sentence is kept for the tooltip."""
    known = {
        "zero_byte": tr("empty file (0 bytes)"),
        "truncated": tr("the file is truncated (incomplete copy)"),
        "corrupt": tr("the image data is damaged"),
        "not_image": tr("not a photo"),
        "unsupported": tr("file type not supported"),
        "bomb": tr("image too large (possible decompression bomb)"),
        "unreadable": tr("cannot be read"),
        "directory": tr("is a folder"),
        "symlink_loop": tr("symbolic link loop"),
        "not_found": tr("file not found"),
        "changed": tr("the file changed while being imported; try again"),
        "store_failed": tr("could not be stored (disk full?)"),
        "cancelled": tr("not imported: the import was cancelled"),
    }
    return known.get(code, reason)


STATUS_COLORS = {"imported": "#1b7f3b", "duplicate": "#7a6a00", "rejected": "#b3261e", "cancelled": "#666666"}


class ImportPanel(QWidget):
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(True)
        self.label = QLabel(self)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.hide)
        self.results = QTreeWidget(self)
        self.results.setObjectName("importResults")
        self.results.setRootIsDecorated(False)
        self.results.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.results.header().setStretchLastSection(True)
        self.results.setColumnWidth(0, 260)
        self.results.setColumnWidth(1, 90)
        self.results.setMaximumHeight(180)
        top = QHBoxLayout()
        top.addWidget(self.bar, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.label)
        layout.addWidget(self.results)
        self._last: tuple[str, Any] = ("", None)
        #: hide after an import where every file went in (embedded grids keep their space)
        self.hide_when_clean = False
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.cancel_button.setText(tr("Cancel import"))
        self.close_button.setText(tr("Hide results"))
        self.results.setHeaderLabels([tr("File"), tr("Result"), tr("Reason")])
        kind, arg = self._last
        hidden = self.isHidden()
        if kind == "finish":
            self.finish(arg[0], cancelled=arg[1])
        elif kind == "fail":
            self.fail(arg)
        self.setHidden(hidden)

    def status_text(self, status: str) -> str:
        return {
            "imported": tr("imported"),
            "duplicate": tr("duplicate"),
            "rejected": tr("rejected"),
            "cancelled": tr("cancelled"),
        }.get(status, status)

    def start(self) -> None:
        self.results.clear()
        self.results.hide()
        self.bar.setRange(0, 0)  # busy until the folder walk reports a total
        self.label.setText(tr("Looking for photos…"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.close_button.hide()
        self.show()

    def set_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(tr("Importing {} of {} files…").format(done, total))

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(tr("Cancelling — files already started will finish…"))
        self.cancelRequested.emit()

    def finish(self, results: Sequence[Any], *, cancelled: bool = False) -> None:
        """Show one row per file; failures first so they are seen."""
        self._last = ("finish", (results, cancelled))
        counts: dict[str, int] = {}
        order = {"rejected": 0, "cancelled": 1, "duplicate": 2, "imported": 3}
        self.results.clear()
        for res in sorted(results, key=lambda r: order.get(r.status, 9)):
            counts[res.status] = counts.get(res.status, 0) + 1
            detail = res.reason or "; ".join(res.warnings)
            if res.code:
                reason = reason_text(res.code, detail)
            else:
                reason = res.reason or "; ".join(warning_text(w) for w in res.warnings)
            row = QTreeWidgetItem([Path(res.path).name or str(res.path), self.status_text(res.status), reason])
            row.setData(0, Qt.ItemDataRole.UserRole, res.status)
            row.setData(0, Qt.ItemDataRole.UserRole + 1, str(res.path))
            row.setToolTip(0, str(res.path))
            row.setToolTip(2, detail)
            row.setForeground(1, QColor(STATUS_COLORS.get(res.status, "#000000")))
            self.results.addTopLevelItem(row)
        total = len(results)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(total)
        summary = tr("{} imported, {} duplicates, {} rejected").format(
            counts.get("imported", 0), counts.get("duplicate", 0), counts.get("rejected", 0))
        if cancelled or counts.get("cancelled"):
            summary += tr(", {} not imported (cancelled)").format(counts.get("cancelled", 0))
        self.label.setText(summary)
        self.cancel_button.hide()
        self.close_button.show()
        self.results.setVisible(total > 0)
        clean = total > 0 and all(r.status in ("imported", "duplicate") for r in results)
        self.setVisible(not (self.hide_when_clean and clean))

    def fail(self, message: str) -> None:
        self._last = ("fail", message)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.label.setText(tr("Import failed: {}").format(message))
        self.cancel_button.hide()
        self.close_button.show()
        self.show()

    def rows(self) -> list[tuple[str, str, str]]:
        """(path, status, reason) of every listed file — what tests and the log read."""
        out = []
        for i in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(i)
            out.append((str(item.data(0, Qt.ItemDataRole.UserRole + 1)), str(item.data(0, Qt.ItemDataRole.UserRole)),
                        item.text(2)))
        return out
