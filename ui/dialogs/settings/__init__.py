"""Settings dialog built from small registered pages (Picard's options idea): each page loads,
checks and saves its own values; adding a page touches no other file than ``pages.py``."""

from ui.dialogs.settings.base import CheckError, SettingsPage, page_classes, register_page
from ui.dialogs.settings.dialog import SettingsDialog

__all__ = ["CheckError", "SettingsDialog", "SettingsPage", "page_classes", "register_page"]
