"""The loss (adjustment) report: cover, case facts, narratives, loss items, calculation statement,
signatures, photo pages and the photo register. Empty sections are left out, not printed empty."""

from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from adjuster.reports.base import DocMeta, RenderResult, doc_frame_size
from adjuster.reports.common import (
    cover,
    number_photos,
    photo_appendix,
    photo_section,
    section_title,
    signature_section,
)
from adjuster.reports.flowables import P, data_table, esc, gap, heading, info_table, narrative, tstyle
from adjuster.reports.fmt import fmt_amount, fmt_date, fmt_qty
from adjuster.reports.i18n import LB, L, V, check_lang
from adjuster.reports.model import ItemRow, LossReportData, StatementData
from adjuster.reports.photo_prep import PreparedPhoto
from adjuster.reports.render import render_with_photos
from adjuster.reports.styles import HEADER_BG, LABEL_BG, PRIMARY, RULE, Styles, make_styles
from adjuster.util.progress import CancelToken, ProgressFn


def _case_pairs(d: LossReportData, lang: str) -> list[tuple[str, object]]:
    cur = d.currency
    return [
        (L("赔案号", "Claim no.", lang), d.claim_no),
        (L("保单号", "Policy no.", lang), d.policy_no),
        (L("被保险人", "Insured", lang), d.insured_name),
        (L("联系电话", "Phone", lang), d.insured_phone),
        (L("出险地址", "Risk address", lang), d.risk_address),
        (L("险种", "Line of business", lang), d.line_of_business),
        (L("出险原因", "Peril", lang), d.peril),
        (L("出险日期", "Date of loss", lang), fmt_date(d.loss_date)),
        (L("报案日期", "Date reported", lang), fmt_date(d.reported_date)),
        (L("查勘日期", "Date of survey", lang), fmt_date(d.survey_date)),
        (L("保险金额", "Sum insured", lang), fmt_amount(d.sum_insured, cur)),
        (L("出险时保险价值", "Insured value at loss", lang), fmt_amount(d.insured_value, cur)),
        (L("免赔", "Deductible", lang), d.deductible),
        (L("公估人", "Adjuster", lang), d.adjuster),
    ]


def _cover_pairs(d: LossReportData, lang: str) -> list[tuple[str, object]]:
    return [
        (L("赔案号", "Claim no.", lang), d.claim_no),
        (L("保单号", "Policy no.", lang), d.policy_no),
        (L("被保险人", "Insured", lang), d.insured_name),
        (L("出险日期", "Date of loss", lang), fmt_date(d.loss_date)),
        (L("公估人", "Adjuster", lang), d.adjuster),
        (L("报告日期", "Report date", lang), fmt_date(d.report_date)),
        (L("案件状态", "Status", lang), V(d.status, lang) if d.status else ""),
        (L("报告版本", "Report version", lang), f"v{d.version}"),
    ]


def _item_table(items: list[ItemRow], styles: Styles, lang: str, currency: str) -> Table:
    """Items grouped by section with a subtotal row per section and a grand total."""
    width = doc_frame_size()[0]
    fixed = [9 * mm, 17 * mm, 20 * mm, 21 * mm, 19 * mm, 17 * mm, 21 * mm]
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    header = [LB("序号", "No.", lang), LB("项目描述", "Description", lang), LB("数量", "Qty", lang),
              LB("单价", "Unit price", lang), LB("重置价值", "Replacement", lang),
              LB("折旧", "Depreciation", lang), LB("残值", "Salvage", lang), LB("损失金额", "Loss", lang)]
    groups: OrderedDict[str, list[ItemRow]] = OrderedDict()
    for it in items:
        groups.setdefault(it.section, []).append(it)
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    n = 0
    total = Decimal(0)
    for section, group in groups.items():
        r = len(rows) + 1
        rows.append([P(f"<font color='#1F3A5F'>{esc(V(section, lang))}</font>", styles.cell, markup=True), "", "", "", "", "", "", ""])
        extra += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), LABEL_BG)]
        subtotal = Decimal(0)
        for it in group:
            n += 1
            desc = esc(it.description)
            if it.method:
                desc += f" <font color='#5B6672'>({esc(V(it.method, lang))})</font>"
            if it.photo_numbers:
                nums = ", ".join(str(x) for x in it.photo_numbers)
                desc += f"<br/><font color='#5B6672' size='7'>{L('照片', 'Photos', lang)} {nums}</font>"
            if it.excluded:
                reason = esc(it.exclusion_reason) or ""
                desc += f"<br/><font color='#B5472D'>{L('责任免除', 'Excluded', lang)}{': ' + reason if reason else ''}</font>"
            qty = f"{fmt_qty(it.qty)} {esc(it.unit)}".strip()
            loss = Decimal(0) if it.excluded else it.loss
            subtotal += loss
            rows.append([str(n), P(desc, styles.cell, markup=True), qty, fmt_amount(it.unit_price),
                         fmt_amount(it.replacement_cost), fmt_amount(it.depreciation), fmt_amount(it.salvage),
                         fmt_amount(loss)])
        r = len(rows) + 1
        rows.append(["", P(L("小计", "Subtotal", lang) + f" — {V(section, lang)}", styles.cell_right), "", "", "", "", "", fmt_amount(subtotal)])
        extra += [("SPAN", (1, r), (-2, r)), ("LINEABOVE", (0, r), (-1, r), 0.5, RULE)]
        total += subtotal
    r = len(rows) + 1
    rows.append(["", P(f"{L('合计', 'Total', lang)} ({currency})", styles.cell_right), "", "", "", "", "", fmt_amount(total)])
    extra += [("SPAN", (1, r), (-2, r)), ("BACKGROUND", (0, r), (-1, r), HEADER_BG), ("LINEABOVE", (0, r), (-1, r), 0.8, PRIMARY)]
    return data_table(header, rows, widths, styles, align=["C", "L", "R", "R", "R", "R", "R", "R"], extra=extra, zebra=False)


def _formula(zh: str, en: str, lang: str) -> str:
    if lang == "both" and zh and en and zh != en:
        return f"{zh}\n{en}"
    return L(zh, en, lang)  # falls back to the other language when one is missing


def _statement(st: StatementData, styles: Styles, lang: str) -> list[Flowable]:
    width = doc_frame_size()[0]
    widths = [62 * mm, width - 62 * mm - 32 * mm, 32 * mm]
    header = [LB("计算步骤", "Step", lang), LB("计算式", "Formula", lang), LB(f"金额 ({st.currency})", f"Amount ({st.currency})", lang)]
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    for i, line in enumerate(st.lines, start=1):
        label = L(line.label_zh, line.label_en, lang)
        if line.level:
            label = "\u3000" + label
        amount = fmt_amount(line.amount) if line.amount is not None else ""
        rows.append([label, _formula(line.formula_zh, line.formula_en, lang), amount])
        if line.emphasis:
            extra.append(("BACKGROUND", (0, i), (-1, i), LABEL_BG))
    out: list[Flowable] = [data_table(header, rows, widths, styles, align=["L", "L", "R"], extra=extra)]
    # The indemnity box: the figure, then the amount in Chinese uppercase and English words.
    box_rows = [
        [P(L("赔款金额", "Indemnity", lang), styles.h3), P(f"<font size='14' color='#1F3A5F'>{esc(fmt_amount(st.indemnity, st.currency))}</font>", styles.cell_right, markup=True)],
    ]
    if lang in ("zh", "both") and st.words_zh:
        words_zh = st.words_zh
        if st.currency == "CNY" and not words_zh.startswith("人民币"):
            words_zh = "人民币" + words_zh
        box_rows.append([P(L("大写", "In words (Chinese)", lang), styles.label), P(words_zh, styles.words)])
    if lang in ("en", "both") and st.words_en:
        box_rows.append([P(L("英文大写", "In words", lang), styles.label), P(st.words_en, styles.words)])
    box = Table(box_rows, colWidths=[48 * mm, width - 48 * mm])
    box.setStyle(tstyle([
        ("BOX", (0, 0), (-1, -1), 1, PRIMARY),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    box.keepWithNext = False
    out += [gap(4), box]
    for note in st.notes:
        out += [gap(2), P(note, styles.small)]
    return out


def loss_story(d: LossReportData, styles: Styles, prepared: list[PreparedPhoto], warnings: list[str]) -> list[Flowable]:
    lang = d.lang
    story: list[Flowable] = cover(styles, lang, d.company, d.title_zh, d.title_en, _cover_pairs(d, lang),
                                  note=L("本报告依据现场查勘及所提供资料出具，仅供保险理赔使用。",
                                         "Prepared from the site survey and the documents provided, for insurance claim settlement only.", lang))
    n = 0
    table = info_table(_case_pairs(d, lang), styles, doc_frame_size()[0])
    if table is not None:
        n += 1
        story += [*heading(section_title(n, "案件信息", "Case Information", lang), styles), table]
    for zh, en, text in (("出险经过", "Circumstances of Loss", d.circumstances), ("事故原因", "Cause of Loss", d.cause),
                         ("保险责任意见", "Coverage Opinion", d.coverage_opinion), ("建议", "Recommendation", d.recommendation)):
        paras = narrative(text, styles)
        if paras:
            n += 1
            story += [*heading(section_title(n, zh, en, lang), styles), *paras]
    if d.items:
        n += 1
        story += [*heading(section_title(n, "损失清单", "Schedule of Loss", lang), styles),
                  _item_table(d.items, styles, lang, d.currency)]
    if d.statement is not None:
        n += 1
        story += [*heading(section_title(n, "赔款计算书", "Calculation Statement", lang), styles),
                  *_statement(d.statement, styles, lang)]
    sig = signature_section(n + 1, d.signatures, styles, lang)
    if sig:
        n += 1
        story += [gap(4), *sig]
    photos, photo_warnings = photo_section(n + 1, prepared, d.photos_per_page, styles, lang,
                                           stamp=d.evidence_stamp, annotations=d.show_annotations)
    if photos:
        n += 1
        story += photos
        warnings += photo_warnings
    story += photo_appendix(n + 1, prepared, styles, lang, d.snapshot_sha256)
    return story


def render_loss_report(
    d: LossReportData,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    workdir: Path | None = None,
) -> RenderResult:
    """Render a loss report to PDF bytes. Progress counts photos prepared, then photos laid out."""
    check_lang(d.lang)
    if d.photos_per_page not in (2, 4, 6):
        from adjuster.domain.errors import ValidationError

        raise ValidationError("photos_per_page", f"must be 2, 4 or 6 (got {d.photos_per_page})")
    number_photos(d.photos)
    meta = DocMeta(
        title=f"{L(d.title_zh, d.title_en, d.lang)} — {d.claim_no}",
        lang=d.lang,
        author=d.adjuster or d.company.name,
        subject=L(f"{d.insured_name} 赔案 {d.claim_no}", f"Claim {d.claim_no} — {d.insured_name}", d.lang),
        keywords=[d.claim_no, d.policy_no, "loss report"],
        header_left=d.company.name,
        header_right=L(d.title_zh, d.title_en, d.lang),
        footer_ref_label=L("赔案号", "Claim no.", d.lang),
        footer_ref=d.claim_no,
        footer_right=f"v{d.version} · {fmt_date(d.report_date)}".strip(" ·"),
    )
    return render_with_photos(d.photos, meta, lambda prepared, warnings: loss_story(d, make_styles(), prepared, warnings),
                              progress=progress, cancel=cancel, workdir=workdir)
