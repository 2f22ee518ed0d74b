"""The settings dialog: a page list on the left, the page on the right; OK checks every page,
shows a refusal at its field, and saves all pages only when all pass."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from adjuster.profile import Profile
from ui.dialogs.settings.base import CheckError, SettingsPage, page_classes
from ui.i18n import tr


class SettingsDialog(QDialog):
    """``apply()`` is what OK does; returns True when the settings were saved."""

    def __init__(self, profile: Profile, app_settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.setWindowTitle(tr("Settings"))
        self.resize(640, 360)
        self.pages: list[SettingsPage] = [cls(app_settings) for cls in page_classes()]
        v = QVBoxLayout(self)
        h = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("settingsPages")
        self.list.setMaximumWidth(160)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.list.addItem(page.title())
            self.stack.addWidget(page)
        h.addWidget(self.list)
        h.addWidget(self.stack, 1)
        v.addLayout(h, 1)
        self.error = QLabel()
        self.error.setObjectName("settingsError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()
        v.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self.pages[self.stack.currentIndex()].restore_defaults())
        v.addWidget(buttons)
        self.list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.list.setCurrentRow(0)
        settings = dict(profile.settings)
        settings["_profile_root"] = str(profile.root)
        for page in self.pages:
            page.load(settings)

    def page(self, name: str) -> SettingsPage:
        return next(p for p in self.pages if p.name == name)

    def apply(self) -> bool:
        for i, page in enumerate(self.pages):
            try:
                page.check()
            except CheckError as err:
                self.list.setCurrentRow(i)
                self.error.setText(err.message)
                self.error.show()
                err.widget.setStyleSheet("border: 1px solid #c0392b;")
                err.widget.setToolTip(err.message)
                err.widget.setFocus()
                return False
            for w in page.findChildren(QWidget):
                if w.toolTip():
                    w.setStyleSheet("")
                    w.setToolTip("")
        for page in self.pages:
            page.save(self.profile.settings)
        self.profile.settings.pop("_profile_root", None)
        self.profile.save_settings()
        self.error.hide()
        return True

    def _ok(self) -> None:
        if self.apply():
            self.accept()
