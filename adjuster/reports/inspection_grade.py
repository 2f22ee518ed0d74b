"""The inspection report's grade section: the grade badge with category scores, the site's peril
indicators 1–5 with the engineer's notes, how this visit's grade follows from the rule, and the
rule itself (issue 6: the rule is shown where the grade is)."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from adjuster.reports.charts import FAIR, GOOD, POOR, TRACK, grade_badge, score_bars
from adjuster.reports.flowables import P, data_table, esc, gap, heading, tstyle
from adjuster.reports.fonts import FONT_NAME
from adjuster.reports.i18n import LB, L
from adjuster.reports.model import InspectionReportData, PerilEntry
from adjuster.reports.styles import INK, MUTED, Styles

LEVEL_COLOURS = {1: GOOD, 2: GOOD, 3: FAIR, 4: POOR, 5: POOR}


def level_meter(level: int | None, width: float = 26 * mm, height: float = 9) -> Drawing:
    """Five boxes, the first ``level`` filled (green → amber → red), and "n/5" after them."""
    text_w = 16
    d = Drawing(width, height + 2, initialFontName=FONT_NAME)
    box = (width - text_w - 4 * 2) / 5
    for i in range(5):
        filled = level is not None and i < level
        fill = LEVEL_COLOURS.get(level or 0, TRACK) if filled else TRACK
        d.add(Rect(i * (box + 2), 1, box, height, fillColor=fill, strokeColor=None))
    d.add(String(width, 2.5, f"{level}/5" if level else "–", fontName=FONT_NAME, fontSize=8,
                 fillColor=INK if level else MUTED, textAnchor="end"))
    return d


def _stacked(zh: str, en: str, lang: str, styles: Styles, *, colour: colors.Color | None = None) -> Flowable:
    text = LB(esc(zh), esc(en), lang)
    if colour is not None:
        text = f"<font color='{colour.hexval().replace('0x', '#')}'>{text}</font>"
    return P(text, styles.cell, markup=True)


def peril_table(perils: list[PerilEntry], styles: Styles, lang: str, width: float) -> list[Flowable]:
    """Every peril with its level meter, level words and note; a fire-protection footnote if listed."""
    if not perils:
        return []
    widths = [44 * mm, 30 * mm, 22 * mm, width - 96 * mm]
    header = [LB("灾害", "Peril", lang), LB("等级", "Level", lang), LB("程度", "Exposure", lang),
              LB("说明", "Note", lang)]
    rows = []
    for p in perils:
        words = (p.level_zh, p.level_en) if p.level else ("未评估", "not assessed")
        colour = LEVEL_COLOURS.get(p.level or 0, MUTED) if p.level else MUTED
        rows.append([_stacked(p.name_zh, p.name_en, lang, styles), level_meter(p.level),
                     _stacked(*words, lang, styles, colour=colour), p.note])
    title = L("灾害风险指标（1 很低 … 5 很高）", "Peril indicators (1 very low … 5 very high)", lang)
    out: list[Flowable] = [gap(3), *heading(title, styles, 1),
                           data_table(header, rows, widths, styles, align=["L", "L", "L", "L"])]
    if any(p.key == "fire_protection" for p in perils):
        out.append(gap(1))
        out.append(P(L("消防设施一项的等级表示设施的薄弱程度（1 = 完善，5 = 没有）。",
                       "For fire-protection facilities the level is their weakness (1 = excellent, 5 = none).",
                       lang), styles.small))
    return out


def grade_rule(d: InspectionReportData, styles: Styles, lang: str, width: float) -> list[Flowable]:
    """This visit's grade basis and the numbered rule; bilingual lines stack 中文 over English."""
    zh, en = d.grade_rule_zh, d.grade_rule_en
    n = max(len(zh), len(en))
    if n == 0:
        return []
    rows = []
    for i in range(n):
        parts = []
        if lang in ("zh", "both") and i < len(zh):
            parts.append(esc(zh[i]))
        if lang in ("en", "both") and i < len(en):
            parts.append(f"<font color='#5B6672'>{esc(en[i])}</font>" if parts else esc(en[i]))
        if lang == "zh" and not parts and i < len(en):
            parts.append(esc(en[i]))
        if lang == "en" and not parts and i < len(zh):
            parts.append(esc(zh[i]))
        rows.append([P(f"{i + 1}.", styles.cell), P("<br/>".join(parts), styles.cell, markup=True)])
    table = Table(rows, colWidths=[7 * mm, width - 7 * mm], hAlign="LEFT", splitInRow=1)
    table.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    out: list[Flowable] = [gap(2), *heading(L("评级规则", "Grading rule", lang), styles, 1)]
    basis = []
    if d.grade_basis_zh and (lang != "en" or not d.grade_basis_en):
        basis.append(f"<font color='#1F3A5F'>本次评级：</font>{esc(d.grade_basis_zh)}")
    if d.grade_basis_en and (lang != "zh" or not d.grade_basis_zh):
        basis.append(f"<font color='#1F3A5F'>This visit:</font> {esc(d.grade_basis_en)}")
    if basis:
        out += [P("<br/>".join(basis), styles.body, markup=True), gap(1.5)]
    return [KeepTogether([*out, table])]


def grade_section(d: InspectionReportData, styles: Styles, lang: str, width: float) -> list[Flowable]:
    """Badge and category bars, the peril indicators beside them in the same section, then the rule
    the grade follows (whenever there is a grade or a score)."""
    if not d.grade and not d.category_scores and not d.perils:
        return []
    out: list[Flowable] = []
    chart = score_bars(d.category_scores, lang, width - 40 * mm)
    if d.grade or chart is not None:
        badge = grade_badge(d.grade, d.grade_label, d.overall_score, lang, size=78) if d.grade else ""
        row = Table([[badge, chart or ""]], colWidths=[40 * mm, width - 40 * mm], hAlign="LEFT")
        row.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(row)
    out += peril_table(d.perils, styles, lang, width)
    if d.grade or chart is not None:
        out += grade_rule(d, styles, lang, width)
    return out
