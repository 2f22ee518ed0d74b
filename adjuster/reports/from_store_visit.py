"""Build inspection report data from the store: visit, site, checklist (from the visit's frozen
template snapshot), scores saved on the visit, findings with photos, recommendations, and the
follow-up of the previous visit's recommendations with their before/after photos."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from adjuster.domain.enums import FindingResult, OwnerType
from adjuster.domain.models import Photo, Visit
from adjuster.reports.from_store import _signatures, company_from_settings, photo_entry, snapshot_sha256
from adjuster.reports.i18n import L
from adjuster.reports.model import (
    ChecklistCategory,
    ChecklistRow,
    FindingEntry,
    FollowUpEntry,
    InspectionReportData,
    RecommendationRow,
    ScoreEntry,
)

PERIL_NAMES: dict[str, tuple[str, str]] = {
    "fire": ("火灾", "Fire"), "explosion": ("爆炸", "Explosion"), "theft": ("盗窃", "Theft"),
    "water": ("水渍", "Water damage"), "flood": ("洪水", "Flood"), "typhoon": ("台风", "Typhoon"),
    "wind": ("风灾", "Windstorm"), "rainstorm": ("暴雨", "Rainstorm"), "lightning": ("雷击", "Lightning"),
    "earthquake": ("地震", "Earthquake"), "snow": ("雪灾", "Snow"), "landslide": ("滑坡", "Landslide"),
}
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


def _peril_name(key: str) -> tuple[str, str]:
    """Peril label from the inspection module's vocabulary, else ours, else the key itself."""
    try:
        from adjuster.inspect.sites import PERIL_NAMES as SITE_PERILS

        if key in SITE_PERILS:
            return SITE_PERILS[key]["zh"], SITE_PERILS[key]["en"]
    except ImportError:  # pragma: no cover - inspection module not installed
        pass
    return PERIL_NAMES.get(key, (key, key))


def _perils(site: Any, template: Any) -> list[ScoreEntry]:
    """Site peril indicators 1–5 shown as 20–100 exposure bars."""
    out = []
    keys = list(template.perils) if template is not None else []
    keys += [k for k in site.perils if k not in keys and not k.startswith("note_")]
    for key in keys:
        level = site.perils.get(key)
        if isinstance(level, int | float) and not isinstance(level, bool):
            zh, en = _peril_name(key)
            out.append(ScoreEntry(zh, en, float(level) * 20))
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
    from adjuster.inspect.templates import template_from_snapshot

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
    follow = []
    photo_ids: list[str] = []
    if prev is not None:
        for i, r in enumerate(store.recommendations.for_visit(prev.id), start=1):
            before, after = (_photo(store, media, pid) for pid in (r.before_photo_id, r.after_photo_id))
            photo_ids += [p for p in (r.before_photo_id, r.after_photo_id) if p]
            follow.append(FollowUpEntry(f"{prev.visit_date.isoformat()} R{i}", r.text, r.priority.value, r.deadline,
                                        r.status.value, r.closing_note, before, after))
    snapshot = {
        "kind": "inspection", "visit": visit.to_dict(sync=False), "site": site.to_dict(sync=False),
        "findings": [f.to_dict(sync=False) for f in findings.values()],
        "recommendations": [r.to_dict(sync=False) for r in store.recommendations.for_visit(visit.id)],
        "previous_visit": prev.id if prev else None,
        "photos": sorted({p.sha256 for fe in finding_entries for p in fe.photos} | set(photo_ids)),
    }
    snapshot = json.loads(json.dumps(snapshot, default=str))
    snap_sha = snapshot_sha256(snapshot)
    zh, en = GRADE_WORDS.get(visit.grade, ("", ""))
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
        perils=_perils(site, template), checklist=checklist, findings=finding_entries, recommendations=recs,
        previous_visit_date=prev.visit_date if prev else None, follow_ups=follow,
        summary=visit.overall_comment or visit.notes,
        signatures=_signatures(store.signatures.for_owner(OwnerType.VISIT.value, visit.id), media, snap_sha),
        photos_per_page=photos_per_page, snapshot_sha256=snap_sha,
    )
    return data, snapshot


def _photo(store: Any, media: Any, photo_id: str | None) -> Any:
    if not photo_id:
        return None
    photo: Photo | None = store.photos.find(photo_id)
    return photo_entry(photo, media) if photo is not None else None
