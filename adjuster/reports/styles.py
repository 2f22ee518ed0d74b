"""Paragraph styles and colours shared by both reports, so they look like one product."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from adjuster.reports.fonts import FONT_NAME, register_fonts

INK = colors.HexColor("#1B1F24")
PRIMARY = colors.HexColor("#1F3A5F")
ACCENT = colors.HexColor("#B5472D")
MUTED = colors.HexColor("#5B6672")
RULE = colors.HexColor("#A7B1BC")
HEADER_BG = colors.HexColor("#E6ECF3")
LABEL_BG = colors.HexColor("#F2F5F8")
ZEBRA = colors.HexColor("#FAFBFC")
WARN_BG = colors.HexColor("#FCEDEA")
OK_GREEN = colors.HexColor("#2E7D4F")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    narrative: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    label: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    warning: ParagraphStyle
    words: ParagraphStyle


def make_styles() -> Styles:
    """Build the style sheet (fonts registered first, since styles name the font)."""
    register_fonts()
    f = FONT_NAME
    body = ParagraphStyle("body", fontName=f, fontSize=9.5, leading=14.5, textColor=INK, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11.5)
    return Styles(
        body=body,
        narrative=ParagraphStyle(
            "narrative", parent=body, alignment=TA_JUSTIFY, spaceAfter=5, firstLineIndent=0
        ),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=MUTED),
        caption=ParagraphStyle("caption", parent=body, fontSize=7.5, leading=9.8, textColor=INK),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        cell_head=ParagraphStyle(
            "cell_head", parent=cell, textColor=PRIMARY, alignment=TA_CENTER, fontSize=8.2, leading=10.5
        ),
        label=ParagraphStyle("label", parent=cell, textColor=MUTED),
        title=ParagraphStyle(
            "title", parent=body, fontSize=24, leading=32, textColor=PRIMARY, alignment=TA_LEFT
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=13, leading=18, textColor=MUTED, alignment=TA_LEFT
        ),
        h1=ParagraphStyle(
            "h1", parent=body, fontSize=14, leading=19, textColor=PRIMARY, spaceBefore=10, spaceAfter=6
        ),
        h2=ParagraphStyle(
            "h2", parent=body, fontSize=11, leading=15, textColor=PRIMARY, spaceBefore=8, spaceAfter=4
        ),
        h3=ParagraphStyle("h3", parent=body, fontSize=9.5, leading=13, textColor=INK, spaceBefore=4),
        warning=ParagraphStyle(
            "warning", parent=body, fontSize=8.5, leading=12, textColor=ACCENT, backColor=WARN_BG,
            borderPadding=4, spaceBefore=4, spaceAfter=8,
        ),
        words=ParagraphStyle("words", parent=body, fontSize=10, leading=15, textColor=INK),
    )
