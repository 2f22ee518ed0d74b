"""Dialogs that link the profile to a hub: "Connect to hub…" (the device's enrolment, for Sync) and
"Back office…" (a reviewer's token or code, for the review queue). The hub is asked in a worker;
what it refuses is shown in the dialog, which stays open with what was typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from adjuster.domain.errors import ValidationError
from ui.i18n import tr
from ui.views.review import links
from ui.views.review.texts import hub_error

ERROR_STYLE = "color: #c0392b;"


class _HubDialog(QDialog):
    """URL + a secret; ``submit()`` validates and starts ``work(url, secret)`` in the runner."""

    connected = Signal(dict)  # the hub's answer (user, role, …; never a token for the device link)

    def __init__(self, runner: Any, profile: Any, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.profile = runner, profile
        self.job: Any = None
        self.answer: dict[str, Any] | None = None
        self.setMinimumWidth(480)
        v = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        v.addWidget(self.intro)
        form = QFormLayout()
        self.url = QLineEdit(url)
        self.url.setObjectName("hubUrl")
        self.url.setPlaceholderText("http://hub.example:8765")
        self.secret = QLineEdit()
        self.secret.setObjectName("hubSecret")
        self.url_label, self.secret_label = QLabel(), QLabel()
        form.addRow(self.url_label, self.url)
        form.addRow(self.secret_label, self.secret)
        v.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("hubError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        v.addWidget(self.error)
        # our own buttons: a standard button's text is reset by Qt on a language change
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        v.addWidget(self.buttons)
        (self.secret if url else self.url).setFocus()

    def work(self, url: str, secret: str) -> dict[str, Any]:
        raise NotImplementedError

    def _say(self, text: str, *, error: bool) -> None:
        self.error.setStyleSheet(ERROR_STYLE if error else "")
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def submit(self) -> bool:
        """Check what was typed, then ask the hub in the background; False when refused here."""
        if self.job is not None:
            return False
        try:
            url = links.clean_url(self.url.text())
        except ValidationError:
            self._say(tr("Enter the hub's address, e.g. http://hub.example:8765"), error=True)
            self.url.setFocus()
            return False
        secret = self.secret.text().strip()
        if not secret:
            self._say(tr("Enter the code the office gave you."), error=True)
            self.secret.setFocus()
            return False
        self.url.setText(url)
        self._busy(True)
        self._say(tr("Connecting to {url}…").format(url=url), error=False)
        self.job = self.runner.run(lambda _p, _t: self.work(url, secret), title=tr("Connecting to the hub"),
                                   on_done=self._done, on_failed=lambda err: self._failed(err, url),
                                   cancellable=False, show_error=False)
        return True

    def _busy(self, on: bool) -> None:
        for w in (self.url, self.secret, self.ok):
            w.setEnabled(not on)

    def _done(self, answer: dict[str, Any]) -> None:
        self.job = None
        self.answer = answer
        self.connected.emit(answer)
        self.accept()

    def _failed(self, err: BaseException, url: str) -> None:
        self.job = None
        self._busy(False)
        self._say(hub_error(err, url), error=True)
        self.secret.setFocus()
        self.secret.selectAll()

    def reject(self) -> None:
        if self.job is not None:
            return  # the hub is being asked; its answer must land somewhere
        super().reject()


class ConnectDialog(_HubDialog):
    """Enrol this device with a hub (``adjuster.sync.client.enrol_profile``) so Sync can run."""

    def __init__(self, runner: Any, profile: Any, parent: QWidget | None = None) -> None:
        super().__init__(runner, profile, str(profile.settings.get("hub_url") or ""), parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(tr("Connect to hub"))
        self.intro.setText(tr("Enter the hub's address and the one-time enrolment code from the office. "
                              "This computer then syncs its cases and visits with the hub."))
        self.url_label.setText(tr("Hub address"))
        self.secret_label.setText(tr("Enrolment code"))
        self.secret.setPlaceholderText("ABCD-EFGH-JKLM")

    def work(self, url: str, secret: str) -> dict[str, Any]:
        from adjuster.profile import Profile
        from adjuster.sync.client import enrol_profile

        # A fresh Profile: enrol_profile writes settings, and the UI thread's dict is not touched here.
        return {**enrol_profile(Profile.at(self.profile.root), url, secret), "url": url}


class BackOfficeDialog(_HubDialog):
    """Link the back office: a reviewer's token, or an enrolment code issued for a reviewer."""

    def __init__(self, runner: Any, profile: Any, parent: QWidget | None = None, *, note: str = "") -> None:
        url = str(profile.settings.get("office_hub_url") or profile.settings.get("hub_url") or "")
        super().__init__(runner, profile, url, parent)
        self.setObjectName("backOfficeDialog")
        self.setWindowTitle(tr("Back office"))
        intro = tr("The review queue needs a reviewer's or an admin's access to the hub. Enter the hub's "
                   "address and a reviewer's token or enrolment code.")
        self.intro.setText(f"{note}\n\n{intro}" if note else intro)
        self.url_label.setText(tr("Hub address"))
        self.secret_label.setText(tr("Token or code"))
        self.secret.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)

    def work(self, url: str, secret: str) -> dict[str, Any]:
        return links.connect_office(self.profile.root, url, secret)
