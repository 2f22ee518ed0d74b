"""Photo evidence: content-addressed originals, EXIF/GPS/orientation, upright derivatives, batch
import with progress and cancel, annotations and evidence stamps. See docs/photos.md."""

from __future__ import annotations

from adjuster.media.annotate import render_annotations, validate_annotations
from adjuster.media.errors import MediaMissingError, PhotoRejected
from adjuster.media.grouping import group_by_link, group_by_location, group_by_time, sort_by_time
from adjuster.media.importer import (
    CANCELLED,
    DUPLICATE,
    IMPORTED,
    REJECTED,
    ImportResult,
    collect_paths,
    import_files,
)
from adjuster.media.metadata import PhotoMeta, read_metadata
from adjuster.media.service import import_photos, link_photo, set_annotations, stamp_for, summarize
from adjuster.media.stamp import StampInfo
from adjuster.media.store import MediaStore, VerifyReport

__all__ = [
    "CANCELLED",
    "DUPLICATE",
    "IMPORTED",
    "REJECTED",
    "ImportResult",
    "MediaMissingError",
    "MediaStore",
    "PhotoMeta",
    "PhotoRejected",
    "StampInfo",
    "VerifyReport",
    "collect_paths",
    "group_by_link",
    "group_by_location",
    "group_by_time",
    "import_files",
    "import_photos",
    "link_photo",
    "read_metadata",
    "render_annotations",
    "set_annotations",
    "sort_by_time",
    "stamp_for",
    "summarize",
    "validate_annotations",
]
