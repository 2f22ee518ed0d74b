"""The back-office page of the main window: who is connected to which hub, and the review panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import is_language_change, tr
from ui.views.review.panel import ReviewPanel
from ui.views.review.texts import role_label


class BackOfficePage(QWidget):
    """``ReviewPanel`` over ``client`` with a header line; ``reconnect_requested`` asks for another link."""

    reconnect_requested = Signal()

    def __init__(self, runner: Any, client: Any, user: str, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOffice")
        self.client, self.user, self.role = client, user, role
        self.header = QLabel()
        self.header.setObjectName("backOfficeHeader")
        self.reconnect = QPushButton()
        self.reconnect.clicked.connect(self.reconnect_requested)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.reconnect)
        self.panel = ReviewPanel(runner, client, self)
        v = QVBoxLayout(self)
        v.setContentsMargins(6, 6, 6, 6)
        v.addLayout(top)
        v.addWidget(self.panel, 1)
        self.retranslate()

    def retranslate(self) -> None:
        who = f"{self.user} ({role_label(self.role)})" if self.role else (self.user or "–")
        self.header.setText(tr("Back office · {url} · {who}").format(url=self.client.base_url, who=who))
        self.reconnect.setText(tr("Connect to another hub…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def close_client(self) -> None:
        self.client.close()
