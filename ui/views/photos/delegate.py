"""Paints one grid cell: the thumbnail centred in a fixed square, a badge for annotations and item
links, and the caption (two lines, elided) underneath — so portrait and landscape photos line up."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.views.photos.model import THUMB_SIZE, PhotoRole

CAPTION_LINES = 2
PAD = 6


class PhotoDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(THUMB_SIZE.width() + 2 * PAD, THUMB_SIZE.height() + 2 * PAD + CAPTION_LINES * line + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        rect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect.adjusted(1, 1, -1, -1), palette.color(QPalette.ColorRole.Highlight))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect.adjusted(1, 1, -1, -1), palette.color(QPalette.ColorRole.AlternateBase))
        box = QRect(rect.left() + (rect.width() - THUMB_SIZE.width()) // 2, rect.top() + PAD,
                    THUMB_SIZE.width(), THUMB_SIZE.height())
        pix = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pix, QPixmap) and not pix.isNull():
            scaled = pix.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            if pix.width() <= box.width() and pix.height() <= box.height():
                scaled = pix.size()  # never blow a small picture up
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(box.center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawPixmap(target, pix)
        photo = index.data(PhotoRole)
        badges = []
        if photo is not None and photo.annotations:
            badges.append("✎")
        if photo is not None and photo.item_id:
            badges.append("↔")
        if badges:
            text = " ".join(badges)
            fm = QFontMetrics(option.font)
            badge = QRect(0, 0, fm.horizontalAdvance(text) + 8, fm.height() + 2)
            badge.moveTopRight(box.topRight())
            painter.fillRect(badge, QColor(0, 0, 0, 150))
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        caption = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        text_rect = QRect(rect.left() + PAD, box.bottom() + 4, rect.width() - 2 * PAD, rect.bottom() - box.bottom() - 4)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.setFont(option.font)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                         _elide_lines(caption, QFontMetrics(option.font), text_rect.width(), CAPTION_LINES))
        painter.restore()


def _elide_lines(text: str, fm: QFontMetrics, width: int, lines: int) -> str:
    """Wrap ``text`` to at most ``lines`` lines of ``width`` px, eliding the last one."""
    out: list[str] = []
    rest = text
    while rest and len(out) < lines - 1:
        # longest prefix that fits, preferring a break at a space (Chinese has none: break anywhere)
        n = len(rest)
        while n > 1 and fm.horizontalAdvance(rest[:n]) > width:
            n -= 1
        cut = rest.rfind(" ", 0, n) if n < len(rest) else n
        cut = cut if cut > 0 else n
        out.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        out.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return "\n".join(out)
