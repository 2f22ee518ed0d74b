"""Photo flowables: a full page of 2, 4 or 6 captioned photos, and a strip of photos in a row.

Each cell draws the upright JPEG fitted into its box, the optional annotation overlay and evidence
stamp, and a caption (number, text, capture time, GPS). A photo that could not be prepared is a
clearly marked placeholder naming the file — never an empty gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from adjuster.reports.flowables import esc
from adjuster.reports.fmt import fmt_date, fmt_gps
from adjuster.reports.fonts import FONT_NAME, clean_text
from adjuster.reports.i18n import L
from adjuster.reports.photo_prep import PreparedPhoto
from adjuster.reports.styles import ACCENT, MUTED, RULE, WARN_BG, Styles

GRID = {2: (1, 2), 4: (2, 2), 6: (2, 3)}  # photos per page → (columns, rows)
CAPTION_LINES = {2: 3, 4: 3, 6: 3}
GUTTER = 5 * mm


@dataclass
class CellOptions:
    lang: str
    styles: Styles
    stamp: bool = True
    annotations: bool = True
    caption_lines: int = 3
    label: str = ""  # e.g. "整改前 / Before", printed above the caption text


def photo_caption(p: PreparedPhoto, opts: CellOptions) -> str:
    """Caption markup: number and text, then capture time and GPS on their own line."""
    e = p.entry
    head = f"<font color='#1F3A5F'>{L('照片', 'Photo', opts.lang)} {e.number}</font>" if e.number else ""
    if opts.label:
        head = f"{head} · {esc(opts.label)}" if head else esc(opts.label)
    text = esc(e.caption)
    line1 = f"{head}  {text}".strip() if text else head
    meta = [fmt_date(e.taken_at, with_time=True), fmt_gps(e.gps)]
    line2 = " · ".join(m for m in meta if m)
    if not p.ok:
        name = esc(e.filename or (str(e.path) if e.path else "") or e.sha256[:16])
        line2 = f"<font color='#B5472D'>{name}</font>" + (f" · {line2}" if line2 else "")
    return line1 + (f"<br/><font color='#5B6672'>{line2}</font>" if line2 else "")


def _fit_caption(markup: str, style: Any, width: float, height: float) -> Paragraph:
    """Shorten an over-long caption with an ellipsis so it never overflows into the next cell."""
    para = Paragraph(markup, style)
    if para.wrap(width, height)[1] <= height:
        return para
    first, sep, rest = markup.partition("<br/>")
    lo, hi = 0, len(first)
    while lo < hi:  # binary search the longest first line that still fits
        mid = (lo + hi + 1) // 2
        cut = first[:mid].rsplit("&", 1)[0] if "&" in first[max(0, mid - 8) : mid] else first[:mid]
        trial = Paragraph(f"{cut}…{sep}{rest}", style)
        if trial.wrap(width, height)[1] <= height:
            lo = mid
        else:
            hi = mid - 1
    cut = first[:lo].rsplit("&", 1)[0] if "&" in first[max(0, lo - 8) : lo] else first[:lo]
    return Paragraph(f"{cut}…{sep}{rest}", style)


def _hex(color: object, default: colors.Color) -> colors.Color:
    try:
        return colors.HexColor(str(color)) if color else default
    except Exception:
        return default


def draw_annotations(canv: Canvas, shapes: Sequence[dict[str, Any]], x: float, y: float, w: float, h: float) -> None:
    """Draw the photo's vector annotations over the image drawn at (x, y, w, h), as vectors.

    Same schema as ``adjuster.media.annotate`` (fractions of the upright image, origin top-left;
    stroke width, radius and text size as fractions of the long side): ``arrow``/``measure``
    (x1, y1, x2, y2[, label]), ``rect`` (x, y, w, h), ``circle`` (cx, cy, r), ``text`` (x, y, text).
    The embedded JPEG stays the untouched derivative; malformed shapes are skipped.
    """
    long = max(w, h)
    canv.saveState()
    clip = canv.beginPath()
    clip.rect(x, y, w, h)
    canv.clipPath(clip, stroke=0, fill=0)

    def pt(fx: object, fy: object) -> tuple[float, float]:
        return x + float(fx) * w, y + h - float(fy) * h  # type: ignore[arg-type]

    for s in shapes:
        try:
            kind = s.get("type")
            col = _hex(s.get("color"), colors.HexColor("#FF3B30"))
            canv.setStrokeColor(col)
            canv.setFillColor(col)
            stroke = max(0.6, float(s.get("width", 0.005)) * long)
            canv.setLineWidth(stroke)
            canv.setLineCap(1)
            canv.setLineJoin(1)
            if kind == "rect":
                x0, y0 = pt(s["x"], s["y"])
                sw, sh = float(s["w"]) * w, float(s["h"]) * h
                canv.rect(x0, y0 - sh, sw, sh, stroke=1, fill=0)
            elif kind == "circle":
                cx, cy = pt(s["cx"], s["cy"])
                canv.circle(cx, cy, float(s["r"]) * long, stroke=1, fill=0)
            elif kind in ("arrow", "measure"):
                a, b = pt(s["x1"], s["y1"]), pt(s["x2"], s["y2"])
                canv.line(*a, *b)
                if kind == "arrow":
                    _arrow_head(canv, a, b, stroke)
                else:
                    _ticks_and_label(canv, a, b, stroke, str(s.get("label", "")), float(s.get("size", 0.035)) * long)
            elif kind == "text":
                tx, ty = pt(s["x"], s["y"])
                size = max(5.0, float(s.get("size", 0.035)) * long)
                _outlined_text(canv, tx, ty - size, clean_text(str(s["text"])), size, col)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    canv.restoreState()


def _outlined_text(canv: Canvas, x: float, y: float, text: str, size: float, col: colors.Color, *, centred: bool = False) -> None:
    """Coloured text with a dark outline so it reads on any background (as the raster version)."""
    if centred:
        x -= canv.stringWidth(text, FONT_NAME, size) / 2
    t = canv.beginText(x, y)
    t.setFont(FONT_NAME, size)
    t.setTextRenderMode(2)  # fill + stroke
    canv.setStrokeColor(colors.black)
    canv.setLineWidth(max(0.25, size / 30))
    canv.setFillColor(col)
    t.textOut(text)
    canv.drawText(t)


def _ticks_and_label(canv: Canvas, a: tuple[float, float], b: tuple[float, float], lw: float, label: str, size: float) -> None:
    import math

    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    tick = max(3.0, lw * 3)
    nx, ny = -math.sin(ang) * tick, math.cos(ang) * tick
    for px, py in (a, b):
        canv.line(px - nx, py - ny, px + nx, py + ny)
    if label:
        col = canv._strokeColorObj  # type: ignore[attr-defined]
        mx, my = (a[0] + b[0]) / 2 + nx * 1.5, (a[1] + b[1]) / 2 + ny * 1.5
        _outlined_text(canv, mx, my, clean_text(label), max(5.0, size), col, centred=True)


def _arrow_head(canv: Canvas, a: tuple[float, float], b: tuple[float, float], lw: float) -> None:
    import math

    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    size = max(5.0, lw * 4)
    p = canv.beginPath()
    p.moveTo(*b)
    for da in (0.45, -0.45):
        p.lineTo(b[0] - size * math.cos(ang + da), b[1] - size * math.sin(ang + da))
    p.close()
    canv.drawPath(p, stroke=0, fill=1)


def _draw_stamp(canv: Canvas, p: PreparedPhoto, x: float, y: float, w: float) -> None:
    """Evidence stamp in the image's lower-left corner: number, capture time, hash prefix."""
    e = p.entry
    parts = [f"#{e.number}" if e.number else "", fmt_date(e.taken_at, with_time=True),
             f"SHA256 {e.sha256[:12]}" if e.sha256 else ""]
    text = "  ".join(s for s in parts if s)
    if not text:
        return
    size = 6.0 if w < 200 else 7.0
    tw = canv.stringWidth(text, FONT_NAME, size) + 6
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.setFillAlpha(0.55)
    canv.rect(x, y, min(tw, w), size + 5, stroke=0, fill=1)
    canv.setFillAlpha(1)
    canv.setFillColor(colors.white)
    canv.setFont(FONT_NAME, size)
    canv.drawString(x + 3, y + 3, text)
    canv.restoreState()


def _draw_placeholder(canv: Canvas, p: PreparedPhoto, x: float, y: float, w: float, h: float, lang: str) -> None:
    canv.saveState()
    canv.setFillColor(WARN_BG)
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(0.8)
    canv.setDash(4, 3)
    canv.rect(x, y, w, h, stroke=1, fill=1)
    canv.setDash()
    canv.setStrokeColor(colors.HexColor("#E9B7AA"))
    canv.line(x, y, x + w, y + h)
    canv.line(x, y + h, x + w, y)
    canv.setFillColor(ACCENT)
    size = 11 if w > 150 else 9
    canv.setFont(FONT_NAME, size)
    missing = p.problem == "missing"
    title = L("照片文件缺失", "Photo file missing", lang) if missing else L("照片无法读取", "Photo unreadable", lang)
    canv.drawCentredString(x + w / 2, y + h / 2 + 4, title)
    canv.setFont(FONT_NAME, 7)
    canv.setFillColor(MUTED)
    name = clean_text(p.entry.filename or p.entry.sha256[:16] or "?")
    while canv.stringWidth(name, FONT_NAME, 7) > w - 8 and len(name) > 4:
        name = name[:-2]
    canv.drawCentredString(x + w / 2, y + h / 2 - 9, name)
    canv.restoreState()


def draw_photo(canv: Canvas, p: PreparedPhoto, x: float, y: float, w: float, h: float, opts: CellOptions) -> None:
    """Photo fitted into the box (x, y, w, h), centred horizontally and resting on its bottom edge,
    or the placeholder filling the box."""
    if not p.ok or not p.width or not p.height:
        _draw_placeholder(canv, p, x, y, w, h, opts.lang)
        return
    scale = min(w / p.width, h / p.height)
    iw, ih = p.width * scale, p.height * scale
    # Bottom-aligned: the caption sits right under the picture, and captions line up in a row.
    ix, iy = x + (w - iw) / 2, y
    canv.drawImage(p.path, ix, iy, iw, ih)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.4)
    canv.rect(ix, iy, iw, ih, stroke=1, fill=0)
    if opts.annotations and p.entry.annotations:
        draw_annotations(canv, p.entry.annotations, ix, iy, iw, ih)
    if opts.stamp:
        _draw_stamp(canv, p, ix, iy, iw)


class PhotoCells(Flowable):
    """Photos laid out in ``columns`` × ``rows`` cells with captions under each.

    With ``fill_page`` the block takes the whole frame height (a photo page); otherwise it is
    ``height`` points tall (a strip inside a section).
    """

    def __init__(
        self,
        photos: Sequence[PreparedPhoto],
        columns: int,
        rows: int,
        opts: CellOptions,
        *,
        fill_page: bool = False,
        height: float = 0,
        labels: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.photos = list(photos)
        self.columns, self.rows = columns, rows
        self.opts = opts
        self.fill_page = fill_page
        self.fixed_height = height
        self.labels = list(labels) if labels else None
        self.width = self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        if self.fill_page:
            from adjuster.reports.base import doc_frame_size

            full = doc_frame_size()[1] - 2
            self.height = availHeight if availHeight >= 0.78 * full else full
        else:
            self.height = self._strip_height(availWidth)
        return self.width, self.height

    def _strip_height(self, width: float) -> float:
        """A one-row strip is only as tall as its tallest picture needs (at most ``height``), so a
        wide photo does not sit under a band of empty space."""
        if self.rows != 1 or not self.photos:
            return self.fixed_height
        cap_h = self.opts.styles.caption.leading * self.opts.caption_lines + 4
        cell_w = (width - GUTTER * (self.columns - 1)) / self.columns
        most = max(self.fixed_height - cap_h, 20)
        need = 0.0
        for p in self.photos[: self.columns]:
            aspect = p.height / p.width if p.ok and p.width and p.height else 0.75  # placeholder: 4:3
            need = max(need, min(most, cell_w * aspect))
        return need + cap_h

    def draw(self) -> None:
        canv = self.canv
        opts = self.opts
        style = opts.styles.caption
        cap_h = style.leading * opts.caption_lines + 4
        cell_w = (self.width - GUTTER * (self.columns - 1)) / self.columns
        cell_h = (self.height - GUTTER * (self.rows - 1)) / self.rows
        img_h = max(cell_h - cap_h, 20)
        for i, p in enumerate(self.photos[: self.columns * self.rows]):
            col, row = i % self.columns, i // self.columns
            x = col * (cell_w + GUTTER)
            top = self.height - row * (cell_h + GUTTER)
            cell_opts = opts
            if self.labels:
                cell_opts = CellOptions(**{**opts.__dict__, "label": self.labels[i]})
            draw_photo(canv, p, x, top - img_h, cell_w, img_h, cell_opts)
            cap = _fit_caption(photo_caption(p, cell_opts), style, cell_w, cap_h - 3)
            _w, ch = cap.wrap(cell_w, cap_h)
            cap.drawOn(canv, x, top - img_h - 3 - ch)


def photo_pages(photos: Sequence[PreparedPhoto], per_page: int, opts: CellOptions) -> list[Flowable]:
    """One full-page grid flowable per ``per_page`` photos (2, 4 or 6)."""
    columns, rows = GRID.get(per_page, GRID[4])
    per = columns * rows
    return [
        PhotoCells(photos[i : i + per], columns, rows, opts, fill_page=True)
        for i in range(0, len(photos), per)
    ]
