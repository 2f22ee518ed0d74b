"""Status and sync badges: translated labels and small coloured dots, cached per colour."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ui.i18n import tr

STATUS_COLOURS = {
    "draft": "#8a8f98",
    "submitted": "#2f7ed8",
    "in_review": "#8e44ad",
    "approved": "#27ae60",
    "returned": "#e67e22",
    "closed": "#34495e",
    "withdrawn": "#b0b0b0",
}
SYNC_COLOURS = {"pending": "#e67e22", "synced": "#27ae60"}


def status_label(status: str) -> str:
    """The case status in the UI language (the stored value stays the English key)."""
    labels = {
        "draft": tr("Draft"),
        "submitted": tr("Submitted"),
        "in_review": tr("In review"),
        "approved": tr("Approved"),
        "returned": tr("Returned"),
        "closed": tr("Closed"),
        "withdrawn": tr("Withdrawn"),
    }
    return labels.get(status, status)


def visit_status_label(status: str) -> str:
    labels = {
        "draft": tr("Draft"),
        "submitted": tr("Submitted"),
        "approved": tr("Approved"),
        "returned": tr("Returned"),
        "closed": tr("Closed"),
    }
    return labels.get(status, status)


def sync_label(pending: bool) -> str:
    return tr("Not synced") if pending else tr("Synced")


@cache
def dot(colour: str, size: int = 12) -> QIcon:
    """A filled circle icon used as a badge in list cells."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pix)


def status_icon(status: str) -> QIcon:
    return dot(STATUS_COLOURS.get(status, "#999999"))


def sync_icon(pending: bool) -> QIcon:
    return dot(SYNC_COLOURS["pending" if pending else "synced"])
