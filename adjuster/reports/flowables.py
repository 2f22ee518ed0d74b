"""Building blocks both reports use: headings that become bookmarks, narratives that split across
pages, key/value tables and data tables with repeated headers and wrapping cells.

Every user-supplied string passes through :func:`esc` (glyph clean-up + XML escaping) before it
reaches a Paragraph, so odd characters neither break the markup nor render as boxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from adjuster.reports.fonts import FONT_NAME, clean_text
from adjuster.reports.styles import HEADER_BG, LABEL_BG, PRIMARY, RULE, ZEBRA, Styles

Cell = str | Flowable | None


def tstyle(cmds: Sequence[tuple[Any, ...]]) -> TableStyle:
    """TableStyle in the report font: reportlab's default cell font is an unembedded Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_NAME), *cmds])


def esc(text: object) -> str:
    """User text → safe paragraph markup: drawable characters, XML-escaped, newlines kept."""
    if text is None:
        return ""
    return escape(clean_text(str(text))).replace("\r\n", "\n").replace("\n", "<br/>")


def P(text: object, style: Any, *, markup: bool = False) -> Paragraph:  # noqa: N802
    """A paragraph of user text (escaped) or of trusted ``markup``."""
    return Paragraph(str(text) if markup else esc(text), style)


class Heading(Paragraph):
    """A section heading; the document template turns its ``outline`` into a PDF bookmark."""

    def __init__(self, text: str, style: Any, level: int, outline_title: str | None = None) -> None:
        super().__init__(esc(text), style)
        self.outline = (outline_title or text, level)
        self.keepWithNext = True


def heading(text: str, styles: Styles, level: int = 0, *, outline: str | None = None) -> list[Flowable]:
    """Heading (level 0 → h1 with a rule underneath, 1 → h2, 2 → h3) registered in the outline."""
    style = (styles.h1, styles.h2, styles.h3)[min(level, 2)]
    out: list[Flowable] = [Heading(text, style, level, outline)]
    if level == 0:
        rule = HRFlowable(width="100%", thickness=0.8, color=PRIMARY, spaceBefore=0, spaceAfter=5)
        rule.keepWithNext = True  # type: ignore[attr-defined]
        out.append(rule)
    return out


def narrative(text: str, styles: Styles) -> list[Flowable]:
    """Free text as paragraphs (one per non-blank line); each paragraph splits across pages."""
    paras = [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    return [P(p, styles.narrative) for p in paras if p]


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def info_table(
    pairs: Sequence[tuple[str, object]], styles: Styles, width: float, *, columns: int = 2
) -> Table | None:
    """Key/value table, ``columns`` pairs per row; pairs with an empty value are left out.

    Returns None when every value is empty so callers can skip the section entirely.
    """
    kept = [(k, v) for k, v in pairs if not is_blank(v)]
    if not kept:
        return None
    label_w = width / columns * 0.36
    value_w = width / columns - label_w
    rows: list[list[Cell]] = []
    spans: list[tuple[int, int]] = []
    for i in range(0, len(kept), columns):
        row: list[Cell] = []
        for k, v in kept[i : i + columns]:
            # Bilingual labels in narrow label cells stack (中文 over English) instead of breaking words.
            label = esc(k).replace(" / ", "<br/>") if columns > 1 else esc(k)
            row.append(P(label, styles.label, markup=True))
            row.append(v if isinstance(v, Flowable) else P(v, styles.cell))
        short = len(row) < columns * 2
        while len(row) < columns * 2:
            row.extend(["", ""])
        rows.append(row)
        if short:  # the last value runs to the right edge rather than leaving empty label cells
            spans.append((len(kept[i : i + columns]) * 2 - 1, len(rows) - 1))
    table = Table(rows, colWidths=[label_w, value_w] * columns, hAlign="LEFT", splitInRow=1)
    cmds: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for c in range(0, columns * 2, 2):
        cmds.append(("BACKGROUND", (c, 0), (c, -1), LABEL_BG))
    for c, r in spans:
        cmds += [("SPAN", (c, r), (-1, r)), ("BACKGROUND", (c, r), (-1, r), colors.white)]
    table.setStyle(tstyle(cmds))
    return table


def data_table(
    header: Sequence[Cell],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    styles: Styles,
    *,
    align: Sequence[str] | None = None,
    extra: Sequence[tuple[Any, ...]] = (),
    zebra: bool = True,
) -> Table:
    """Table whose header repeats on every page and whose cells wrap.

    ``align`` per column: "L", "R" or "C". String cells become paragraphs in the matching style;
    a row taller than a page is split inside the row rather than overflowing.
    """
    align = align or ["L"] * len(widths)
    style_for = {"L": styles.cell, "R": styles.cell_right, "C": styles.cell_center}
    data: list[list[Cell]] = [
        [h if isinstance(h, Flowable) else P(h or "", styles.cell_head, markup=True) for h in header]
    ]
    for row in rows:
        data.append([
            c if isinstance(c, Flowable) else P("" if c is None else c, style_for[align[i]])
            for i, c in enumerate(row)
        ])
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT", splitInRow=1)
    cmds: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, PRIMARY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        for r in range(2, len(data), 2):
            cmds.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    cmds.extend(extra)
    table.setStyle(tstyle(cmds))
    return table


def with_heading(head: Sequence[Flowable], body: Sequence[Flowable]) -> list[Flowable]:
    """``head`` followed by ``body``, kept on one page with body's first block.

    reportlab's keepWithNext does not reach into a following KeepTogether (a container), so a
    heading followed by one would be left alone at the bottom of a page; merge them instead.
    """
    if body and isinstance(body[0], KeepTogether):
        return [KeepTogether([*head, *body[0]._content]), *body[1:]]
    return [*head, *body]


def keep(*flowables: Flowable | None) -> KeepTogether:
    return KeepTogether([f for f in flowables if f is not None])


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
