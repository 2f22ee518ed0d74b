"""A layout that wraps its widgets onto the next line when the row is full (Qt's flow layout
example), so a row of answer buttons never sets the window's minimum width."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Left to right, wrapping; an item whose widget stretches (``expanding``) takes the line's rest."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = sum(i.sizeHint().width() for i in self._visible()) + self._spacing * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() is not None and i.widget().isHidden())]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        line: list[tuple[QLayoutItem, QSize]] = []

        def place_line() -> None:
            if not move or not line:
                return
            lx = area.x()
            stretch = [_expanding(it) for it, _ in line]
            used = sum(s.width() for _, s in line) + self._spacing * (len(line) - 1)
            extra = max(0, area.width() - used) // sum(stretch) if any(stretch) else 0
            for (it, s), grows in zip(line, stretch, strict=True):
                w = s.width() + (extra if grows else 0)
                it.setGeometry(QRect(QPoint(lx, line_y), QSize(w, line_h)))
                lx += w + self._spacing

        line_y, line_h = y, 0
        for item in self._visible():
            hint = item.sizeHint()
            w = min(hint.width(), max(area.width(), item.minimumSize().width()))
            if line and x + w > area.x() + area.width():
                place_line()
                y += line_height + self._spacing
                x, line_height, line = area.x(), 0, []
                line_y = y
            line.append((item, QSize(w, hint.height())))
            x += w + self._spacing
            line_height = max(line_height, hint.height())
            line_h = line_height
        place_line()
        return y + line_height - rect.y() + m.bottom()


def _expanding(item: QLayoutItem) -> bool:
    w = item.widget()
    return w is not None and w.sizePolicy().horizontalPolicy() in (QSizePolicy.Policy.Expanding,
                                                                   QSizePolicy.Policy.MinimumExpanding)
