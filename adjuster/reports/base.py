"""The page frame every report shares: A4, header and "x / y" footer, outline, metadata, output.

The page total is a form XObject drawn on every page and defined once the last page is known,
so the document is laid out in a single pass (a two-pass build would read every photo twice).
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate

from adjuster.reports.fonts import FONT_NAME, clean_text, register_fonts
from adjuster.reports.i18n import L
from adjuster.reports.styles import MUTED, PRIMARY, RULE
from adjuster.util.atomic import atomic_open
from adjuster.util.progress import CancelToken

__all__ = ["L", "DocMeta", "RenderResult", "ReportDoc", "build_pdf", "write_pdf", "PAGE_SIZE", "MARGINS"]

PAGE_SIZE = A4
#: left, right, top, bottom
MARGINS = (18 * mm, 18 * mm, 22 * mm, 20 * mm)
_TOTAL_FORM = "adjPageTotal"


@dataclass
class DocMeta:
    """What the frame prints around the content and writes into the PDF's info dictionary."""

    title: str
    lang: str = "both"
    author: str = ""
    subject: str = ""
    keywords: Sequence[str] = ()
    creator: str = "Adjuster"
    header_left: str = ""  # company name
    header_right: str = ""  # short report title
    footer_ref_label: str = ""  # e.g. "赔案号 / Claim no."
    footer_ref: str = ""  # claim no. or visit reference
    footer_right: str = ""  # version and date


@dataclass
class RenderResult:
    pdf: bytes
    pages: int
    outline: list[tuple[int, str]] = field(default_factory=list)  # (level, title)
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


class _Canvas(Canvas):
    """Canvas that starts in the report font (so no unembedded Helvetica is referenced) and
    defines the page-total form just before saving."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = FONT_NAME
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def save(self) -> None:
        total = self.getPageNumber() - 1 if not self._code else self.getPageNumber()
        self.beginForm(_TOTAL_FORM)
        self.setFont(FONT_NAME, 8)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(max(total, 1)))
        self.endForm()
        super().save()


class ReportDoc(BaseDocTemplate):
    """A4 document with a cover template (no header) and a body template (header + footer).

    Flowables carrying an ``outline = (title, level)`` attribute become PDF bookmarks.
    """

    def __init__(
        self,
        out: io.BytesIO,
        meta: DocMeta,
        *,
        cancel: CancelToken | None = None,
        on_flowable: Callable[[Flowable], None] | None = None,
    ) -> None:
        register_fonts()
        left, right, top, bottom = MARGINS
        super().__init__(
            out,
            pagesize=PAGE_SIZE,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=clean_text(meta.title),
            author=clean_text(meta.author),
            subject=clean_text(meta.subject),
            keywords=[clean_text(k) for k in meta.keywords],
            creator=meta.creator,
            producer="Adjuster (reportlab)",
            lang="zh-CN" if meta.lang in ("zh", "both") else "en",
            pageCompression=1,
            invariant=0,
            initialFontName=FONT_NAME,
        )
        self.meta = meta
        self.cancel = cancel
        self.on_flowable = on_flowable
        self.outline_titles: list[tuple[int, str]] = []
        self._bookmark_n = 0
        self._last_level = -1
        frame = Frame(left, bottom, PAGE_SIZE[0] - left - right, PAGE_SIZE[1] - top - bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[frame], onPage=self._draw_cover_frame),
            PageTemplate(id="body", frames=[frame], onPage=self._draw_body_frame),
        ])

    # -- page decoration -------------------------------------------------------------------
    def _draw_footer(self, canv: Canvas) -> None:
        meta = self.meta
        left, right, _top, bottom = MARGINS
        width = PAGE_SIZE[0]
        y = bottom - 11 * mm
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(left, y + 9, width - right, y + 9)
        canv.setFont(FONT_NAME, 8)
        canv.setFillColor(MUTED)
        if meta.footer_ref:
            label = clean_text(meta.footer_ref_label)
            canv.drawString(left, y, f"{label}: {clean_text(meta.footer_ref)}" if label else clean_text(meta.footer_ref))
        if meta.footer_right:
            canv.drawRightString(width - right, y, clean_text(meta.footer_right))
        centre = width / 2
        canv.drawRightString(centre, y, f"{canv.getPageNumber()} / ")
        canv.translate(centre, y)
        canv.doForm(_TOTAL_FORM)
        canv.restoreState()

    def _draw_cover_frame(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._draw_footer(canv)

    def _draw_body_frame(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        meta = self.meta
        left, right, top, _bottom = MARGINS
        width, height = PAGE_SIZE
        y = height - top + 7 * mm
        canv.saveState()
        canv.setFont(FONT_NAME, 8)
        canv.setFillColor(PRIMARY)
        if meta.header_left:
            canv.drawString(left, y, clean_text(meta.header_left))
        canv.setFillColor(MUTED)
        if meta.header_right:
            canv.drawRightString(width - right, y, clean_text(meta.header_right))
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(left, y - 3, width - right, y - 3)
        canv.restoreState()
        self._draw_footer(canv)

    # -- outline ---------------------------------------------------------------------------
    def beforeDocument(self) -> None:
        self.canv.showOutline()

    def afterFlowable(self, flowable: Flowable) -> None:
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()
        outline = getattr(flowable, "outline", None)
        if outline:
            title, level = outline
            level = min(level, self._last_level + 1)  # PDF outlines cannot skip a level
            self._last_level = level
            self._bookmark_n += 1
            key = f"adj{self._bookmark_n}"
            self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + 6)  # type: ignore[attr-defined]
            self.canv.addOutlineEntry(clean_text(title), key, level=level, closed=level > 0)
            self.outline_titles.append((level, title))
        if self.on_flowable is not None:
            self.on_flowable(flowable)


def cover_then_body() -> list[Flowable]:
    """Flowables ending the cover page and switching to the body template."""
    return [NextPageTemplate("body"), PageBreak()]


def build_pdf(
    story: list[Flowable],
    meta: DocMeta,
    *,
    cancel: CancelToken | None = None,
    on_flowable: Callable[[Flowable], None] | None = None,
    warnings: list[str] | None = None,
) -> RenderResult:
    """Lay out ``story`` in memory and return the PDF bytes with page count and outline."""
    buf = io.BytesIO()
    doc = ReportDoc(buf, meta, cancel=cancel, on_flowable=on_flowable)
    doc.build(story, canvasmaker=_Canvas)
    return RenderResult(
        pdf=buf.getvalue(), pages=doc.page, outline=list(doc.outline_titles), warnings=list(warnings or [])
    )


def write_pdf(path: str | os.PathLike[str], pdf: bytes) -> str:
    """Write ``pdf`` to ``path`` atomically (temp → fsync → rename); returns its sha256.

    A reader never sees a half-written report under the final name, and a failed run leaves the
    previous file intact.
    """
    with atomic_open(Path(path)) as fh:
        fh.write(pdf)
    return hashlib.sha256(pdf).hexdigest()


def doc_frame_size() -> tuple[float, float]:
    """Usable width and height of a body page (for flowables that size themselves to the page)."""
    left, right, top, bottom = MARGINS
    return PAGE_SIZE[0] - left - right, PAGE_SIZE[1] - top - bottom

