"""Application start: QApplication, the shipped CJK font, translations, the profile, the main window.

``main(argv, data_dir=...)`` is what ``adjuster gui`` calls. Start-up order matters for speed: the
window is shown before anything not needed for the first paint is imported.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from adjuster.domain.errors import AdjusterError
from adjuster.profile import Profile
from adjuster.resources import resource_path
from ui.context import AppContext, StoreEvents
from ui.i18n import Translations, normalize
from ui.undo import Edits
from ui.workers import JobRunner

APP_NAME = "Adjuster"
CJK_FONT = ("fonts", "wqy-microhei.ttc")
#: automated run checks: quit cleanly this many ms after the first screen is shown
EXIT_AFTER_ENV = "ADJUSTER_GUI_EXIT_AFTER_MS"
_T0 = time.perf_counter()


def load_fonts(app: QGuiApplication) -> list[str]:
    """Register the shipped CJK font and make it the fallback after the platform's UI font, so
    Chinese text shows even on a machine with no CJK font installed."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*CJK_FONT)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        base = app.font()
        font = QFont(base)
        font.setFamilies([base.family(), *families])
        app.setFont(font)
        for fam in {base.family(), "Sans Serif", "DejaVu Sans"}:
            QFont.insertSubstitutions(fam, families)
    return families


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (32, 64, 256):
        p = resource_path("icons", f"adjuster-{size}.png")
        if p.exists():
            icon.addFile(str(p))
    return icon


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists, as under pytest-qt) with name, icon and fonts."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    load_fonts(app)
    return app


def app_settings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


def resolve_data_dir(data_dir: str | os.PathLike[str] | None, settings: QSettings | None = None) -> Path | None:
    """--data-dir, then ADJUSTER_HOME, then the folder chosen in Settings, then the default."""
    if data_dir:
        return Path(data_dir)
    if os.environ.get("ADJUSTER_HOME"):
        return None  # Profile.at reads it
    chosen = settings.value("data_dir", "") if settings is not None else ""
    return Path(str(chosen)) if chosen else None


def build_context(profile: Profile, store: Any, media: Any, translations: Translations) -> AppContext:
    runner = JobRunner()
    edits = Edits(store)
    return AppContext(profile=profile, store=store, media=media, runner=runner, edits=edits,
                      translations=translations, events=StoreEvents(store))


def open_profile(profile: Profile, *, ask: bool = True) -> tuple[Profile, Any, bool] | None:
    """Open the profile's store; on failure show why and offer another profile (None = quit).

    Returns (profile, store, created): ``created`` is True when the database was made just now
    (first start: the welcome screen).
    """
    from ui.dialogs.db_error import DatabaseErrorDialog

    while True:
        try:
            new = profile.is_new
            return profile, profile.open_store(), new
        except AdjusterError as err:
            if not ask:
                raise
            dlg = DatabaseErrorDialog(str(err), str(profile.root))
            accepted = dlg.exec() == QDialog.DialogCode.Accepted and bool(dlg.chosen_dir)
            chosen = dlg.chosen_dir
            dlg.deleteLater()
            if not accepted:
                return None
            profile = Profile.at(chosen)


def _report_first_paint(app: QApplication, window: Any) -> None:
    """Benchmark hook (bench/ui.py): print when the window has been painted, then quit."""
    from PySide6.QtCore import QTimer

    def done() -> None:
        window.repaint()
        print(f"shown {time.perf_counter() - _T0:.4f}", flush=True)
        if os.environ.get("ADJUSTER_STARTUP_TIMING") == "quit":
            app.quit()

    QTimer.singleShot(0, done)


def exit_after_ms() -> int | None:
    """``ADJUSTER_GUI_EXIT_AFTER_MS`` as a number of milliseconds, or None when unset or not a number."""
    raw = os.environ.get(EXIT_AFTER_ENV, "").strip()
    if not raw:
        return None
    try:
        return max(0, int(raw))
    except ValueError:
        print(f"adjuster gui: ignoring {EXIT_AFTER_ENV}={raw!r} (not a whole number of milliseconds)",
              file=sys.stderr, flush=True)
        return None


def quit_when_shown(what: str, ms: int, quit_now: Any) -> None:
    """Once the event loop shows the screen, say so on stdout, then call ``quit_now`` after ``ms``
    (what a headless check waits for: the app got as far as its first screen and left cleanly)."""
    from PySide6.QtCore import QTimer

    def shown() -> None:
        print(f"adjuster gui: {what} shown", flush=True)
        QTimer.singleShot(ms, quit_now)

    QTimer.singleShot(0, shown)


def main(argv: list[str] | None = None, *, data_dir: str | os.PathLike[str] | None = None,
         lock: bool = True, show_welcome: bool = True) -> int:
    """Run the desktop app; returns the exit code."""

    app = create_application(argv)
    settings = app_settings()
    profile = Profile.at(resolve_data_dir(data_dir, settings))
    translations = Translations(app)
    translations.set_language(normalize(profile.settings.get("ui_lang")))
    try:
        return _run(app, settings, profile, translations, lock=lock, show_welcome=show_welcome)
    finally:
        translations.uninstall()
        translations.deleteLater()


def _run(app: QApplication, settings: QSettings, profile: Profile, translations: Translations, *,
         lock: bool, show_welcome: bool) -> int:
    from adjuster.profile import GuiLock

    opened = open_profile(profile)
    if opened is None:
        return 1
    profile, store, first_start = opened
    gui_lock = GuiLock(profile)
    if lock:
        try:
            gui_lock.acquire()
        except AdjusterError as err:  # another window has this profile (e.g. one chosen after a DB error)
            from PySide6.QtWidgets import QMessageBox

            from ui.i18n import tr

            store.close()
            QMessageBox.warning(None, tr("Adjuster is already open"), str(err))
            return 1
    exit_ms = exit_after_ms()
    media: Any = None
    ctx: AppContext | None = None
    window: Any = None
    try:
        media = profile.open_media()
        ctx = build_context(profile, store, media, translations)
        if first_start and show_welcome:
            from ui.dialogs.welcome import WelcomeDialog

            welcome = WelcomeDialog(profile, ctx.runner)
            leaving: list[bool] = []
            if exit_ms is not None:
                quit_when_shown("welcome", exit_ms, lambda: (leaving.append(True), welcome.reject()))
            welcome.exec()
            welcome.deleteLater()
            if leaving:
                return 0
        from ui.main_window import MainWindow

        window = MainWindow(ctx, settings)
        window.show()
        if os.environ.get("ADJUSTER_STARTUP_TIMING"):
            _report_first_paint(app, window)
        if exit_ms is not None:
            window.confirm_close = lambda _running: True  # nobody is there to answer
            quit_when_shown("main window", exit_ms, lambda: (window.close(), app.quit()))
        return int(app.exec())
    finally:
        _shut_down(ctx, window, media, store)
        gui_lock.release()


def _shut_down(ctx: AppContext | None, window: Any, media: Any, store: Any) -> None:
    """Stop the jobs, drop the window, then close the store: no late event may reach a view of a
    closed store."""
    if ctx is not None:
        ctx.runner.cancel_all()
        ctx.runner.wait(10_000)
    if window is not None:
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if ctx is not None:
        ctx.events.close()
    close = getattr(media, "close", None)
    if close:
        close()
    store.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv))
