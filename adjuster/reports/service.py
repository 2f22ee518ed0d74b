"""Generate a report from the store, write it atomically and record it as a new Report version.

Every generation is version n+1 with the sha256 of the PDF and the data snapshot it was made from,
so an edited case never silently replaces what was sent or signed. A signed report's file is
never overwritten: asking to write over it is refused with a message naming ``out``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from adjuster.domain.enums import OwnerType, ReportKind
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Report
from adjuster.reports.base import RenderResult, write_pdf
from adjuster.reports.from_store import loss_data_from_store
from adjuster.reports.i18n import check_lang
from adjuster.reports.loss import render_loss_report
from adjuster.util.atomic import atomic_open
from adjuster.util.clock import utcnow_iso
from adjuster.util.progress import CancelToken, ProgressFn


@dataclass
class ReportOutcome:
    report: Report
    path: Path
    pages: int
    warnings: list[str] = field(default_factory=list)
    archived: Path | None = None


def next_version(store: Any, owner_type: str, owner_id: str) -> int:
    latest = store.reports.latest(owner_type, owner_id)
    return (latest.version if latest else 0) + 1


def is_signed(store: Any, report: Report) -> bool:
    """Signed if flagged, or if any signature covers exactly this report's data snapshot."""
    if report.signed:
        return True
    if not report.snapshot_sha256:
        return False
    sigs = store.signatures.for_owner(report.owner_type.value, report.owner_id)
    return any(s.content_sha256 == report.snapshot_sha256 for s in sigs)


def _same_file(a: Path, b: str) -> bool:
    try:
        return bool(b) and Path(b).exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_not_signed_target(store: Any, owner_type: str, owner_id: str, out: Path) -> None:
    """Refuse to write over the file of a signed report of this owner."""
    if not out.exists():
        return
    for rep in store.reports.for_owner(owner_type, owner_id):
        if _same_file(out, rep.path) and is_signed(store, rep):
            raise ValidationError("out", f"{out} is signed report v{rep.version}; write the new version to another file")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "report"


def record_report(
    store: Any,
    *,
    kind: ReportKind,
    owner_type: OwnerType,
    owner_id: str,
    version: int,
    lang: str,
    result: RenderResult,
    out: Path,
    snapshot: Mapping[str, Any],
    snapshot_sha: str,
    archive_dir: Path | None,
    archive_stem: str,
    media: Any = None,
) -> ReportOutcome:
    """Write the PDF to ``out`` (and a never-overwritten archive copy), then add the Report row.

    The PDF's bytes also go into the media store under their sha256, so the Report row never
    syncs without its file (sync moves blobs by hash, as it does photos).
    """
    sha = write_pdf(out, result.pdf)
    if media is not None:
        media.put_bytes(result.pdf, sha256=sha)
    path = out.resolve()
    archived = None
    if archive_dir is not None:
        archived = archive_dir / f"{_safe(archive_stem)}-{kind.value}-v{version}.pdf"
        with atomic_open(archived, overwrite=False) as fh:
            fh.write(result.pdf)
        path = archived.resolve()
    report = Report(
        kind=kind, owner_type=owner_type, owner_id=owner_id, version=version, lang=lang,
        generated_at=utcnow_iso(), sha256=sha, path=str(path), snapshot_sha256=snapshot_sha, snapshot=dict(snapshot),
    )
    store.reports.create(report)
    return ReportOutcome(report=report, path=out, pages=result.pages, warnings=result.warnings, archived=archived)


def generate_loss_report(
    store: Any,
    media: Any,
    case_id: str,
    out: str | os.PathLike[str],
    *,
    lang: str = "both",
    photos_per_page: int = 4,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    settings: Mapping[str, Any] | None = None,
    archive_dir: str | os.PathLike[str] | None = None,
) -> ReportOutcome:
    """Render the loss report of a case (id, id prefix or claim no.) to ``out`` and record it.

    Runs in a worker: ``progress(done, total)`` per photo prepared and laid out; ``cancel`` stops
    at the next photo or flowable, leaving no file and no Report row.
    """
    check_lang(lang)
    out_path = Path(out)
    case = store.cases.resolve(case_id)
    check_not_signed_target(store, OwnerType.CASE.value, case.id, out_path)
    version = next_version(store, OwnerType.CASE.value, case.id)
    data, snapshot = loss_data_from_store(store, media, case.id, lang=lang, photos_per_page=photos_per_page,
                                          settings=settings, version=version)
    result = render_loss_report(data, progress=progress, cancel=cancel)
    return record_report(
        store, kind=ReportKind.LOSS, owner_type=OwnerType.CASE, owner_id=case.id, version=version, lang=lang,
        result=result, out=out_path, snapshot=snapshot, snapshot_sha=data.snapshot_sha256,
        archive_dir=Path(archive_dir) if archive_dir else None, media=media, archive_stem=case.claim_no,
    )


def generate_inspection_report(
    store: Any,
    media: Any,
    visit_id: str,
    out: str | os.PathLike[str],
    *,
    lang: str = "both",
    photos_per_page: int = 4,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    settings: Mapping[str, Any] | None = None,
    archive_dir: str | os.PathLike[str] | None = None,
) -> ReportOutcome:
    """Render the inspection report of a visit (id or id prefix) to ``out`` and record it."""
    from adjuster.reports.from_store_visit import find_visit, inspection_data_from_store
    from adjuster.reports.inspection import render_inspection_report

    check_lang(lang)
    out_path = Path(out)
    visit = find_visit(store, visit_id)
    check_not_signed_target(store, OwnerType.VISIT.value, visit.id, out_path)
    version = next_version(store, OwnerType.VISIT.value, visit.id)
    data, snapshot = inspection_data_from_store(store, media, visit.id, lang=lang, photos_per_page=photos_per_page,
                                                settings=settings, version=version)
    result = render_inspection_report(data, progress=progress, cancel=cancel)
    return record_report(
        store, kind=ReportKind.INSPECTION, owner_type=OwnerType.VISIT, owner_id=visit.id, version=version, lang=lang,
        result=result, out=out_path, snapshot=snapshot, snapshot_sha=data.snapshot_sha256,
        archive_dir=Path(archive_dir) if archive_dir else None, media=media, archive_stem=f"visit-{visit.id[:8]}",
    )
