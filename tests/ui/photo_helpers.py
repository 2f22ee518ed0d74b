"""Shared bits for the photo UI tests: synthetic JPEGs with EXIF, a case, drops onto a widget."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from adjuster.domain.models import Case

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "photos"


def make_jpeg(path: Path, *, taken: str | None = None, size: tuple[int, int] = (640, 480),
              color: tuple[int, int, int] = (200, 60, 40)) -> Path:
    """A real JPEG; ``taken`` ("2024:05:01 10:00:00") goes into EXIF DateTimeOriginal."""
    img = Image.new("RGB", size, color)
    for x in range(0, size[0], 40):  # some structure so JPEG is not trivially flat
        for y in range(size[1]):
            img.putpixel((x, y), (255, 255, 255))
    exif = Image.Exif()
    if taken:
        exif[0x8769] = {0x9003: taken}
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=85, exif=exif)
    return path


def make_case(store: Any, claim_no: str = "CLM-2024-001") -> Case:
    return store.cases.create(Case(claim_no=claim_no, insured_name="Test Insured",
                                   loss_date=dt.date(2024, 5, 1)))


def drop_paths(widget: QWidget, paths: list[Path]) -> bool:
    """Drag files over ``widget`` and drop them, as a file manager would; returns drop acceptance."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(widget.rect().center())
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()
