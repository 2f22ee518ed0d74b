"""Photos of a record: thumbnail grid with drag-and-drop import, captions, item links, and a viewer
with zoom/pan and vector annotations."""

from ui.views.photos.tab import PhotosTab

__all__ = ["PhotosTab"]
