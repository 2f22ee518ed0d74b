"""Shared driver: prepare photos (threads), build the story, lay it out, report progress."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.platypus import Flowable

from adjuster.reports.base import DocMeta, RenderResult, build_pdf
from adjuster.reports.model import PhotoEntry
from adjuster.reports.photo_flow import PhotoCells
from adjuster.reports.photo_prep import PreparedPhoto, prepare_all
from adjuster.util.progress import CancelToken, ProgressFn

StoryFn = Callable[[list[PreparedPhoto], list[str]], list[Flowable]]


def render_with_photos(
    photos: Sequence[PhotoEntry],
    meta: DocMeta,
    story_fn: StoryFn,
    *,
    progress: ProgressFn | None,
    cancel: CancelToken | None,
    workdir: Path | None,
) -> RenderResult:
    """Prepare photos, build the story and lay it out; progress runs 0..2n+1 over both phases."""
    total = 2 * len(photos) + 1
    report = progress or (lambda done, tot: None)
    report(0, total)
    with tempfile.TemporaryDirectory(prefix="adj-report-", dir=workdir) as tmp:
        prepared = prepare_all(photos, Path(tmp), progress=lambda i: report(i, total), cancel=cancel)
        warnings: list[str] = []
        story = story_fn(prepared, warnings)
        drawn = [len(photos)]

        def on_flowable(f: Flowable) -> None:
            if isinstance(f, PhotoCells):
                drawn[0] += len(f.photos)
                report(min(drawn[0], total - 1), total)

        result = build_pdf(story, meta, cancel=cancel, on_flowable=on_flowable, warnings=warnings)
    report(total, total)
    return result
