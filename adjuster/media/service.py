"""Photos as case evidence: import into the media store *and* record Photo rows, link photos to loss
items and findings, keep annotations. The UI, the CLI and tests call these functions.

Crash rule: a Photo row is written only after its original is durable in media/ (temp → fsync →
rename), one small transaction per file. A killed import therefore leaves at worst an original no
row points at yet — never a row without its file — and running the import again finishes the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from adjuster.domain.enums import OwnerType
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Photo
from adjuster.media import errors as E
from adjuster.media.annotate import validate_annotations
from adjuster.media.importer import (
    CANCELLED,
    DUPLICATE,
    IMPORTED,
    REJECTED,
    ImportResult,
    collect_paths,
    prepare_many,
)
from adjuster.media.stamp import StampInfo
from adjuster.media.store import MediaStore
from adjuster.util.clock import utcnow_iso
from adjuster.util.progress import CancelToken, ProgressFn

_OWNER_REPO = {
    OwnerType.CASE: "cases",
    OwnerType.ITEM: "items",
    OwnerType.SITE: "sites",
    OwnerType.VISIT: "visits",
    OwnerType.FINDING: "findings",
    OwnerType.RECOMMENDATION: "recommendations",
}


def _owner(owner_type: OwnerType | str) -> OwnerType:
    try:
        return OwnerType(owner_type)
    except ValueError:
        raise ValidationError("owner_type", f"must be one of {', '.join(o.value for o in OwnerType)}") from None


def check_owner(store: Any, owner_type: OwnerType | str, owner_id: str) -> OwnerType:
    """Raise NotFoundError unless the owner record exists."""
    ot = _owner(owner_type)
    getattr(store, _OWNER_REPO[ot]).get(owner_id)
    return ot


def _check_links(store: Any, owner_type: OwnerType, owner_id: str, item_id: str | None, finding_id: str | None) -> None:
    """A photo of case A cannot document an item of case B (nor a visit's photo another visit's finding)."""
    if item_id:
        item = store.items.get(item_id)
        if owner_type == OwnerType.CASE and item.case_id != owner_id:
            raise ValidationError("item_id", "the loss item belongs to another case")
    if finding_id:
        finding = store.findings.get(finding_id)
        if owner_type == OwnerType.VISIT and finding.visit_id != owner_id:
            raise ValidationError("finding_id", "the finding belongs to another visit")


def import_photos(
    store: Any,
    media: MediaStore,
    owner_type: OwnerType | str,
    owner_id: str,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    item_id: str | None = None,
    finding_id: str | None = None,
    workers: int | None = None,
    recursive: bool = True,
) -> list[ImportResult]:
    """Import files and folders as photos of one owner; one result per file, in input order.

    ``imported``: new photo row. ``duplicate``: this owner already has these bytes (the existing
    row's id is in ``photo_id``). ``rejected``: with ``code`` and ``reason``. ``cancelled``: not
    started because ``cancel`` was set (files already started finish and are recorded).
    The same bytes under another owner reuse the stored original. ``progress(done, total)`` is
    called on the calling thread, which is also the only thread that writes to ``store``.
    """
    ot = check_owner(store, owner_type, owner_id)
    _check_links(store, ot, owner_id, item_id, finding_id)
    candidates = collect_paths(paths, recursive=recursive)
    total = len(candidates)
    results: list[ImportResult | None] = [None] * total
    if progress:
        progress(0, total)
    # Files finish out of order on the pool; rows are written in input order so positions follow
    # the order the user chose (a small reorder buffer: at most 2 × workers files are in flight).
    done = 0
    for i, res in prepare_many(media, candidates, workers=workers, cancel=cancel):
        results[i] = res
        while done < total and results[done] is not None:
            ready = results[done]
            assert ready is not None
            if ready.status == IMPORTED:
                _record(store, media, ot, owner_id, ready, item_id=item_id, finding_id=finding_id)
            done += 1
            if progress:
                progress(done, total)
    return [r for r in results if r is not None]


def _record(
    store: Any,
    media: MediaStore,
    owner_type: OwnerType,
    owner_id: str,
    res: ImportResult,
    *,
    item_id: str | None,
    finding_id: str | None,
) -> None:
    assert res.sha256 and res.meta
    if not media.has(res.sha256):  # the invariant this module exists for
        res.status, res.code, res.reason = REJECTED, E.STORE_FAILED, "original missing after store; not recorded"
        return
    meta = res.meta
    with store.transaction():
        existing = store.photos.for_owner_sha(owner_type, owner_id, res.sha256)
        if existing is not None:
            res.status, res.photo_id = DUPLICATE, existing.id
            return
        photo = Photo(
            sha256=res.sha256,
            owner_type=owner_type,
            owner_id=owner_id,
            item_id=item_id,
            finding_id=finding_id,
            position=store.photos.next_position(owner_type, owner_id),
            original_name=os.path.basename(res.path),
            mime=meta.mime,
            size=res.size,
            width=meta.width,
            height=meta.height,
            orientation=meta.orientation,
            taken_at=meta.taken_at,
            taken_at_source=meta.taken_at_source,
            gps_lat=meta.gps_lat,
            gps_lon=meta.gps_lon,
            gps_alt=meta.gps_alt,
            camera_make=meta.camera_make,
            camera_model=meta.camera_model,
            imported_at=utcnow_iso(),
            warnings="; ".join(meta.warnings),
        )
        store.photos.create(photo)
        res.photo_id = photo.id


def summarize(results: Sequence[ImportResult]) -> dict[str, int]:
    """Counts per status, for a summary line."""
    counts = {IMPORTED: 0, DUPLICATE: 0, REJECTED: 0, CANCELLED: 0}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    return counts


def link_photo(store: Any, photo_id: str, *, item_id: str | None = None, finding_id: str | None = None) -> Photo:
    """Tie a photo to a loss item and/or a finding ("" unlinks). The target must exist."""
    photo = store.photos.get(photo_id)
    _check_links(store, OwnerType(photo.owner_type), photo.owner_id, item_id or None, finding_id or None)
    changes: dict[str, Any] = {}
    if item_id is not None:
        changes["item_id"] = item_id or None
    if finding_id is not None:
        changes["finding_id"] = finding_id or None
    return store.photos.update(photo_id, **changes) if changes else photo


def set_annotations(store: Any, photo_id: str, shapes: list[dict[str, Any]]) -> Photo:
    """Replace a photo's annotations after validating them (ValidationError names the shape)."""
    clean = validate_annotations(shapes)
    return store.photos.update(photo_id, annotations=clean)


def stamp_for(store: Any, photo: Photo, *, label: str = "") -> StampInfo:
    """The evidence stamp of a photo, with the claim number of the case it belongs to (if any)."""
    claim_no = ""
    case_id = None
    if photo.owner_type == OwnerType.CASE:
        case_id = photo.owner_id
    elif photo.owner_type == OwnerType.ITEM:
        item = store.items.find(photo.owner_id)
        case_id = item.case_id if item else None
    if case_id:
        case = store.cases.find(case_id)
        claim_no = getattr(case, "claim_no", "") or "" if case else ""
    return StampInfo.for_photo(photo, claim_no=claim_no, label=label)


def expected_hashes(store: Any) -> set[str]:
    """Every sha256 the database says is in the media store: photos and signature images (what
    ``adjuster verify`` checks). Report PDFs live in the reports folder, hashed on their row."""
    shas = set(store.photos.all_hashes())
    rows = store.query(
        "SELECT DISTINCT image_sha256 AS s FROM signatures WHERE deleted_at IS NULL AND image_sha256 != ''"
    )
    shas.update(r["s"] for r in rows if r["s"])
    return shas
