"""Reading derivatives from the media store into QImages — called in worker threads only.

QImage (unlike QPixmap) is safe to build off the UI thread; the UI converts it to a QPixmap when it
arrives, which for a 256 px thumbnail takes well under a frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

THUMB = "thumb"
VIEW = "view"


def load_derivative(media: Any, sha256: str, kind: str) -> QImage:
    """Ask the media store for the orientation-corrected derivative and decode it.

    ``MediaStore.derivative`` builds the cached file on first use (in this worker thread) and
    returns its path; bytes are accepted too.
    """
    result = media.derivative(sha256, kind)
    image = QImage()
    if isinstance(result, bytes | bytearray):
        image.loadFromData(bytes(result))
    else:
        image.load(str(Path(result)))
    if image.isNull():
        raise OSError(f"cannot decode the {kind} image of {sha256[:12]}")
    return image
