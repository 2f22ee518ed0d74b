"""Thumbnail cache: QPixmaps keyed by sha256, filled by background jobs, never decoded on the UI thread.

Views ask ``pixmap(sha)``; a miss starts one job (deduplicated) and returns None, and ``ready(sha)``
fires when the pixmap is in the cache. A least-recently-used bound keeps memory flat for big cases.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap

from ui.views.photos import jobs
from ui.views.photos.imaging import THUMB, load_derivative

DEFAULT_LIMIT = 2000


class ThumbnailCache(QObject):
    """One per media store is enough; every grid over that store can share it."""

    ready = Signal(str)
    failed = Signal(str, str)

    def __init__(self, runner: Any, media: Any, *, limit: int = DEFAULT_LIMIT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.media = media
        self.limit = limit
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._pending: set[str] = set()
        self.errors: dict[str, str] = {}
        self.loads = 0  # thumbnails decoded (for tests and the benchmark)

    def pixmap(self, sha256: str) -> QPixmap | None:
        """The cached thumbnail, or None after starting a background load."""
        pix = self._pixmaps.get(sha256)
        if pix is not None:
            self._pixmaps.move_to_end(sha256)
            return pix
        if sha256 not in self._pending and sha256 not in self.errors:
            self._pending.add(sha256)
            media = self.media
            jobs.run(
                self.runner,
                lambda: load_derivative(media, sha256, THUMB),
                on_done=lambda image, s=sha256: self._store(s, image),
                on_error=lambda message, s=sha256: self._fail(s, message),
                quiet=True,
            )
        return None

    def is_pending(self, sha256: str) -> bool:
        return sha256 in self._pending

    def _store(self, sha256: str, image: QImage) -> None:
        self._pending.discard(sha256)
        self._pixmaps[sha256] = QPixmap.fromImage(image)
        self.loads += 1
        while len(self._pixmaps) > self.limit:
            self._pixmaps.popitem(last=False)
        self.ready.emit(sha256)

    def _fail(self, sha256: str, message: str) -> None:
        self._pending.discard(sha256)
        self.errors[sha256] = message
        self.failed.emit(sha256, message)

    def forget(self, sha256: str) -> None:
        """Drop a cached entry (e.g. after the derivative was rebuilt) so the next ask reloads it."""
        self._pixmaps.pop(sha256, None)
        self.errors.pop(sha256, None)


_CACHES: dict[tuple[int, int], ThumbnailCache] = {}


def shared_thumbnails(runner: Any, media: Any) -> ThumbnailCache:
    """One thumbnail cache per (runner, media store), shared by every grid of the app."""
    key = (id(runner), id(media))
    cache = _CACHES.get(key)
    if cache is None:
        cache = _CACHES[key] = ThumbnailCache(runner, media, parent=runner)
        cache.destroyed.connect(lambda *_: _CACHES.pop(key, None))
    return cache
