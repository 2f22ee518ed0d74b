"""Sections both reports share: the cover, photo pages, signature blocks and the photo appendix."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from adjuster.reports.base import cover_then_body, doc_frame_size
from adjuster.reports.flowables import P, data_table, esc, gap, heading, info_table, tstyle
from adjuster.reports.fmt import fmt_date
from adjuster.reports.fonts import clean_text
from adjuster.reports.i18n import LB, L, V
from adjuster.reports.model import Company, PhotoEntry, SignatureEntry
from adjuster.reports.photo_flow import CellOptions, photo_pages
from adjuster.reports.photo_prep import PreparedPhoto
from adjuster.reports.styles import ACCENT, PRIMARY, RULE, Styles


def section_title(n: int, zh: str, en: str, lang: str) -> str:
    return f"{n}  {L(zh, en, lang)}"


def _logo(path: Path | None, max_w: float, max_h: float) -> Flowable | None:
    """Company logo scaled into a box; a broken logo file is skipped, never fatal."""
    if path is None or not Path(path).is_file():
        return None
    try:
        from PIL import Image as PILImage

        with PILImage.open(path) as im:
            w, h = im.size
        scale = min(max_w / w, max_h / h)
        img = Image(str(path), width=w * scale, height=h * scale)
        img.hAlign = "LEFT"
        return img
    except Exception:
        return None


def cover(
    styles: Styles,
    lang: str,
    company: Company,
    title_zh: str,
    title_en: str,
    pairs: Sequence[tuple[str, object]],
    note: str = "",
) -> list[Flowable]:
    """Cover page: company, report title, the key facts, then a switch to the body template."""
    width = doc_frame_size()[0]
    out: list[Flowable] = []
    logo = _logo(company.logo, 45 * mm, 22 * mm)
    if logo is not None:
        out.append(logo)
        out.append(gap(3))
    if company.name:
        out.append(P(company.name, styles.subtitle))
    contact = " · ".join(s for s in (company.address, company.phone) if s)
    if contact:
        out.append(P(contact, styles.small))
    out.append(Spacer(1, 45 * mm))
    main_title = title_zh if lang in ("zh", "both") else title_en
    out.append(P(main_title, styles.title))
    if lang == "both":
        out.append(P(title_en, styles.subtitle))
    out.append(HRFlowable(width="100%", thickness=1.5, color=PRIMARY, spaceBefore=8, spaceAfter=14))
    table = info_table(pairs, styles, width, columns=1)
    if table is not None:
        out.append(table)
    if note:
        out.append(gap(10))
        out.append(P(note, styles.small))
    out.extend(cover_then_body())
    return out


def missing_photo_warning(prepared: Sequence[PreparedPhoto], styles: Styles, lang: str) -> tuple[Paragraph | None, list[str]]:
    """A visible warning listing photos that could not be embedded, plus the same as plain text."""
    bad = [p for p in prepared if not p.ok]
    if not bad:
        return None, []
    names = [f"{p.entry.filename or p.entry.sha256[:16] or '?'} ({p.problem})" for p in bad]
    head = L(f"{len(bad)} 张照片无法嵌入，以占位框标示：", f"{len(bad)} photo(s) could not be embedded and are shown as placeholders:", lang)
    para = P(f"{esc(head)} " + "; ".join(esc(n) for n in names), styles.warning, markup=True)
    return para, [f"photo not embedded: {n}" for n in names]


def photo_section(
    n: int, prepared: Sequence[PreparedPhoto], per_page: int, styles: Styles, lang: str, *, stamp: bool, annotations: bool
) -> tuple[list[Flowable], list[str]]:
    if not prepared:
        return [], []
    out: list[Flowable] = [PageBreak(), *heading(section_title(n, "现场照片", "Photographs", lang), styles)]
    warn, warnings = missing_photo_warning(prepared, styles, lang)
    if warn is not None:
        out.append(warn)
    opts = CellOptions(lang=lang, styles=styles, stamp=stamp, annotations=annotations)
    out.extend(photo_pages(prepared, per_page, opts))
    return out, warnings


def signature_section(n: int, signatures: Sequence[SignatureEntry], styles: Styles, lang: str) -> list[Flowable]:
    """Signature blocks two per row: role, name, image (or a blank line), date; a changed-after-
    signing signature says so in red rather than disappearing."""
    if not signatures:
        return []
    width = doc_frame_size()[0]
    col_w = (width - 8 * mm) / 2
    blocks: list[Table] = []
    for sig in signatures:
        rows: list[list[object]] = [[P(f"<font color='#1F3A5F'>{esc(V(sig.role, lang))}</font>", styles.body, markup=True)]]
        img = _logo(sig.image, col_w - 10 * mm, 20 * mm) if sig.image else None
        rows.append([img if img is not None else Spacer(1, 20 * mm)])
        rows.append([P(f"{L('签名', 'Signed', lang)}: {esc(sig.signer)}" if sig.signer else L("签名", "Signature", lang), styles.cell, markup=True)])
        when = fmt_date(sig.signed_at, with_time=True)
        rows.append([P(f"{L('日期', 'Date', lang)}: {esc(when) if when else '____________'}", styles.cell, markup=True)])
        if not sig.valid:
            rows.append([P(L("签署后内容已变更，签名失效", "Content changed after signing — signature no longer valid", lang), styles.warning)])
        t = Table(rows, colWidths=[col_w])
        t.setStyle(tstyle([
            ("BOX", (0, 0), (-1, -1), 0.5, ACCENT if not sig.valid else RULE),
            ("LINEBELOW", (0, 1), (0, 1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
        ]))
        blocks.append(t)
    grid = [blocks[i : i + 2] + ([""] if len(blocks[i : i + 2]) == 1 else []) for i in range(0, len(blocks), 2)]
    table = Table(grid, colWidths=[col_w + 4 * mm, col_w + 4 * mm], hAlign="LEFT")
    table.setStyle(tstyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return [*heading(section_title(n, "签署", "Signatures", lang), styles), table]


def photo_appendix(
    n: int, prepared: Sequence[PreparedPhoto], styles: Styles, lang: str, snapshot_sha256: str = ""
) -> list[Flowable]:
    """Every photo's number, file name, capture time and sha256 — the evidence trail."""
    if not prepared and not snapshot_sha256:
        return []
    width = doc_frame_size()[0]
    out: list[Flowable] = [*heading(section_title(n, "附录：照片清单", "Appendix: Photo Register", lang), styles)]
    if snapshot_sha256:
        out.append(P(f"{L('报告数据快照 SHA-256', 'Report data snapshot SHA-256', lang)}: {snapshot_sha256}", styles.small))
        out.append(gap(2))
    if prepared:
        widths = [11 * mm, 46 * mm, 27 * mm, width - 11 * mm - 46 * mm - 27 * mm - 22 * mm, 22 * mm]
        header = [LB("序号", "No.", lang), LB("文件名", "File name", lang), LB("拍摄时间", "Taken", lang),
                  "SHA-256", LB("状态", "Status", lang)]
        rows = []
        for p in prepared:
            e: PhotoEntry = p.entry
            if p.ok:
                status: object = L("已嵌入", "embedded", lang)
            else:
                word = L("缺失", "missing", lang) if p.problem == "missing" else L("无法读取", "unreadable", lang)
                status = P(f"<font color='#B5472D'>{esc(word)}</font>", styles.cell_center, markup=True)
            sha = P(f"<font size='7'>{esc(e.sha256) or '—'}</font>", styles.cell, markup=True)
            rows.append([str(e.number), clean_text(e.filename), fmt_date(e.taken_at, with_time=True), sha, status])
        table = data_table(header, rows, widths, styles, align=["C", "L", "L", "L", "C"])
        for f in out:  # the heading and the lines under it go with the table, never alone at a page foot
            f.keepWithNext = True  # type: ignore[attr-defined]
        out.append(table)
    return out


def number_photos(photos: Sequence[PhotoEntry], start: int = 1) -> int:
    """Give unnumbered photos consecutive numbers; returns the next free number."""
    n = start
    for p in photos:
        if not p.number:
            p.number = n
        n = max(n, p.number) + 1
    return n
