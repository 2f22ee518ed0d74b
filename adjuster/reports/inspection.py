"""The risk inspection report: site and visit, grade, scores and grading rule, perils, checklist by category,
deficient findings with photos, recommendations, and follow-up of the previous visit with
before/after photo pairs. Empty sections are left out."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether

from adjuster.reports.base import DocMeta, RenderResult, doc_frame_size
from adjuster.reports.common import (
    cover,
    missing_photo_warning,
    number_photos,
    photo_appendix,
    section_title,
    signature_section,
)
from adjuster.reports.flowables import P, data_table, esc, gap, heading, info_table, narrative, with_heading
from adjuster.reports.fmt import fmt_date, fmt_gps
from adjuster.reports.fonts import clean_text
from adjuster.reports.i18n import LB, L, V_parts, check_lang
from adjuster.reports.inspection_grade import grade_section
from adjuster.reports.model import InspectionReportData, PhotoEntry
from adjuster.reports.photo_flow import CellOptions, PhotoCells
from adjuster.reports.photo_prep import PreparedPhoto
from adjuster.reports.render import render_with_photos
from adjuster.reports.styles import Styles, make_styles
from adjuster.util.progress import CancelToken, ProgressFn

RESULT_COLOURS = {"ok": "#2E7D4F", "deficient": "#B5472D", "n/a": "#5B6672", "unanswered": "#5B6672"}
STATUS_COLOURS = {"done": "#2E7D4F", "overdue": "#B5472D", "open": "#1B1F24", "waived": "#5B6672"}
PRIORITY_COLOURS = {"high": "#B5472D", "medium": "#D99A1E", "low": "#2E7D4F"}
STRIP_H = 62 * mm


def all_photos(d: InspectionReportData) -> list[PhotoEntry]:
    """Every photo the report shows, once each, in reading order."""
    seen: set[int] = set()
    out: list[PhotoEntry] = []
    for f in d.findings:
        for p in f.photos:
            if id(p) not in seen:
                seen.add(id(p))
                out.append(p)
    for fu in d.follow_ups:
        for p in (fu.before, fu.after):
            if p is not None and id(p) not in seen:
                seen.add(id(p))
                out.append(p)
    return out


def _coloured(value: str, colours: dict[str, str], lang: str, styles: Styles) -> Flowable:
    """A vocabulary value in a narrow cell: coloured, and stacked zh over en so no word breaks."""
    colour = colours.get(str(value), "#1B1F24")
    text = "<br/>".join(esc(part) for part in V_parts(value, lang))
    return P(f"<font color='{colour}'>{text}</font>", styles.cell_center, markup=True)


def _stack(text: str, styles: Styles) -> Flowable:
    """A "中文 / English" value in a narrow cell: one language per line, so no word is cut in two."""
    return P(esc(text).replace(" / ", "<br/>"), styles.cell, markup=True)


def _key_cell(key: str, width: float, styles: Styles) -> Flowable:
    """A dotted item key broken after a dot (``flood.site.`` / ``elevation``), then after an
    underscore if still too wide, rather than inside a word as CJK wrapping would."""
    style = styles.cell
    avail = width - 6  # the data table's left and right padding

    def fits(text: str) -> bool:
        return stringWidth(clean_text(text), style.fontName, style.fontSize) <= avail

    def greedy(parts: list[str]) -> list[str]:
        lines, cur = [], ""
        for part in parts:
            if cur and not fits(cur + part):
                lines.append(cur)
                cur = part
            else:
                cur += part
        return [*lines, cur]

    lines = [x for line in greedy(re.split(r"(?<=\.)", key))
             for x in (greedy(re.split(r"(?<=_)", line)) if not fits(line) else [line])]
    return P("<br/>".join(esc(line) for line in lines), style, markup=True)


def _site_pairs(d: InspectionReportData, lang: str) -> list[tuple[str, object]]:
    return [
        (L("查勘地点", "Site", lang), d.site_name),
        (L("地址", "Address", lang), d.site_address),
        (L("被保险人", "Insured", lang), d.insured_name),
        (L("占用性质", "Occupancy", lang), d.occupancy),
        (L("现场联系人", "Site contact", lang), d.site_contact),
        (L("坐标", "GPS", lang), fmt_gps(d.site_gps)),
        (L("查勘日期", "Visit date", lang), fmt_date(d.visit_date)),
        (L("风险工程师", "Engineer", lang), d.engineer),
        (L("检查表", "Checklist", lang), d.template),
        (L("天气", "Weather", lang), d.weather),
        (L("参加人员", "Attendees", lang), d.attendees),
        (L("上次查勘", "Previous visit", lang), fmt_date(d.previous_visit_date)),
    ]


def _checklist(d: InspectionReportData, styles: Styles, lang: str, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    widths = [24 * mm, width - 24 * mm - 20 * mm - 14 * mm - 46 * mm, 20 * mm, 14 * mm, 46 * mm]
    header = [LB("编号", "Ref.", lang), LB("检查项目", "Item", lang), LB("结果", "Result", lang),
              LB("严重度", "Sev.", lang), LB("备注", "Note", lang)]
    for cat in d.checklist:
        if not cat.rows:
            continue
        rows = [[_key_cell(r.key, widths[0], styles), r.question, _coloured(r.result, RESULT_COLOURS, lang, styles),
                 str(r.severity) if r.severity else "", r.note] for r in cat.rows]
        out += [*heading(L(cat.name_zh, cat.name_en, lang), styles, 1),
                data_table(header, rows, widths, styles, align=["L", "L", "C", "C", "L"])]
    return out


def _findings(d: InspectionReportData, prep: dict[int, PreparedPhoto], opts: CellOptions, styles: Styles,
              lang: str, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    for i, f in enumerate(d.findings, start=1):
        title = f"F{i}  {f.title}"
        pairs = [(L("检查项", "Item", lang), f.key), (L("类别", "Category", lang), f.category),
                 (L("严重度", "Severity", lang), f"{f.severity} / 4" if f.severity else ""),
                 (L("说明", "Note", lang), f.note)]
        block: list[Flowable] = [*heading(title, styles, 1)]
        table = info_table(pairs, styles, width)
        if table is not None:
            block.append(table)
        photos = [prep[id(p)] for p in f.photos if id(p) in prep]
        strips = [PhotoCells(photos[j : j + 3], 3, 1, opts, height=STRIP_H) for j in range(0, len(photos), 3)]
        if strips:
            block += [gap(2), strips[0]]
        out.append(KeepTogether(block))
        out += [x for s in strips[1:] for x in (gap(2), s)]
    return out


def _recommendations(d: InspectionReportData, styles: Styles, lang: str, width: float) -> Flowable | None:
    if not d.recommendations:
        return None
    widths = [12 * mm, width - 12 * mm - 16 * mm - 22 * mm - 32 * mm - 20 * mm, 16 * mm, 22 * mm, 32 * mm, 20 * mm]
    header = [LB("编号", "No.", lang), LB("整改建议", "Recommendation", lang), LB("优先级", "Priority", lang),
              LB("期限", "Deadline", lang), LB("责任方", "Responsible", lang), LB("状态", "Status", lang)]
    rows = [[r.number, r.text, _coloured(r.priority, PRIORITY_COLOURS, lang, styles), fmt_date(r.deadline),
             _stack(r.responsible, styles), _coloured(r.status, STATUS_COLOURS, lang, styles)]
            for r in d.recommendations]
    return data_table(header, rows, widths, styles, align=["C", "L", "C", "C", "L", "C"])


def _follow_ups(d: InspectionReportData, prep: dict[int, PreparedPhoto], opts: CellOptions, styles: Styles,
                lang: str, width: float) -> list[Flowable]:
    if not d.follow_ups:
        return []
    widths = [18 * mm, width - 18 * mm - 16 * mm - 22 * mm - 20 * mm - 40 * mm, 16 * mm, 22 * mm, 20 * mm, 40 * mm]
    header = [LB("编号", "No.", lang), LB("上次建议", "Previous recommendation", lang), LB("优先级", "Priority", lang),
              LB("期限", "Deadline", lang), LB("状态", "Status", lang), LB("跟进说明", "Follow-up note", lang)]
    rows = [[f.number, f.text, _coloured(f.priority, PRIORITY_COLOURS, lang, styles), fmt_date(f.deadline),
             _coloured(f.status, STATUS_COLOURS, lang, styles), f.note] for f in d.follow_ups]
    out: list[Flowable] = [data_table(header, rows, widths, styles, align=["C", "L", "C", "C", "C", "L"])]
    before_l, after_l = L("整改前", "Before", lang), L("整改后", "After", lang)
    for f in d.follow_ups:
        pair = [(prep.get(id(p)) if p is not None else None, lab) for p, lab in ((f.before, before_l), (f.after, after_l))]
        shown = [(p, lab) for p, lab in pair if p is not None]
        if not shown:
            continue
        strip = PhotoCells([p for p, _ in shown], 2, 1, opts, height=STRIP_H + 10 * mm, labels=[lab for _, lab in shown])
        out.append(KeepTogether([*heading(f"{f.number}  {f.text}", styles, 1), strip]))
    return out


def inspection_story(d: InspectionReportData, styles: Styles, prepared: list[PreparedPhoto],
                     warnings: list[str]) -> list[Flowable]:
    lang = d.lang
    width = doc_frame_size()[0]
    prep = {id(p.entry): p for p in prepared}
    opts = CellOptions(lang=lang, styles=styles, stamp=d.evidence_stamp, annotations=d.show_annotations)
    grade = f"{d.grade} · {d.grade_label}" if d.grade and d.grade_label else d.grade
    story: list[Flowable] = cover(styles, lang, d.company, d.title_zh, d.title_en, [
        (L("查勘编号", "Reference", lang), d.reference),
        (L("查勘地点", "Site", lang), d.site_name),
        (L("被保险人", "Insured", lang), d.insured_name),
        (L("查勘日期", "Visit date", lang), fmt_date(d.visit_date)),
        (L("风险工程师", "Engineer", lang), d.engineer),
        (L("风险等级", "Risk grade", lang), grade),
        (L("报告日期", "Report date", lang), fmt_date(d.report_date)),
        (L("报告版本", "Report version", lang), f"v{d.version}"),
    ])
    sections: list[tuple[str, str, list[Flowable]]] = []
    table = info_table(_site_pairs(d, lang), styles, width)
    sections.append(("查勘地点与概况", "Site and Visit", [table] if table is not None else []))
    sections.append(("查勘结论", "Summary", narrative(d.summary, styles)))
    sections.append(("风险等级与评分", "Risk Grade and Scores", grade_section(d, styles, lang, width)))
    sections.append(("检查结果", "Checklist Results", _checklist(d, styles, lang, width)))
    sections.append(("主要问题", "Deficient Findings", _findings(d, prep, opts, styles, lang, width)))
    rec = _recommendations(d, styles, lang, width)
    sections.append(("整改建议", "Recommendations", [rec] if rec is not None else []))
    follow = _follow_ups(d, prep, opts, styles, lang, width)
    if follow and d.previous_visit_date:
        prev = P(L(f"上次查勘日期：{fmt_date(d.previous_visit_date)}",
                   f"Previous visit: {fmt_date(d.previous_visit_date)}", lang), styles.small)
        prev.keepWithNext = True  # with the heading above and the table below, never left alone
        follow.insert(0, prev)
    sections.append(("上次建议跟进", "Follow-up of Previous Recommendations", follow))
    n = 0
    for zh, en, body in sections:
        if body:
            n += 1
            story += with_heading(heading(section_title(n, zh, en, lang), styles), body)
    sig = signature_section(n + 1, d.signatures, styles, lang)
    if sig:
        n += 1
        story += [gap(4), *sig]
    warn, photo_warnings = missing_photo_warning(prepared, styles, lang)
    warnings += photo_warnings
    appendix = photo_appendix(n + 1, prepared, styles, lang, d.snapshot_sha256)
    if appendix and warn is not None:
        warn.keepWithNext = appendix[1].getKeepWithNext()  # type: ignore[attr-defined]
        appendix.insert(2, warn)
    story += appendix
    return story


def render_inspection_report(
    d: InspectionReportData,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    workdir: Path | None = None,
) -> RenderResult:
    """Render an inspection report to PDF bytes (progress as for the loss report)."""
    check_lang(d.lang)
    photos = all_photos(d)
    number_photos(photos)
    meta = DocMeta(
        title=f"{L(d.title_zh, d.title_en, d.lang)} — {d.site_name or d.reference}",
        lang=d.lang,
        author=d.engineer or d.company.name,
        subject=L(f"{d.site_name} 风险查勘 {fmt_date(d.visit_date)}", f"Risk inspection {d.site_name} {fmt_date(d.visit_date)}", d.lang),
        keywords=[d.reference, "inspection report"],
        header_left=d.company.name,
        header_right=L(d.title_zh, d.title_en, d.lang),
        footer_ref_label=L("查勘编号", "Ref.", d.lang),
        footer_ref=d.reference,
        footer_right=f"v{d.version} · {fmt_date(d.report_date)}".strip(" ·"),
    )
    return render_with_photos(photos, meta, lambda prepared, warnings: inspection_story(d, make_styles(), prepared, warnings),
                              progress=progress, cancel=cancel, workdir=workdir)
