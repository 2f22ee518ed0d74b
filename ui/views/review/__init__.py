"""Back-office mode: the review panel (connected to the hub over HTTP) and the device's Sync action."""

from ui.views.review.panel import ReviewPanel
from ui.views.review.sync import SyncController

__all__ = ["ReviewPanel", "SyncController"]
