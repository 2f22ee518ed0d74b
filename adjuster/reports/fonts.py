"""The one font every report uses, shipped in ``resources/fonts`` so Chinese renders anywhere.

WenQuanYi Micro Hei is a TrueType-outline CJK font (Apache-2.0 / GPLv3 with font exception), so
reportlab can embed a subset of it; CFF fonts (Noto/Source Han CJK) do not load and the built-in
CID fonts are not embedded. Its Latin glyphs (from Droid Sans) match, so one font covers both.
The Qt UI loads the same file through :func:`font_path`.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

#: Name the font is registered under in reportlab (regular and the family's bold/italic slots).
FONT_NAME = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"
LICENCE_FILE = "LICENSE-wqy-microhei.txt"

#: Used in place of a character the font has no glyph for, so nothing renders as an empty box.
REPLACEMENT = "?"

_lock = threading.Lock()

# Images pass through as DCT (JPEG) bytes; ASCII85 would make them 25% larger and ~50x slower.
rl_config.useA85 = 0


def font_path() -> Path:
    """Path of the shipped CJK TrueType collection (``ADJUSTER_FONT`` overrides).

    Found through ``adjuster.resources`` so a checkout, a wheel and a PyInstaller bundle all work.
    """
    override = os.environ.get("ADJUSTER_FONT")
    if override:
        return Path(override)
    from adjuster.resources import resource_path

    return resource_path("fonts", FONT_FILE)


def register_fonts() -> str:
    """Register the report font with reportlab once (thread-safe); returns its name."""
    with _lock:
        if FONT_NAME in pdfmetrics.getRegisteredFontNames():
            return FONT_NAME
        path = font_path()
        if not path.is_file():
            from adjuster.domain.errors import AdjusterError

            raise AdjusterError(f"report font missing: {path}")
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
        pdfmetrics.registerFont(font)
        # The font has no bold/italic faces: map them to regular so <b>/<i> never fail.
        pdfmetrics.registerFontFamily(
            FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME
        )
        return FONT_NAME


@lru_cache(maxsize=1)
def _cmap() -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(FONT_NAME)
    return frozenset(font.face.charToGlyph)  # type: ignore[attr-defined]


def has_glyph(ch: str) -> bool:
    """Whether the report font can draw ``ch`` (whitespace counts as drawable)."""
    return ch in "\n\r\t" or ord(ch) in _cmap()


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` the font cannot draw (tests use this to prove no glyph boxes)."""
    return {ch for ch in text if not has_glyph(ch)}


def clean_text(text: str) -> str:
    """Make user text drawable: NFKC-normalise characters the font lacks, then replace the rest.

    Emoji and rare symbols would otherwise render as empty boxes in the PDF.
    """
    if not text:
        return ""
    cmap = _cmap()
    out: list[str] = []
    for ch in text:
        if ord(ch) in cmap or ch in "\n\r\t":
            out.append(ch)
            continue
        if unicodedata.category(ch) in ("Mn", "Cf", "Cc"):  # combining marks, ZWJ, controls
            continue
        norm = unicodedata.normalize("NFKC", ch)
        if norm != ch and all(ord(c) in cmap for c in norm):
            out.append(norm)
        else:
            out.append(REPLACEMENT)
    return "".join(out)
