"""The viewer's canvas: a QGraphicsView that zooms (wheel, +/−, fit), pans (drag, middle button)
and lets the user draw annotations with the current tool. The image is shown, never modified."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QUndoCommand,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

from adjuster.media.annotate import DEFAULT_COLOR, DEFAULT_WIDTH
from ui.i18n import tr
from ui.views.photos.annotation_items import AnnotationItem, new_annotation

TOOLS = ("pan", "select", "arrow", "rect", "circle", "text", "measure")
MIN_ZOOM, MAX_ZOOM = 0.02, 40.0
MIN_SHAPE_PX = 4.0


class AddItem(QUndoCommand):
    def __init__(self, canvas: AnnotationCanvas, item: AnnotationItem, text: str) -> None:
        super().__init__(text)
        self.canvas, self.item = canvas, item

    def redo(self) -> None:
        if self.item.scene() is None:
            self.canvas.scene().addItem(self.item)
        self.canvas.changed.emit()

    def undo(self) -> None:
        self.canvas.scene().removeItem(self.item)
        self.canvas.changed.emit()


class RemoveItems(QUndoCommand):
    def __init__(self, canvas: AnnotationCanvas, items: list[AnnotationItem], text: str) -> None:
        super().__init__(text)
        self.canvas, self.items = canvas, items

    def redo(self) -> None:
        for item in self.items:
            if item.scene() is not None:
                self.canvas.scene().removeItem(item)
        self.canvas.changed.emit()

    def undo(self) -> None:
        for item in self.items:
            self.canvas.scene().addItem(item)
        self.canvas.changed.emit()


class MoveItems(QUndoCommand):
    """Items dragged with the select tool; the drag already happened when this is pushed."""

    def __init__(self, canvas: AnnotationCanvas, moves: list[tuple[AnnotationItem, QPointF, QPointF]], text: str) -> None:
        super().__init__(text)
        self.canvas, self.moves = canvas, moves
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            for item, _old, new in self.moves:
                item.setPos(new)
        self.canvas.changed.emit()

    def undo(self) -> None:
        for item, old, _new in self.moves:
            item.setPos(old)
        self.canvas.changed.emit()


class AnnotationCanvas(QGraphicsView):
    """Shows one image with its annotations; ``annotations()`` returns the vector list to store."""

    changed = Signal()
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self.undo_stack = QUndoStack(self)
        self.pixmap_item: QGraphicsPixmapItem | None = None
        self.image_w = self.image_h = 1.0
        self.tool = "pan"
        self.color = DEFAULT_COLOR
        self.stroke = DEFAULT_WIDTH
        self._drawing: AnnotationItem | None = None
        self._fitted = True
        #: asks the user for a label; replaced in tests (a modal dialog would block them)
        self.ask_text: Callable[[str, str], str | None] = lambda title, initial: None
        self.set_tool("pan")

    # -- content --------------------------------------------------------------------------------
    def set_image(self, image: QImage, annotations: list[dict[str, Any]]) -> None:
        """Show ``image`` (already upright) with ``annotations``; clears the drawing history."""
        self.scene().clear()
        self.undo_stack.clear()
        self.image_w, self.image_h = float(max(1, image.width())), float(max(1, image.height()))
        self.pixmap_item = self.scene().addPixmap(QPixmap.fromImage(image))
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.pixmap_item.setZValue(0)
        self.scene().setSceneRect(0, 0, self.image_w, self.image_h)
        for n, ann in enumerate(annotations):
            item = AnnotationItem(ann, self.image_w, self.image_h)
            item.setData(0, n + 1)
            self._apply_flags(item)
            self.scene().addItem(item)
        self.fit()

    def annotation_items(self) -> list[AnnotationItem]:
        items = [i for i in self.scene().items() if isinstance(i, AnnotationItem)]
        return sorted(items, key=lambda i: i.zValue() * 1e6 + self._order(i))

    def _order(self, item: AnnotationItem) -> int:
        return int(item.data(0) or 0)

    def annotations(self) -> list[dict[str, Any]]:
        return [i.to_dict() for i in self.annotation_items()]

    def add_annotation(self, ann: dict[str, Any], label: str) -> AnnotationItem:
        """Add one finished annotation as an undoable step (used by drawing and by tests)."""
        item = AnnotationItem(ann, self.image_w, self.image_h)
        item.setData(0, self._next_order())
        self._apply_flags(item)
        self.undo_stack.push(AddItem(self, item, label))
        return item

    def _next_order(self) -> int:
        return 1 + max((self._order(i) for i in self.annotation_items()), default=0)

    def delete_selected(self) -> None:
        items = [i for i in self.scene().selectedItems() if isinstance(i, AnnotationItem)]
        if items:
            self.undo_stack.push(RemoveItems(self, items, tr("Delete annotation")))

    # -- tools ----------------------------------------------------------------------------------
    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(tool)
        self.tool = tool
        drag = {"pan": QGraphicsView.DragMode.ScrollHandDrag, "select": QGraphicsView.DragMode.RubberBandDrag}
        self.setDragMode(drag.get(tool, QGraphicsView.DragMode.NoDrag))
        for item in self.annotation_items():
            self._apply_flags(item)
        cursor = Qt.CursorShape.OpenHandCursor if tool == "pan" else (
            Qt.CursorShape.ArrowCursor if tool == "select" else Qt.CursorShape.CrossCursor)
        self.viewport().setCursor(cursor)

    def _apply_flags(self, item: AnnotationItem) -> None:
        movable = self.tool == "select"
        item.setFlag(item.GraphicsItemFlag.ItemIsMovable, movable)
        item.setFlag(item.GraphicsItemFlag.ItemIsSelectable, movable)

    # -- zoom -----------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        current = self.zoom()
        factor = max(MIN_ZOOM / current, min(MAX_ZOOM / current, factor))
        self.scale(factor, factor)
        self._fitted = False
        self.zoomChanged.emit(self.zoom())

    def fit(self) -> None:
        if self.pixmap_item is not None:
            self.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)
            self._fitted = True
            self.zoomChanged.emit(self.zoom())

    def actual_size(self) -> None:
        self.resetTransform()
        self._fitted = False
        self.zoomChanged.emit(self.zoom())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.25 ** steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(0.8)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
        else:
            super().keyPressEvent(event)

    # -- drawing --------------------------------------------------------------------------------
    def _inside(self, point: QPointF) -> QPointF:
        return QPointF(min(max(point.x(), 0.0), self.image_w), min(max(point.y(), 0.0), self.image_h))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            event.accept()
            return
        if self.tool == "select" and event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {item: item.pos() for item in self.annotation_items()}
        if event.button() != Qt.MouseButton.LeftButton or self.tool in ("pan", "select") or self.pixmap_item is None:
            super().mousePressEvent(event)
            return
        start = self._inside(self.mapToScene(event.position().toPoint()))
        if self.tool == "text":
            text = self.ask_text(tr("Text"), "")
            if text and text.strip():
                ann = new_annotation("text", start, self.image_w, self.image_h, self.color, self.stroke)
                ann["text"] = text.strip()
                self.add_annotation(ann, tr("Add text"))
            event.accept()
            return
        ann = new_annotation(self.tool, start, self.image_w, self.image_h, self.color, self.stroke)
        self._drawing = AnnotationItem(ann, self.image_w, self.image_h)
        self.scene().addItem(self._drawing)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if getattr(self, "_pan_from", None) is not None and event.buttons() & Qt.MouseButton.MiddleButton:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(int(self.horizontalScrollBar().value() - delta.x()))
            self.verticalScrollBar().setValue(int(self.verticalScrollBar().value() - delta.y()))
            event.accept()
            return
        if self._drawing is not None:
            self._drawing.set_end(self._inside(self.mapToScene(event.position().toPoint())))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = None
            event.accept()
            return
        drawing, self._drawing = self._drawing, None
        if drawing is None:
            super().mouseReleaseEvent(event)
            before, self._press_positions = getattr(self, "_press_positions", {}), {}
            moves = [(item, old, item.pos()) for item, old in before.items()
                     if item.scene() is not None and item.pos() != old]
            if moves:
                self.undo_stack.push(MoveItems(self, moves, tr("Move annotation")))
            return
        drawing.set_end(self._inside(self.mapToScene(event.position().toPoint())))
        self.scene().removeItem(drawing)
        event.accept()
        if drawing.extent() < MIN_SHAPE_PX / max(self.zoom(), 1e-6):
            return  # a click, not a shape
        ann = {k: v for k, v in drawing.ann.items() if not k.startswith("_")}
        if ann["type"] == "measure":
            note = self.ask_text(tr("Measurement"), "")
            if note is None:
                return
            if note.strip():
                ann["label"] = note.strip()
        labels = {"arrow": tr("Add arrow"), "rect": tr("Add rectangle"),
                  "circle": tr("Add circle"), "measure": tr("Add measurement")}
        self.add_annotation(ann, labels[ann["type"]])
