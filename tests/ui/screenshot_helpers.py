"""Screenshots in en and zh: a translator that reads the project's glossaries directly (so shots work
before the .qm files are built), the CJK font, and saving a widget grab."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY_DIR = ROOT / "resources" / "translations" / "glossary"
SHOT_DIR = ROOT / "docs" / "screenshots"


class GlossaryTranslator(QTranslator):
    """English source → Chinese from every glossary JSON file, in any context."""

    def __init__(self) -> None:
        super().__init__()
        self.table: dict[str, str] = {}
        for path in sorted(GLOSSARY_DIR.glob("*.json")):
            try:
                self.table.update(json.loads(path.read_text("utf-8")))
            except (OSError, ValueError):
                continue

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self.table.get(source)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt name
        return not self.table


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Install the zh glossary (and Qt's own zh strings) for the block; en installs nothing."""
    app = QCoreApplication.instance()
    installed: list[QTranslator] = []
    if lang == "zh":
        ours = GlossaryTranslator()
        app.installTranslator(ours)
        installed.append(ours)
        qt = QTranslator()
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
        QLocale.setDefault(QLocale("zh_CN"))
    else:
        QLocale.setDefault(QLocale("en_US"))
    try:
        yield
    finally:
        for t in installed:
            app.removeTranslator(t)
        QLocale.setDefault(QLocale("en_US"))


def load_cjk_font() -> None:
    from ui.app import load_fonts

    load_fonts(QApplication.instance())


def save_shot(widget: QWidget, name: str, tmp_dir: Path) -> Path:
    """Grab ``widget``; into docs/screenshots when ADJUSTER_SCREENSHOTS=1, else into ``tmp_dir``."""
    out_dir = SHOT_DIR if os.environ.get("ADJUSTER_SCREENSHOTS") == "1" else tmp_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    pix = widget.grab()
    path = out_dir / name
    assert pix.save(str(path), "PNG"), path
    return path
