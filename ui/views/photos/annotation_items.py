"""QGraphicsItems that draw one annotation over the image in the viewer, and turn back into JSON.

The JSON format is the media store's (``adjuster.media.annotate``): positions are fractions of the
upright image's width/height; radius, stroke width and text size are fractions of its long side.
Drawing here mirrors ``render_annotations`` so the viewer shows what the report will print.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from adjuster.media.annotate import DEFAULT_COLOR, DEFAULT_TEXT_SIZE, DEFAULT_WIDTH

LINE_KINDS = ("arrow", "measure")
POSITION_X = ("x", "x1", "x2", "cx")
POSITION_Y = ("y", "y1", "y2", "cy")


class AnnotationItem(QGraphicsItem):
    """One vector annotation; selectable and movable, never part of the image bytes."""

    def __init__(self, ann: dict[str, Any], image_w: float, image_h: float) -> None:
        super().__init__()
        self.ann = dict(ann)
        self.iw, self.ih = float(image_w), float(image_h)
        self.long = max(self.iw, self.ih)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, True)
        self.setZValue(10)

    @property
    def kind(self) -> str:
        return str(self.ann["type"])

    # -- geometry in scene pixels -----------------------------------------------------------------
    def px(self, key_x: str, key_y: str) -> QPointF:
        return QPointF(float(self.ann[key_x]) * self.iw, float(self.ann[key_y]) * self.ih)

    def pen_width(self) -> float:
        return max(1.0, float(self.ann.get("width", DEFAULT_WIDTH)) * self.long)

    def font(self) -> QFont:
        font = QFont()
        font.setPixelSize(max(8, round(float(self.ann.get("size", DEFAULT_TEXT_SIZE)) * self.long)))
        font.setBold(True)
        return font

    def label(self) -> str:
        return str(self.ann.get("text" if self.kind == "text" else "label", ""))

    def set_end(self, point: QPointF) -> None:
        """While drawing: move the end point / far corner / radius to ``point`` (scene pixels)."""
        self.prepareGeometryChange()
        fx, fy = point.x() / self.iw, point.y() / self.ih
        if self.kind in LINE_KINDS:
            self.ann["x2"], self.ann["y2"] = fx, fy
        elif self.kind == "rect":
            x0, y0 = self.ann["_ox"], self.ann["_oy"]
            self.ann.update(x=min(x0, fx), y=min(y0, fy), w=abs(fx - x0), h=abs(fy - y0))
        elif self.kind == "circle":
            centre = self.px("cx", "cy")
            self.ann["r"] = math.dist((centre.x(), centre.y()), (point.x(), point.y())) / self.long
        self.update()

    def extent(self) -> float:
        """Size of the shape in pixels, to drop accidental clicks that drew nothing."""
        if self.kind in LINE_KINDS:
            a, b = self.px("x1", "y1"), self.px("x2", "y2")
            return math.dist((a.x(), a.y()), (b.x(), b.y()))
        if self.kind == "rect":
            return min(self.ann["w"] * self.iw, self.ann["h"] * self.ih)
        if self.kind == "circle":
            return self.ann["r"] * self.long
        return 100.0

    def to_dict(self) -> dict[str, Any]:
        """The annotation with any drag applied, back in fractions, kept inside the image."""
        out = {k: v for k, v in self.ann.items() if not k.startswith("_")}
        dx, dy = self.pos().x() / self.iw, self.pos().y() / self.ih
        for key in POSITION_X:
            if key in out:
                out[key] = _clamp(float(out[key]) + dx)
        for key in POSITION_Y:
            if key in out:
                out[key] = _clamp(float(out[key]) + dy)
        if self.kind == "rect":
            out["w"] = min(float(out["w"]), 1.0 - out["x"])
            out["h"] = min(float(out["h"]), 1.0 - out["y"])
        for key, value in list(out.items()):
            if isinstance(value, float):
                out[key] = round(value, 5)
        return out

    def _label_rect(self) -> QRectF:
        text = self.label()
        if not text:
            return QRectF()
        rect = QFontMetricsF(self.font()).boundingRect(text)
        rect.adjust(-4, -2, 4, 2)
        if self.kind == "text":
            rect.moveTopLeft(self.px("x", "y"))
        else:  # measure: centred beside the line, as the report draws it
            a, b = self.px("x1", "y1"), self.px("x2", "y2")
            angle = math.atan2(b.y() - a.y(), b.x() - a.x())
            tick = max(4.0, self.pen_width() * 3.0) * 1.5
            offset = QPointF(-math.sin(angle) * tick, math.cos(angle) * tick)
            rect.moveCenter((a + b) / 2 + offset)
        return rect

    def _shape_rect(self) -> QRectF:
        if self.kind in LINE_KINDS:
            return QRectF(self.px("x1", "y1"), self.px("x2", "y2")).normalized()
        if self.kind == "rect":
            a = self.ann
            return QRectF(a["x"] * self.iw, a["y"] * self.ih, a["w"] * self.iw, a["h"] * self.ih)
        if self.kind == "circle":
            r = float(self.ann["r"]) * self.long
            centre = self.px("cx", "cy")
            return QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
        return QRectF(self.px("x", "y"), self.px("x", "y"))

    def boundingRect(self) -> QRectF:
        pad = self.pen_width() * 4 + 4
        return self._shape_rect().adjusted(-pad, -pad, pad, pad).united(self._label_rect())

    def shape(self) -> QPainterPath:
        """What a click hits: the stroke itself (a few pixels wide) and the label, not the whole box,
        so overlapping shapes can each be picked."""
        path = QPainterPath()
        if self.kind in LINE_KINDS:
            path.moveTo(self.px("x1", "y1"))
            path.lineTo(self.px("x2", "y2"))
        elif self.kind == "rect":
            path.addRect(self._shape_rect())
        elif self.kind == "circle":
            path.addEllipse(self._shape_rect())
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self.pen_width() * 2, 8.0))
        hit = stroker.createStroke(path)
        label = self._label_rect()
        if not label.isNull():
            hit.addRect(label)
        return hit

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        color = QColor(self.ann.get("color", DEFAULT_COLOR))
        width = self.pen_width()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.kind in LINE_KINDS:
            a, b = self.px("x1", "y1"), self.px("x2", "y2")
            painter.drawLine(a, b)
            if self.kind == "arrow":
                painter.setBrush(QBrush(color))
                painter.drawPolygon(_arrow_head(a, b, width))
            else:
                for end in (a, b):
                    painter.drawLine(*_tick(a, b, end, width))
        elif self.kind == "rect":
            painter.drawRect(self._shape_rect())
        elif self.kind == "circle":
            painter.drawEllipse(self._shape_rect())
        self._paint_label(painter, color)
        if self.isSelected():
            painter.setPen(QPen(QColor("#0a84ff"), 0, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.boundingRect())

    def _paint_label(self, painter: QPainter, color: QColor) -> None:
        rect = self._label_rect()
        if rect.isNull():
            return
        painter.setFont(self.font())
        # a dark outline, like the report's stroke, keeps the text readable on any background
        path = QPainterPath()
        metrics = QFontMetricsF(self.font())
        path.addText(rect.left() + 4, rect.top() + 2 + metrics.ascent(), self.font(), self.label())
        painter.setPen(QPen(QColor(0, 0, 0), max(1.0, self.font().pixelSize() / 10), Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPath(path)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _arrow_head(a: QPointF, b: QPointF, width: float) -> QPolygonF:
    angle = math.atan2(b.y() - a.y(), b.x() - a.x())
    head = max(6.0, width * 4.0)
    pts = [b] + [QPointF(b.x() - head * math.cos(angle + d), b.y() - head * math.sin(angle + d)) for d in (0.45, -0.45)]
    return QPolygonF(pts)


def _tick(a: QPointF, b: QPointF, at: QPointF, width: float) -> tuple[QPointF, QPointF]:
    angle = math.atan2(b.y() - a.y(), b.x() - a.x())
    tick = max(4.0, width * 3.0)
    d = QPointF(-math.sin(angle) * tick, math.cos(angle) * tick)
    return at - d, at + d


def new_annotation(kind: str, start: QPointF, image_w: float, image_h: float, color: str, width: float) -> dict[str, Any]:
    """A fresh annotation anchored at ``start`` (scene pixels), before the drag sizes it."""
    fx, fy = start.x() / image_w, start.y() / image_h
    base: dict[str, Any] = {"type": kind, "color": color, "width": width}
    if kind in LINE_KINDS:
        base.update(x1=fx, y1=fy, x2=fx, y2=fy)
    elif kind == "rect":
        base.update(x=fx, y=fy, w=0.0, h=0.0, _ox=fx, _oy=fy)
    elif kind == "circle":
        base.update(cx=fx, cy=fy, r=0.0)
    else:
        base.update(x=fx, y=fy)
    return base
