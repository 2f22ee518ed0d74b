"""Build inspection report data from the store: visit, site and its peril indicators, checklist (from
the visit's frozen template snapshot), scores and grade saved on the visit with how the grade follows
from the rule, findings with photos, recommendations, and the follow-up of earlier visits'
recommendations (``adjuster.inspect.recommendations.follow_up``) with their before/after photos."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from adjuster.domain.enums import FindingResult, OwnerType, RecommendationStatus
from adjuster.domain.models import Recommendation, Visit
from adjuster.inspect.recommendations import OPEN, follow_up, photo_pair
from adjuster.inspect.scoring import band_for, q1
from adjuster.inspect.sites import LEVEL_NAMES, PERILS, peril_indicators
from adjuster.inspect.sites import PERIL_NAMES as SITE_PERILS
from adjuster.inspect.templates import template_from_snapshot
from adjuster.reports.from_store import _signatures, company_from_settings, photo_entry, snapshot_sha256
from adjuster.reports.i18n import L
from adjuster.reports.model import (
    ChecklistCategory,
    ChecklistRow,
    FindingEntry,
    FollowUpEntry,
    InspectionReportData,
    PerilEntry,
    RecommendationRow,
    ScoreEntry,
)

GRADE_WORDS = {"A": ("优", "Excellent"), "B": ("良", "Good"), "C": ("中", "Average"), "D": ("差", "Poor"),
               "E": ("很差", "Very poor")}


def _text(t: Mapping[str, str] | None, lang: str) -> str:
    if not t:
        return ""
    return L(t.get("zh", ""), t.get("en", ""), lang)


def find_visit(store: Any, key: str) -> Visit:
    """A visit by id or unique id prefix (what CLI users type)."""
    found = store.visits.find(key)
    if found is None and len(key) >= 8:
        rows = store.visits.list("id LIKE ?", [f"{key}%"], limit=2)
        found = rows[0] if len(rows) == 1 else None
    if found is None:
        from adjuster.domain.errors import NotFoundError

        raise NotFoundError("visit", key)
    return found


def previous_visit(store: Any, visit: Visit) -> Visit | None:
    earlier = [v for v in store.visits.for_site(visit.site_id)
               if v.id != visit.id and (v.visit_date, v.id) < (visit.visit_date, visit.id)]
    return max(earlier, key=lambda v: (v.visit_date, v.id)) if earlier else None


def perils_of(site: Any) -> list[PerilEntry]:
    """Every peril of ``adjuster.inspect.sites.PERILS`` once any is recorded (unrecorded ones show as
    not assessed, so a blank is never mistaken for a low exposure), with level words and notes."""
    recorded = {key: (level, note) for key, level, note in peril_indicators(site)}
    if not recorded:
        return []
    out = []
    for key in PERILS:
        level, note = recorded.get(key, (None, ""))
        words = LEVEL_NAMES.get(level, {}) if level is not None else {}
        out.append(PerilEntry(key, SITE_PERILS[key]["zh"], SITE_PERILS[key]["en"], level,
                              words.get("zh", ""), words.get("en", ""), note))
    return out


def _deficiencies(n: int, severity: int) -> tuple[str, str]:
    word = {3: ("严重", "major"), 4: ("危急", "critical")}[severity]
    noun = "deficiency caps" if n == 1 else "deficiencies cap"
    return f"严重度{severity}（{word[0]}）缺陷 {n} 项", f"{n} severity-{severity} ({word[1]}) {noun}"


def grade_basis(visit: Visit, findings: list[Any]) -> tuple[str, str]:
    """How the saved grade follows from the rule: overall score → band, and the cap that lowered it."""
    if visit.score is None or not visit.grade:
        return "", ""
    score = q1(Decimal(str(visit.score)))
    band = band_for(score)
    zh, en = f"总分 {score} → {band} 级", f"overall {score} → band {band}"
    if visit.grade != band:
        sev = [f.severity for f in findings if f.result == FindingResult.DEFICIENT]
        n4, n3 = sev.count(4), sev.count(3)
        if n4 or n3:
            r_zh, r_en = _deficiencies(n4, 4) if n4 else _deficiencies(n3, 3)
            zh += f"；{r_zh}，等级封顶为 {visit.grade}"
            en += f"; {r_en} the grade at {visit.grade}"
        else:
            zh += f"；等级 {visit.grade}"
            en += f"; grade {visit.grade}"
    return zh + "。", en + "."


def _status_at(rec: Recommendation, visit: Visit) -> tuple[str, bool]:
    """The recommendation's status as it stood at ``visit`` and whether it was closed there.

    The follow-up section reports what the engineer found at that visit: one closed at a later
    visit is still open (or overdue) here, so an old visit's follow-up reads the same when its
    report is regenerated.
    """
    closed_here = rec.status not in OPEN and (
        rec.closed_visit_id == visit.id
        or (not rec.closed_visit_id and (rec.closed_at or "")[:10] == visit.visit_date.isoformat()))
    if closed_here:
        return rec.status.value, True
    overdue = rec.deadline is not None and rec.deadline < visit.visit_date
    return (RecommendationStatus.OVERDUE if overdue else RecommendationStatus.OPEN).value, False


def follow_ups_of(store: Any, media: Any, visit: Visit) -> list[FollowUpEntry]:
    """Earlier visits' recommendations still open at this visit, or closed/waived at it
    (``adjuster.inspect.recommendations.follow_up``), numbered as on the visit that raised them,
    with the before photo and, when closed here, the after photo."""
    dates = {v.id: v.visit_date for v in store.visits.for_site(visit.site_id)}
    numbers: dict[str, str] = {}
    out = []
    for rec in follow_up(store, visit.id):
        if rec.id not in numbers:
            for i, r in enumerate(store.recommendations.for_visit(rec.visit_id), start=1):
                raised = dates.get(r.visit_id)
                numbers[r.id] = f"{raised.isoformat() if raised else ''} R{i}".strip()
        status, closed_here = _status_at(rec, visit)
        before, after = photo_pair(store, rec.id)
        out.append(FollowUpEntry(
            numbers.get(rec.id, ""), rec.text, rec.priority.value, rec.deadline, status,
            rec.closing_note if closed_here or rec.status in OPEN else "",
            photo_entry(before, media) if before is not None else None,
            photo_entry(after, media) if after is not None and closed_here else None,
        ))
    return out


def inspection_data_from_store(
    store: Any,
    media: Any,
    visit_key: str,
    *,
    lang: str = "both",
    photos_per_page: int = 4,
    settings: Mapping[str, Any] | None = None,
    version: int = 1,
) -> tuple[InspectionReportData, dict[str, Any]]:
    """Report data for a visit and the snapshot it was made from."""
    visit = find_visit(store, visit_key)
    site = store.sites.get(visit.site_id)
    template = template_from_snapshot(visit.template_snapshot) if visit.template_snapshot else None
    findings = {f.item_key: f for f in store.findings.for_visit(visit.id)}
    checklist, finding_entries, titles = [], [], {}
    for cat in template.categories if template is not None else []:
        rows = []
        for item in cat.items:
            titles[item.key] = _text(item.question, lang)
            f = findings.get(item.key)
            result = f.result.value if f else FindingResult.UNANSWERED.value
            rows.append(ChecklistRow(item.key, titles[item.key], result, (f.severity or None) if f else None,
                                     f.note if f else ""))
            if f is not None and f.result == FindingResult.DEFICIENT:
                photos = [photo_entry(p, media) for p in store.photos.for_finding(f.id)]
                finding_entries.append(FindingEntry(item.key, titles[item.key], f.severity or None, f.note,
                                                    _text(cat.title, lang), photos))
        checklist.append(ChecklistCategory(cat.title.get("zh", ""), cat.title.get("en", ""), rows))
    cat_titles = {c.key: c.title for c in template.categories} if template is not None else {}
    scores = []
    for key, value in (visit.category_scores or {}).items():
        score = value.get("score") if isinstance(value, dict) else value
        if score is not None:
            title = cat_titles.get(key, {})
            scores.append(ScoreEntry(title.get("zh", key), title.get("en", key), float(score)))
    recs = [RecommendationRow(f"R{i}", r.text, r.priority.value, r.deadline, r.responsible, r.status.value)
            for i, r in enumerate(store.recommendations.for_visit(visit.id), start=1)]
    prev = previous_visit(store, visit)
    follow = follow_ups_of(store, media, visit)
    follow_photos = {p.sha256 for fu in follow for p in (fu.before, fu.after) if p is not None}
    snapshot = {
        "kind": "inspection", "visit": visit.to_dict(sync=False), "site": site.to_dict(sync=False),
        "findings": [f.to_dict(sync=False) for f in findings.values()],
        "recommendations": [r.to_dict(sync=False) for r in store.recommendations.for_visit(visit.id)],
        "previous_visit": prev.id if prev else None,
        "follow_ups": [{"number": fu.number, "text": fu.text, "status": fu.status, "note": fu.note,
                        "before": fu.before.sha256 if fu.before else None, "after": fu.after.sha256 if fu.after else None}
                       for fu in follow],
        "photos": sorted({p.sha256 for fe in finding_entries for p in fe.photos} | follow_photos),
    }
    snapshot = json.loads(json.dumps(snapshot, default=str))
    snap_sha = snapshot_sha256(snapshot)
    zh, en = GRADE_WORDS.get(visit.grade, ("", ""))
    basis = grade_basis(visit, list(findings.values()))
    data = InspectionReportData(
        reference=f"{site.name[:24]} {visit.visit_date.isoformat()}", lang=lang, company=company_from_settings(settings),
        site_name=site.name, site_address=site.address, insured_name=site.insured_name, occupancy=site.occupancy,
        site_contact=" ".join(s for s in (site.contact_name, site.contact_phone) if s),
        site_gps=(site.lat, site.lon) if site.lat is not None and site.lon is not None else None,
        visit_date=visit.visit_date, engineer=visit.engineer,
        template=f"{_text(template.title, lang)} v{template.version}" if template is not None else visit.template_id,
        weather=visit.weather, attendees=visit.attendees, status=visit.status.value, report_date=dt.date.today(),
        version=version, grade=visit.grade, grade_label=L(zh, en, lang) if zh else "",
        overall_score=float(visit.score) if visit.score is not None else None, category_scores=scores,
        grade_basis_zh=basis[0], grade_basis_en=basis[1], perils=perils_of(site),
        checklist=checklist, findings=finding_entries, recommendations=recs,
        previous_visit_date=prev.visit_date if prev else None, follow_ups=follow,
        summary=visit.overall_comment or visit.notes,
        signatures=_signatures(store.signatures.for_owner(OwnerType.VISIT.value, visit.id), media, snap_sha),
        photos_per_page=photos_per_page, snapshot_sha256=snap_sha,
    )
    return data, snapshot

