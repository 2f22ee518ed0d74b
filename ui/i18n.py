"""UI language: Qt translators loaded from ``resources/translations`` and switched at runtime.

Every visible string goes through :func:`tr` (one translation context, so the glossary maps an
English source to one Chinese text wherever it appears). Installing a translator makes Qt send a
``LanguageChange`` event to every widget; widgets re-set their texts in ``retranslate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from adjuster.resources import resource_path

#: UI languages offered in settings: code → name shown in its own language.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "中文（简体）"}
DEFAULT_LANGUAGE = "zh_CN"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate ``text`` in the application's single context (lupdate collects ``tr("…")``)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def normalize(lang: str | None) -> str:
    """Map loose codes ("zh", "zh-CN", "en_US") to a supported UI language."""
    code = (lang or "").replace("-", "_")
    if code.lower().startswith("zh"):
        return "zh_CN"
    if code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange


def translations_dir() -> str:
    return str(resource_path("translations"))


class Translations(QObject):
    """Owns the installed translators; ``set_language`` swaps them and announces the change."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = "en"
        self._installed: list[QTranslator] = []

    def set_language(self, lang: str) -> bool:
        """Install ``lang``'s translators; returns False when our .qm was not found (English shows)."""
        lang = normalize(lang)
        app = QCoreApplication.instance()
        for old in self._installed:
            app.removeTranslator(old)
        self._installed.clear()
        found = True
        if lang != "en":
            ours = QTranslator(self)
            found = ours.load(f"adjuster_{lang}", translations_dir())
            if found:
                app.installTranslator(ours)
                self._installed.append(ours)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for catalog in (f"qtbase_{lang}", f"qt_{lang}"):  # Qt's own texts (dialog buttons, Undo…)
                qt = QTranslator(self)
                if qt.load(catalog, qt_dir):
                    app.installTranslator(qt)
                    self._installed.append(qt)
                    break
        QLocale.setDefault(QLocale(lang if lang != "en" else "en_US"))
        self.language = lang
        self.changed.emit(lang)
        if not self._installed:
            # Removing the last translator must still make widgets re-read their texts.
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        return found

    def uninstall(self) -> None:
        """Remove our translators (when the app's main() returns inside a longer-lived process)."""
        app = QCoreApplication.instance()
        for old in self._installed:
            app.removeTranslator(old)
        self._installed.clear()
        self.language = "en"
