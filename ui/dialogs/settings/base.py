"""The settings page contract and its registry."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from adjuster.profile import DEFAULT_SETTINGS

_REGISTRY: list[type[SettingsPage]] = []


class CheckError(Exception):
    """A value the page refuses; the dialog shows ``message`` at ``widget`` and keeps the dialog open."""

    def __init__(self, widget: QWidget, message: str) -> None:
        super().__init__(message)
        self.widget, self.message = widget, message


class SettingsPage(QWidget):
    """One page: ``load(settings)``, ``check()`` (raise CheckError), ``save(settings)``,
    ``restore_defaults()``. ``settings`` is the profile's dict; ``app_settings`` a QSettings."""

    name = ""
    order = 100

    def __init__(self, app_settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app_settings = app_settings
        self.form = QFormLayout(self)

    @classmethod
    def title(cls) -> str:
        return cls.name

    def load(self, settings: dict[str, Any]) -> None:
        raise NotImplementedError

    def check(self) -> None:
        """Raise CheckError for a value that cannot be saved."""

    def save(self, settings: dict[str, Any]) -> None:
        raise NotImplementedError

    def restore_defaults(self) -> None:
        self.load(dict(DEFAULT_SETTINGS))


def register_page(cls: type[SettingsPage]) -> type[SettingsPage]:
    if cls not in _REGISTRY:
        _REGISTRY.append(cls)
    return cls


def page_classes() -> list[type[SettingsPage]]:
    from ui.dialogs.settings import pages  # noqa: F401 - registers the built-in pages

    return sorted(_REGISTRY, key=lambda c: c.order)
