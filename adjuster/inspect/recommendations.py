"""Rectification recommendations (整改建议): raise, follow up on the next visit, close with photos.

- Raised from a visit, usually on a deficient item, with priority, deadline and responsible party.
  Without a deadline one is set from the priority (``DEFAULT_DAYS`` after the visit date).
- Open ones are the next visit's follow-up list; that list is derived from the records rather than
  copied, so it stays right when a recommendation is closed on any device.
- Closing requires an 'after' photo, paired with the 'before' photo of the finding; waiving needs
  a reason. Overdue = still open after its deadline on the ``today`` the caller passes in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from adjuster.domain.coerce import coerce
from adjuster.domain.enums import Priority, RecommendationStatus
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Photo, Recommendation, Visit
from adjuster.inspect.templates import template_from_snapshot, tr

OPEN = (RecommendationStatus.OPEN, RecommendationStatus.OVERDUE)
#: days from the visit to the default deadline, by priority
DEFAULT_DAYS = {Priority.HIGH: 30, Priority.MEDIUM: 90, Priority.LOW: 180}


def priority_for(severity: int) -> Priority:
    """Severity 3–4 → high, 2 → medium, 1 (or none) → low."""
    if severity >= 3:
        return Priority.HIGH
    return Priority.MEDIUM if severity == 2 else Priority.LOW


def add_recommendation(
    store: Any,
    visit_id: str,
    item_key: str | None = None,
    *,
    text: str | None = None,
    priority: Priority | str | None = None,
    deadline: dt.date | None = None,
    responsible: str = "",
    before_photo_id: str | None = None,
    lang: str = "zh",
) -> Recommendation:
    """Raise a recommendation on the visit, tied to ``item_key``'s finding when given.

    ``text`` defaults to the template's suggested wording in ``lang``; ``priority`` to the one the
    finding's severity implies; the 'before' photo to the finding's first photo.
    """
    visit: Visit = store.visits.get(visit_id)
    finding = None
    severity = 0
    if item_key:
        item = template_from_snapshot(visit.template_snapshot).item(item_key)
        finding = store.findings.get_by_key(visit_id, item_key)
        if finding is None:
            raise ValidationError(item_key, "answer the item before raising a recommendation on it")
        severity = finding.severity
        if text is None:
            text = tr(item.recommendation, lang)
    if not (text or "").strip():
        raise ValidationError("text", "is required")
    prio = coerce(Priority, priority, "priority") if priority else priority_for(severity)
    if deadline is None:
        deadline = visit.visit_date + dt.timedelta(days=DEFAULT_DAYS[prio])
    if deadline < visit.visit_date:
        raise ValidationError("deadline", f"{deadline} is before the visit date {visit.visit_date}")
    if before_photo_id is None and finding is not None:
        photos = store.photos.for_finding(finding.id)
        before_photo_id = photos[0].id if photos else None
    elif before_photo_id is not None:
        store.photos.get(before_photo_id)
    rec = Recommendation(
        site_id=visit.site_id,
        visit_id=visit_id,
        finding_id=finding.id if finding else None,
        item_key=item_key or "",
        text=(text or "").strip(),
        priority=prio,
        deadline=deadline,
        responsible=responsible,
        before_photo_id=before_photo_id,
    )
    return store.recommendations.create(rec)


def _closable(store: Any, rec: Recommendation, visit_id: str | None, closed_on: dt.date) -> None:
    if rec.status not in OPEN:
        raise ValidationError("status", f"recommendation is already {rec.status.value}")
    raised = store.visits.get(rec.visit_id)
    if closed_on < raised.visit_date:
        raise ValidationError("closed_on", f"{closed_on} is before the visit that raised it ({raised.visit_date})")
    if visit_id is not None:
        visit = store.visits.get(visit_id)
        if visit.site_id != rec.site_id:
            raise ValidationError("visit_id", "the follow-up visit is of another site")


def close_recommendation(
    store: Any,
    rec_id: str,
    *,
    after_photo_id: str | None,
    closed_on: dt.date,
    visit_id: str | None = None,
    note: str = "",
) -> Recommendation:
    """Mark done; an 'after' photo is required and must differ from the 'before' one."""
    rec = store.recommendations.get(rec_id)
    _closable(store, rec, visit_id, closed_on)
    if not after_photo_id:
        raise ValidationError("after_photo_id", "closing a recommendation needs an 'after' photo")
    after: Photo = store.photos.get(after_photo_id)
    if rec.before_photo_id:
        before: Photo = store.photos.get(rec.before_photo_id)
        if before.id == after.id or before.sha256 == after.sha256:
            raise ValidationError("after_photo_id", "is the same picture as the 'before' photo")
    return store.recommendations.update(
        rec_id,
        status=RecommendationStatus.DONE,
        after_photo_id=after.id,
        closed_at=closed_on.isoformat(),
        closed_visit_id=visit_id,
        closing_note=note,
    )


def waive_recommendation(
    store: Any, rec_id: str, *, reason: str, closed_on: dt.date, visit_id: str | None = None
) -> Recommendation:
    """Withdraw a recommendation that no longer applies (the reason is kept)."""
    rec = store.recommendations.get(rec_id)
    _closable(store, rec, visit_id, closed_on)
    if not reason.strip():
        raise ValidationError("reason", "waiving a recommendation needs a reason")
    return store.recommendations.update(
        rec_id, status=RecommendationStatus.WAIVED, closed_at=closed_on.isoformat(),
        closed_visit_id=visit_id, closing_note=reason.strip(),
    )


def reopen_recommendation(store: Any, rec_id: str, *, note: str = "") -> Recommendation:
    """Undo a close or waiver (e.g. the rectification did not hold); the 'after' photo is unlinked."""
    rec = store.recommendations.get(rec_id)
    if rec.status in OPEN:
        raise ValidationError("status", "recommendation is already open")
    return store.recommendations.update(
        rec_id, status=RecommendationStatus.OPEN, after_photo_id=None, closed_at=None, closed_visit_id=None,
        closing_note=note,
    )


def photo_pair(store: Any, rec_id: str) -> tuple[Photo | None, Photo | None]:
    """The recommendation's (before, after) photos for side-by-side display."""
    rec = store.recommendations.get(rec_id)
    before = store.photos.find(rec.before_photo_id) if rec.before_photo_id else None
    after = store.photos.find(rec.after_photo_id) if rec.after_photo_id else None
    return before, after


def effective_status(rec: Recommendation, today: dt.date) -> RecommendationStatus:
    """The status to show on ``today``: an open one past its deadline is overdue."""
    if rec.status in OPEN and rec.deadline is not None and rec.deadline < today:
        return RecommendationStatus.OVERDUE
    return rec.status


def overdue(store: Any, today: dt.date, *, site_id: str | None = None) -> list[Recommendation]:
    """Open recommendations whose deadline passed before ``today`` (oldest deadline first)."""
    recs = store.recommendations.overdue(today)
    return [r for r in recs if site_id is None or r.site_id == site_id]


def flag_overdue(store: Any, today: dt.date) -> int:
    """Persist status 'overdue' on open recommendations past their deadline; returns how many changed."""
    changed = 0
    with store.transaction():
        for rec in store.recommendations.overdue(today):
            if rec.status == RecommendationStatus.OPEN:
                store.recommendations.update(rec.id, status=RecommendationStatus.OVERDUE)
                changed += 1
    return changed


def _visit_order(store: Any, site_id: str) -> dict[str, int]:
    return {v.id: n for n, v in enumerate(store.visits.for_site(site_id))}


def follow_up(store: Any, visit_id: str) -> list[Recommendation]:
    """Recommendations of earlier visits to the site that were still open when this visit took place.

    Includes ones closed or waived *at* (or after) this visit, so the visit's report shows what became
    of each; excludes ones already closed before it.
    """
    visit: Visit = store.visits.get(visit_id)
    order = _visit_order(store, visit.site_id)
    here = order[visit_id]
    out: list[Recommendation] = []
    for rec in store.recommendations.for_site(visit.site_id):
        raised_at = order.get(rec.visit_id)
        if raised_at is None or raised_at >= here:
            continue
        if rec.status in OPEN:
            out.append(rec)
        elif rec.closed_visit_id in order:
            if order[rec.closed_visit_id] >= here:
                out.append(rec)
        elif rec.closed_at and rec.closed_at[:10] >= visit.visit_date.isoformat():
            out.append(rec)
    return out
