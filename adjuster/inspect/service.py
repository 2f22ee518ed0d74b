"""Prevention visits through the store: start from a template, answer items, attach photos, grade.

A visit stores the full template it was started with (``template_snapshot``) and is scored from that
snapshot only, so editing or re-versioning a template file never changes a visit already made.
Every answer is checked against its item's type (ValidationError names the item key) and the score,
grade and category scores are recomputed and saved in the same transaction.

Recommendations, follow-up and overdue detection live in ``recommendations``; peril indicators and
site history in ``sites``. They are re-exported here so callers import one module.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from adjuster.domain.enums import FindingResult, OwnerType, VisitStatus
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Finding, Photo, Visit
from adjuster.inspect.recommendations import (  # noqa: F401 - re-exported
    DEFAULT_DAYS,
    OPEN,
    add_recommendation,
    close_recommendation,
    effective_status,
    flag_overdue,
    follow_up,
    overdue,
    photo_pair,
    reopen_recommendation,
    waive_recommendation,
)
from adjuster.inspect.scoring import Answer, ScoreCard, evaluate, photo_needed, score
from adjuster.inspect.sites import (  # noqa: F401 - re-exported
    PERILS,
    HistoryRow,
    peril_indicators,
    set_peril_indicators,
    site_history,
)
from adjuster.inspect.templates import Template, template_from_snapshot

EDITABLE = (VisitStatus.DRAFT, VisitStatus.RETURNED)


def _store_value(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def _attendees(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return value.strip()
    return "\n".join(v.strip() for v in value if v.strip())


def start_visit(
    store: Any,
    site_id: str,
    template: Template,
    *,
    visit_date: dt.date,
    engineer: str = "",
    weather: str = "",
    attendees: str | Sequence[str] = "",
    notes: str = "",
) -> Visit:
    """Open a draft visit of ``site_id`` against ``template``, freezing the template in the visit.

    Open recommendations from the site's earlier visits become this visit's follow-up list
    (``follow_up(store, visit.id)``).
    """
    store.sites.get(site_id)
    visit = Visit(
        site_id=site_id,
        visit_date=visit_date,
        engineer=engineer,
        assigned_to=engineer,
        template_id=template.id,
        template_version=str(template.version),
        template_snapshot=json.loads(json.dumps(template.doc)),  # a deep copy
        weather=weather,
        attendees=_attendees(attendees),
        notes=notes,
    )
    with store.transaction():
        store.visits.create(visit)
        _save_score(store, visit.id, score(template, {}))
    return store.visits.get(visit.id)


def visit_template(visit: Visit) -> Template:
    """The template the visit was started with (its snapshot), never today's file."""
    if not visit.template_snapshot:
        raise ValidationError("template_snapshot", f"visit {visit.id} has no template snapshot")
    return template_from_snapshot(visit.template_snapshot)


def update_visit(store: Any, visit_id: str, **fields: Any) -> Visit:
    """Change the visit's free fields: weather, attendees, notes, overall_comment, engineer, visit_date."""
    allowed = {"weather", "attendees", "notes", "overall_comment", "engineer", "visit_date"}
    bad = sorted(set(fields) - allowed)
    if bad:
        raise ValidationError(bad[0], "cannot be changed here")
    if "attendees" in fields:
        fields["attendees"] = _attendees(fields["attendees"])
    _editable(store.visits.get(visit_id))
    return store.visits.update(visit_id, **fields)


def _editable(visit: Visit) -> None:
    if visit.status not in EDITABLE:
        raise ValidationError("status", f"visit is {visit.status.value}; only draft or returned visits can be edited")


def answers_of(template: Template, findings: Sequence[Finding]) -> dict[str, Answer]:
    """Stored findings → Answers for scoring (unanswered ones and unknown keys left out)."""
    out: dict[str, Answer] = {}
    keys = {i.key: i for i in template.items}
    for f in findings:
        item = keys.get(f.item_key)
        if item is None or f.result == FindingResult.UNANSWERED:
            continue
        value: Any = f.value or None
        if item.answer == "number" and value is not None:
            value = Decimal(value)
        out[f.item_key] = Answer(f.item_key, f.result.value, value, f.severity or None)
    return out


def scorecard(store: Any, visit_id: str) -> ScoreCard:
    """Score the visit's current findings against its snapshot template."""
    visit = store.visits.get(visit_id)
    template = visit_template(visit)
    return score(template, answers_of(template, store.findings.for_visit(visit_id)))


def _save_score(store: Any, visit_id: str, card: ScoreCard) -> None:
    categories = {c["key"]: {k: v for k, v in c.items() if k != "key"} for c in card.to_json()["categories"]}
    store.visits.update(visit_id, score=card.overall, grade=card.grade or "", category_scores=categories)


def recompute(store: Any, visit_id: str) -> ScoreCard:
    """Recompute and save the visit's score, grade and category scores."""
    card = scorecard(store, visit_id)
    _save_score(store, visit_id, card)
    return card


def answer(
    store: Any,
    visit_id: str,
    item_key: str,
    *,
    result: str | None = None,
    value: Any = None,
    severity: int | None = None,
    note: str | None = None,
) -> Finding:
    """Record (or replace) the answer to one item; refuses answers that do not fit the item type.

    See ``scoring.evaluate`` for what each answer type takes. ``note=None`` keeps the finding's
    note. The visit's grade is updated too.
    """
    visit = store.visits.get(visit_id)
    _editable(visit)
    item = visit_template(visit).item(item_key)
    ans = evaluate(item, result=result, value=value, severity=severity)
    fields: dict[str, Any] = {
        "result": FindingResult(ans.result),
        "value": _store_value(ans.value),
        "severity": ans.severity or 0,
    }
    if note is not None:
        fields["note"] = note
    with store.transaction():
        existing = store.findings.get_by_key(visit_id, item_key)
        if existing is None:
            finding = store.findings.create(Finding(visit_id=visit_id, item_key=item_key, **fields))
        else:
            finding = store.findings.update(existing.id, **fields)
        recompute(store, visit_id)
    return finding


def answer_many(store: Any, visit_id: str, answers: Mapping[str, Mapping[str, Any]]) -> ScoreCard:
    """Answer several items at once (item key → keyword arguments of ``answer``), all or nothing."""
    with store.transaction():
        for key, kwargs in answers.items():
            answer(store, visit_id, key, **kwargs)
        return scorecard(store, visit_id)


def clear_answer(store: Any, visit_id: str, item_key: str) -> None:
    """Set an item back to unanswered (its photos stay linked)."""
    visit = store.visits.get(visit_id)
    _editable(visit)
    visit_template(visit).item(item_key)
    with store.transaction():
        existing = store.findings.get_by_key(visit_id, item_key)
        if existing is not None:
            store.findings.update(existing.id, result=FindingResult.UNANSWERED, value="", severity=0)
        recompute(store, visit_id)


def ensure_finding(store: Any, visit: Visit, item_key: str) -> Finding:
    """The item's finding, created unanswered if the engineer photographs before answering."""
    visit_template(visit).item(item_key)
    existing = store.findings.get_by_key(visit.id, item_key)
    if existing is not None:
        return existing
    return store.findings.create(Finding(visit_id=visit.id, item_key=item_key))


def attach_photo(store: Any, visit_id: str, item_key: str, photo_id: str) -> Photo:
    """Link a photo taken on this visit to an item's finding (the 'before' evidence of a deficiency)."""
    visit = store.visits.get(visit_id)
    photo = store.photos.get(photo_id)
    if not _photo_on_visit(store, photo, visit_id):
        raise ValidationError("photo_id", f"photo {photo_id} does not belong to visit {visit_id}")
    with store.transaction():
        finding = ensure_finding(store, visit, item_key)
        return store.photos.update(photo_id, finding_id=finding.id)


def add_photo_record(store: Any, visit_id: str, source: Photo | str, *, item_key: str | None = None,
                     caption: str = "") -> Photo:
    """Record a photo already in the media store (a Photo elsewhere, or its sha256) on this visit.

    The same bytes on the same visit stay one row; giving ``item_key`` again moves its link.
    """
    visit = store.visits.get(visit_id)
    with store.transaction():
        finding_id = ensure_finding(store, visit, item_key).id if item_key else None
        if isinstance(source, Photo):
            fields = {k: getattr(source, k) for k in (
                "sha256", "original_name", "mime", "size", "width", "height", "orientation", "taken_at",
                "taken_at_source", "gps_lat", "gps_lon", "gps_alt", "camera_make", "camera_model", "imported_at")}
        else:
            fields = {"sha256": source}
        existing = store.photos.for_owner_sha(OwnerType.VISIT, visit_id, fields["sha256"])
        if existing is not None:
            return store.photos.update(existing.id, finding_id=finding_id) if finding_id else existing
        photo = Photo(owner_type=OwnerType.VISIT, owner_id=visit_id, finding_id=finding_id,
                      position=store.photos.next_position(OwnerType.VISIT, visit_id), caption=caption, **fields)
        return store.photos.create(photo)


def _photo_on_visit(store: Any, photo: Photo, visit_id: str) -> bool:
    if photo.owner_type == OwnerType.VISIT:
        return photo.owner_id == visit_id
    if photo.owner_type == OwnerType.FINDING:
        finding = store.findings.find(photo.owner_id)
        return finding is not None and finding.visit_id == visit_id
    return False


def finding_photos(store: Any, visit_id: str) -> dict[str, list[Photo]]:
    """Item key → photos linked to that item's finding on this visit."""
    out: dict[str, list[Photo]] = {}
    for f in store.findings.for_visit(visit_id):
        photos = store.photos.for_finding(f.id)
        if photos:
            out[f.item_key] = photos
    return out


@dataclass(frozen=True)
class Problem:
    """Something that stops a visit from being submitted; ``item_key`` is empty for visit-level ones."""

    item_key: str
    message: str


def problems(store: Any, visit_id: str) -> list[Problem]:
    """What is missing before submission: answers, required photos, forced recommendations."""
    visit = store.visits.get(visit_id)
    template = visit_template(visit)
    answers = answers_of(template, store.findings.for_visit(visit_id))
    photos = finding_photos(store, visit_id)
    # a deficiency already under an open recommendation from an earlier visit needs no second one
    raised = {r.item_key for r in store.recommendations.for_visit(visit_id)}
    raised |= {r.item_key for r in follow_up(store, visit_id) if r.status in OPEN}
    out: list[Problem] = []
    for item in template.items:
        ans = answers.get(item.key)
        if ans is None and item.scored:
            out.append(Problem(item.key, "is not answered"))
            continue
        if photo_needed(item, ans) and not photos.get(item.key):
            out.append(Problem(item.key, "needs a photo"))
    for key in score(template, answers).required_recommendations:
        if key not in raised:
            out.append(Problem(key, "a deficiency of severity ≥ 3 needs a recommendation"))
    return out


def submit_visit(store: Any, visit_id: str) -> Visit:
    """Move a complete draft visit to submitted; the first problem is raised naming its item key."""
    visit = store.visits.get(visit_id)
    _editable(visit)
    found = problems(store, visit_id)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise ValidationError(found[0].item_key or "visit", found[0].message + more)
    with store.transaction():
        recompute(store, visit_id)
        return store.visits.update(visit_id, status=VisitStatus.SUBMITTED)
