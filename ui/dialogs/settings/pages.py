"""The built-in settings pages: user, company, reports, data, interface."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.dialogs.settings.base import CheckError, SettingsPage, register_page
from ui.i18n import LANGUAGES, normalize, tr

LOGO_SUFFIXES = {".png", ".jpg", ".jpeg"}


def _browse_row(edit: QLineEdit, on_click: Any) -> QWidget:
    box = QWidget()
    h = QHBoxLayout(box)
    h.setContentsMargins(0, 0, 0, 0)
    h.addWidget(edit, 1)
    btn = QPushButton(tr("Browse…"))
    btn.clicked.connect(on_click)
    h.addWidget(btn)
    return box


@register_page
class UserPage(SettingsPage):
    name = "user"
    order = 10

    @classmethod
    def title(cls) -> str:
        return tr("User")

    def __init__(self, app_settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(app_settings, parent)
        self.user_name = QLineEdit()
        self.user_name.setObjectName("settingUserName")
        self.form.addRow(tr("Your name"), self.user_name)
        hint = QLabel(tr("Recorded as the author of every change and printed on reports."))
        hint.setWordWrap(True)
        self.form.addRow("", hint)

    def load(self, settings: dict[str, Any]) -> None:
        self.user_name.setText(str(settings.get("user_name") or ""))

    def check(self) -> None:
        if not self.user_name.text().strip():
            raise CheckError(self.user_name, tr("Please enter your name."))

    def save(self, settings: dict[str, Any]) -> None:
        settings["user_name"] = self.user_name.text().strip()


@register_page
class CompanyPage(SettingsPage):
    name = "company"
    order = 20

    @classmethod
    def title(cls) -> str:
        return tr("Company")

    def __init__(self, app_settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(app_settings, parent)
        self.company_name = QLineEdit()
        self.company_name.setObjectName("settingCompanyName")
        self.logo = QLineEdit()
        self.logo.setObjectName("settingLogo")
        self.form.addRow(tr("Company name"), self.company_name)
        self.form.addRow(tr("Logo (PNG or JPEG)"), _browse_row(self.logo, self._browse))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose a logo"), "", tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.logo.setText(path)

    def load(self, settings: dict[str, Any]) -> None:
        self.company_name.setText(str(settings.get("company_name") or ""))
        self.logo.setText(str(settings.get("company_logo") or ""))

    def check(self) -> None:
        logo = self.logo.text().strip()
        if logo:
            p = Path(logo).expanduser()
            if not p.is_file():
                raise CheckError(self.logo, tr("The logo file does not exist."))
            if p.suffix.lower() not in LOGO_SUFFIXES:
                raise CheckError(self.logo, tr("The logo must be a PNG or JPEG file."))

    def save(self, settings: dict[str, Any]) -> None:
        settings["company_name"] = self.company_name.text().strip()
        settings["company_logo"] = self.logo.text().strip()


@register_page
class ReportsPage(SettingsPage):
    name = "reports"
    order = 30

    @classmethod
    def title(cls) -> str:
        return tr("Reports")

    def __init__(self, app_settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(app_settings, parent)
        self.report_lang = QComboBox()
        self.report_lang.setObjectName("settingReportLang")
        for code, text in (("zh", tr("Chinese")), ("en", tr("English")), ("both", tr("Bilingual"))):
            self.report_lang.addItem(text, code)
        self.per_page = QComboBox()
        self.per_page.setObjectName("settingPhotosPerPage")
        for n in (2, 4, 6):
            self.per_page.addItem(str(n), n)
        self.form.addRow(tr("Default report language"), self.report_lang)
        self.form.addRow(tr("Photos per page"), self.per_page)

    def load(self, settings: dict[str, Any]) -> None:
        self.report_lang.setCurrentIndex(max(0, self.report_lang.findData(settings.get("report_lang", "zh"))))
        self.per_page.setCurrentIndex(max(0, self.per_page.findData(int(settings.get("photos_per_page") or 4))))

    def save(self, settings: dict[str, Any]) -> None:
        settings["report_lang"] = self.report_lang.currentData()
        settings["photos_per_page"] = int(self.per_page.currentData())


@register_page
class DataPage(SettingsPage):
    """The profile folder used when no --data-dir is given; takes effect at the next start."""

    name = "data"
    order = 40

    @classmethod
    def title(cls) -> str:
        return tr("Data")

    def __init__(self, app_settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(app_settings, parent)
        self.data_dir = QLineEdit()
        self.data_dir.setObjectName("settingDataDir")
        self.form.addRow(tr("Data directory"), _browse_row(self.data_dir, self._browse))
        hint = QLabel(tr("Database, photos and reports live here. A change takes effect at the next start; "
                         "files are not moved."))
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.current = ""

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Choose the data directory"), self.data_dir.text())
        if folder:
            self.data_dir.setText(folder)

    def load(self, settings: dict[str, Any]) -> None:
        stored = self.app_settings.value("data_dir", "") if self.app_settings is not None else ""
        self.current = str(settings.get("_profile_root") or "")
        self.data_dir.setText(str(stored or self.current))

    def check(self) -> None:
        text = self.data_dir.text().strip()
        if not text:
            raise CheckError(self.data_dir, tr("Please choose a folder."))
        p = Path(text).expanduser()
        if p.exists() and not p.is_dir():
            raise CheckError(self.data_dir, tr("This is a file, not a folder."))

    def save(self, settings: dict[str, Any]) -> None:
        if self.app_settings is not None:
            self.app_settings.setValue("data_dir", self.data_dir.text().strip())

    def restore_defaults(self) -> None:
        from adjuster.profile import default_data_dir

        self.data_dir.setText(str(default_data_dir()))


@register_page
class InterfacePage(SettingsPage):
    name = "interface"
    order = 50

    @classmethod
    def title(cls) -> str:
        return tr("Interface")

    def __init__(self, app_settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(app_settings, parent)
        self.ui_lang = QComboBox()
        self.ui_lang.setObjectName("settingUiLang")
        for code, name in LANGUAGES.items():
            self.ui_lang.addItem(name, code)
        self.form.addRow(tr("Language of the interface"), self.ui_lang)

    def load(self, settings: dict[str, Any]) -> None:
        self.ui_lang.setCurrentIndex(max(0, self.ui_lang.findData(normalize(settings.get("ui_lang")))))

    def save(self, settings: dict[str, Any]) -> None:
        settings["ui_lang"] = self.ui_lang.currentData()
