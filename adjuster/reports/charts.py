"""Small vector charts (reportlab graphics): score bars and the risk-grade badge.

Drawn as shapes rather than with the chart widgets so every label uses the embedded CJK font and
long bilingual category names get the room they need.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from adjuster.reports.fonts import FONT_NAME, clean_text
from adjuster.reports.i18n import L
from adjuster.reports.model import ScoreEntry
from adjuster.reports.styles import INK, MUTED, PRIMARY

GOOD = colors.HexColor("#2E7D4F")
FAIR = colors.HexColor("#D99A1E")
POOR = colors.HexColor("#C0392B")
TRACK = colors.HexColor("#E9EDF1")


def score_colour(score: float, *, higher_is_better: bool = True) -> colors.Color:
    s = score if higher_is_better else 100 - score
    return GOOD if s >= 80 else FAIR if s >= 60 else POOR


def score_bars(
    entries: Sequence[ScoreEntry],
    lang: str,
    width: float,
    *,
    higher_is_better: bool = True,
    bar_h: float = 9,
    gap: float = 7,
) -> Drawing | None:
    """Horizontal 0–100 bars, one per entry, label on the left and value on the right.

    Bilingual labels too long for one line are stacked (中文 over the English, muted) rather than
    shrunk to an unreadable size.
    """
    if not entries:
        return None
    max_label = width * 0.42
    stacked = lang == "both" and any(
        _text_w(L(e.name_zh, e.name_en, lang), 8) + 8 > max_label for e in entries if e.name_zh and e.name_en)
    if stacked:
        gap += 8
        natural = max((max(_text_w(e.name_zh, 8), _text_w(e.name_en, 7)) for e in entries), default=40)
    else:
        natural = max((_text_w(L(e.name_zh, e.name_en, lang), 8) for e in entries), default=40)
    label_w = min(max_label, natural + 8)
    value_w = 28
    bar_w = width - label_w - value_w
    height = len(entries) * (bar_h + gap) + 14
    d = Drawing(width, height, initialFontName=FONT_NAME)  # else Helvetica (unembedded) is referenced
    # scale: 0, 50, 100 ticks
    for t in (0, 50, 100):
        x = label_w + bar_w * t / 100
        d.add(Rect(x, 10, 0.3, height - 12, fillColor=MUTED, strokeColor=None))
        d.add(String(x, 1, str(t), fontName=FONT_NAME, fontSize=6, fillColor=MUTED, textAnchor="middle"))
    for i, e in enumerate(entries):
        y = height - (i + 1) * (bar_h + gap)
        if stacked and e.name_zh and e.name_en:
            zh, zh_size = _fit(clean_text(e.name_zh), label_w - 8)
            en, en_size = _fit(clean_text(e.name_en), label_w - 8, start=7)
            d.add(String(label_w - 6, y + 5, zh, fontName=FONT_NAME, fontSize=zh_size, fillColor=INK, textAnchor="end"))
            d.add(String(label_w - 6, y - 3.5, en, fontName=FONT_NAME, fontSize=en_size, fillColor=MUTED,
                         textAnchor="end"))
        else:
            label, size = _fit(clean_text(L(e.name_zh, e.name_en, lang)), label_w - 8)
            d.add(String(label_w - 6, y + 2, label, fontName=FONT_NAME, fontSize=size, fillColor=INK, textAnchor="end"))
        d.add(Rect(label_w, y, bar_w, bar_h, fillColor=TRACK, strokeColor=None))
        score = max(0.0, min(100.0, float(e.score)))
        d.add(Rect(label_w, y, bar_w * score / 100, bar_h,
                   fillColor=score_colour(score, higher_is_better=higher_is_better), strokeColor=None))
        d.add(String(width - 2, y + 2, f"{score:.0f}", fontName=FONT_NAME, fontSize=8, fillColor=INK, textAnchor="end"))
    return d


def grade_badge(grade: str, label: str, score: float | None, lang: str, size: float = 70) -> Drawing:
    """The overall grade as a large letter in a coloured square, with its label and score below."""
    d = Drawing(size, size + 24, initialFontName=FONT_NAME)
    colour = {"A": GOOD, "B": GOOD, "C": FAIR, "D": POOR, "E": POOR}.get(grade[:1].upper(), PRIMARY)
    d.add(Rect(0, 24, size, size, fillColor=colour, strokeColor=None, rx=6, ry=6))
    d.add(String(size / 2, 24 + size * 0.25, clean_text(grade or "–"), fontName=FONT_NAME,
                 fontSize=size * 0.55, fillColor=colors.white, textAnchor="middle"))
    if label:
        d.add(String(size / 2, 12, clean_text(label), fontName=FONT_NAME, fontSize=7.5, fillColor=INK, textAnchor="middle"))
    if score is not None:
        d.add(String(size / 2, 1, f"{L('得分', 'Score', lang)} {score:.1f}", fontName=FONT_NAME, fontSize=7,
                     fillColor=MUTED, textAnchor="middle"))
    return d


def _fit(text: str, width: float, start: float = 8.0) -> tuple[str, float]:
    """Shrink a label from ``start`` down to 6 pt, then shorten it with an ellipsis, so it never overlaps."""
    size = start
    while size > 6 and _text_w(text, size) > width:
        size -= 0.5
    if _text_w(text, size) <= width:
        return text, size
    while len(text) > 2 and _text_w(text + "…", size) > width:
        text = text[:-1]
    return text + "…", size


def _text_w(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(clean_text(text), FONT_NAME, size)
