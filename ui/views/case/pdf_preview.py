"""PDF page preview without QtPdf (not in PySide6-Essentials): pages are rendered by pypdfium2 in a
worker into QImages and shown stacked in a scroll area."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from adjuster.util.progress import CancelToken, ProgressFn

#: 72 dpi × scale; 1.4 shows an A4 page about 830 px wide — readable, cheap to render.
PREVIEW_SCALE = 1.4
MAX_PAGES = 60


def render_pages(path: str | Path, progress: ProgressFn, token: CancelToken, *, scale: float = PREVIEW_SCALE,
                 max_pages: int = MAX_PAGES) -> list[QImage]:
    """Render up to ``max_pages`` pages to QImages (safe off the UI thread: no QPixmap here)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        count = min(len(pdf), max_pages)
        images: list[QImage] = []
        for i in range(count):
            token.raise_if_cancelled()
            pil = pdf[i].render(scale=scale).to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            img = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888).copy()
            images.append(img)
            progress(i + 1, count)
        return images
    finally:
        pdf.close()


class PageView(QScrollArea):
    """Pages one under another, centred, with a gap; ``pages`` counts what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._body)
        self.pages = 0
        self._images: list[QImage] = []
        self._labels: list[QLabel] = []
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self._layout.addWidget(self.message)

    def clear(self) -> None:
        while self._layout.count() > 1:
            item = self._layout.takeAt(1)
            if item and item.widget():
                item.widget().deleteLater()
        self.pages = 0
        self._images, self._labels = [], []

    def show_message(self, text: str) -> None:
        self.clear()
        self.message.setText(text)
        self.message.show()

    def show_pages(self, images: list[Any]) -> None:
        self.clear()
        self.message.hide()
        self._images = list(images)
        self._labels = []
        for _img in images:
            label = QLabel()
            label.setStyleSheet("background: white; border: 1px solid #999;")
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._labels.append(label)
        self.pages = len(images)
        self._fit()
        self.verticalScrollBar().setValue(0)

    def _fit(self) -> None:
        """Pages fit the view's width (never enlarged beyond the rendered resolution)."""
        dpr = self.devicePixelRatioF()  # sharp on high-DPI screens: scale in device pixels
        width = int(max(200, self.viewport().width() - 30) * dpr)
        for img, label in zip(self._images, self._labels, strict=True):
            pix = QPixmap.fromImage(img)
            if pix.width() > width:
                pix = pix.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            pix.setDevicePixelRatio(dpr)
            label.setPixmap(pix)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self._images:
            self._fit()
