"""Signature pad dialog: strokes from a mouse, a pen (with pressure) or a finger, kept as vectors
and exported as a cropped PNG for the media store.

``SignatureDialog(signer, role)``; after ``exec()`` returns Accepted, ``png_bytes()`` is the image and
``strokes()`` the vector form. Saving is the caller's one line:
``adjuster.signatures.sign(store, media, owner_type, owner_id, signer, role, dlg.png_bytes(), content_sha)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QShortcut,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr

Point = tuple[float, float, float]  # x, y, pressure (1.0 for mouse and touch)
INK = QColor("#0b1f66")
BASE_WIDTH = 2.6
EXPORT_MARGIN = 12


def _role_label(role: str) -> str:
    return {"insured": tr("Insured"), "adjuster": tr("Adjuster"), "engineer": tr("Engineer"),
            "reviewer": tr("Reviewer"), "site_contact": tr("Site contact")}.get(role, role)


class SignaturePad(QWidget):
    """A white pad that records strokes; mouse, tablet pen and touch all feed the same stroke list."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(QSize(480, 200))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._strokes: list[list[Point]] = []
        self._current: list[Point] | None = None

    # -- strokes --------------------------------------------------------------------------------
    def strokes(self) -> list[list[Point]]:
        return [list(s) for s in self._strokes]

    def is_empty(self) -> bool:
        return not any(len(s) for s in self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def undo_stroke(self) -> None:
        if self._strokes:
            self._strokes.pop()
            self.update()
            self.changed.emit()

    def begin(self, pos: QPointF, pressure: float = 1.0) -> None:
        self._current = [(pos.x(), pos.y(), pressure)]
        self._strokes.append(self._current)
        self.update()

    def extend(self, pos: QPointF, pressure: float = 1.0) -> None:
        if self._current is None:
            return
        last = self._current[-1]
        if abs(last[0] - pos.x()) + abs(last[1] - pos.y()) < 0.5:
            return
        self._current.append((pos.x(), pos.y(), pressure))
        self.update()

    def end(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit()

    # -- input ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.extend(event.position())
            self.end()
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        # accepting stops Qt from also sending the synthesized mouse events
        kind = event.type()
        pressure = max(0.1, float(event.pressure()))
        if kind == QTabletEvent.Type.TabletPress:
            self.begin(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletMove and self._current is not None:
            self.extend(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletRelease:
            self.end()
        event.accept()

    def event(self, event: Any) -> bool:
        if isinstance(event, QTouchEvent):
            points = event.points()
            if points:
                p = points[0]
                kind = event.type()
                if kind == QTouchEvent.Type.TouchBegin:
                    self.begin(p.position())
                elif kind == QTouchEvent.Type.TouchUpdate:
                    self.extend(p.position())
                elif kind in (QTouchEvent.Type.TouchEnd, QTouchEvent.Type.TouchCancel):
                    self.extend(p.position())
                    self.end()
            event.accept()
            return True
        return super().event(event)

    # -- drawing --------------------------------------------------------------------------------
    def _paint_strokes(self, painter: QPainter, scale: float = 1.0, offset: QPointF | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        off = offset or QPointF(0, 0)
        for stroke in self._strokes:
            if len(stroke) == 1:
                x, y, p = stroke[0]
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(INK)
                r = BASE_WIDTH * scale * (0.5 + p) / 2
                painter.drawEllipse(QPointF(x * scale, y * scale) - off, r, r)
                continue
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for (x1, y1, p1), (x2, y2, p2) in zip(stroke, stroke[1:], strict=False):
                pen = QPen(INK, BASE_WIDTH * scale * (0.5 + (p1 + p2) / 2) / 1.5, Qt.PenStyle.SolidLine,
                           Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
                painter.setPen(pen)
                painter.drawLine(QPointF(x1 * scale, y1 * scale) - off, QPointF(x2 * scale, y2 * scale) - off)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#c8c8c8"), 1, Qt.PenStyle.DashLine))
        base = self.height() * 0.75
        painter.drawLine(QPointF(24, base), QPointF(self.width() - 24, base))
        painter.setPen(QColor("#9a9a9a"))
        painter.drawText(QPointF(24, base + 18), "×")
        self._paint_strokes(painter)
        painter.end()

    def bounds(self) -> QRectF:
        path = QPainterPath()
        first = True
        for stroke in self._strokes:
            for x, y, _ in stroke:
                if first:
                    path.moveTo(x, y)
                    first = False
                path.lineTo(x, y)
        return path.boundingRect()

    def to_image(self, scale: float = 2.0) -> QImage:
        """The signature cropped to its ink (plus a margin) on a transparent background, at ``scale``."""
        rect = self.bounds()
        if self.is_empty():
            return QImage()
        margin = EXPORT_MARGIN + BASE_WIDTH * 2
        w = max(1, round((rect.width() + 2 * margin) * scale))
        h = max(1, round((rect.height() + 2 * margin) * scale))
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._paint_strokes(painter, scale, QPointF((rect.left() - margin) * scale, (rect.top() - margin) * scale))
        painter.end()
        return image

    def png_bytes(self, scale: float = 2.0) -> bytes:
        image = self.to_image(scale)
        if image.isNull():
            return b""
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        buf.close()
        return bytes(data.data())


class SignatureDialog(QDialog):
    """Ask ``signer`` (in ``role``) to sign; Sign is enabled once there is ink on the pad."""

    def __init__(self, signer: str, role: str, parent: QWidget | None = None, *, statement: str = "") -> None:
        super().__init__(parent)
        self.signer, self.role = signer, str(role)
        self.setWindowTitle(tr("Signature"))
        self.resize(640, 360)
        who = QLabel(tr("{} — {}").format(signer, _role_label(self.role)), self)
        who.setObjectName("signerLabel")
        who.setStyleSheet("font-weight: bold;")
        hint = QLabel(statement or tr("Sign inside the box with a mouse, pen or finger."), self)
        hint.setWordWrap(True)
        self.pad = SignaturePad(self)
        self.pad.setObjectName("signaturePad")
        self.clear_button = QPushButton(tr("Clear"), self)
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button = QPushButton(tr("Undo stroke"), self)
        self.undo_button.clicked.connect(self.pad.undo_stroke)
        QShortcut(QKeySequence.StandardKey.Undo, self, activated=self.pad.undo_stroke)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_button.setText(tr("Sign"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.clear_button)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(hint)
        layout.addWidget(self.pad, 1)
        layout.addLayout(row)
        self.pad.changed.connect(self._update_buttons)
        self._update_buttons()

    def _update_buttons(self) -> None:
        empty = self.pad.is_empty()
        self.sign_button.setEnabled(not empty)
        self.clear_button.setEnabled(not empty)
        self.undo_button.setEnabled(not empty)

    def accept(self) -> None:
        if self.pad.is_empty():
            return  # nothing to sign with; the button is disabled, this guards Enter
        super().accept()

    def png_bytes(self) -> bytes:
        """The signature as a cropped PNG (empty bytes if nothing was drawn)."""
        return self.pad.png_bytes()

    def strokes(self) -> dict[str, Any]:
        """The vector form: pad size and strokes of [x, y, pressure] points."""
        return {"width": self.pad.width(), "height": self.pad.height(),
                "strokes": [[list(p) for p in s] for s in self.pad.strokes()]}


def ask_signature(store: Any, media: Any, owner_type: str, owner_id: str, signer: str, role: str,
                  content_sha256: str, parent: QWidget | None = None) -> Any:
    """Open the pad (modal) and, when signed, store image and record; returns the Signature or None.

    ``content_sha256`` is the data snapshot being signed, e.g. the latest report's ``snapshot_sha256``.
    A refused signature (ValidationError) is shown in a message box and nothing is stored.
    """
    from PySide6.QtWidgets import QMessageBox

    from adjuster import signatures
    from adjuster.domain.errors import AdjusterError

    dialog = SignatureDialog(signer, role, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        return signatures.sign(store, media, owner_type, owner_id, signer, role, dialog.png_bytes(), content_sha256)
    except AdjusterError as err:
        QMessageBox.warning(parent, tr("Signature"), tr("The signature was not saved: {}").format(err))
        return None
