"""What every view needs from the running app, passed down instead of reached for globally."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from adjuster.profile import Profile
from ui.i18n import Translations
from ui.undo import Edits
from ui.workers import JobRunner


class StoreEvents(QObject):
    """Re-emits the store's after-commit notifications as a Qt signal on the UI thread.

    The store calls listeners on whichever thread committed (a photo import commits in a worker);
    a signal emitted from there is queued to the UI thread by Qt.
    """

    changed = Signal(object)  # frozenset of entity names

    def __init__(self, store: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = store.subscribe(self.changed.emit)

    def close(self) -> None:
        self._unsubscribe()


@dataclass
class AppContext:
    profile: Profile
    store: Any
    media: Any
    runner: JobRunner
    edits: Edits
    translations: Translations
    events: StoreEvents

    @property
    def ui_lang(self) -> str:
        return self.translations.language

    def report_path(self, report: Any) -> Path | None:
        """Where a generated report's PDF is on disk (absolute, or relative to the profile)."""
        if report is None or not getattr(report, "path", ""):
            return None
        p = Path(report.path)
        if not p.is_absolute():
            p = self.profile.root / p
        return p
