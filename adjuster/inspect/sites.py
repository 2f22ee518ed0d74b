"""Per-site views: peril indicators the engineer records, and the grade over the site's visits.

Peril indicators are a 1–5 exposure level per peril (1 very low … 5 very high) with an optional
note, kept in ``Site.perils`` as ``{"water": 3, "note_water": "river 80 m north"}``. For
``fire_protection`` the level is the weakness of the facilities (1 = excellent, 5 = none), so a
higher number always means more risk and they can be shown side by side with the grade.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from adjuster.domain.enums import FindingResult
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Site
from adjuster.inspect.recommendations import follow_up

PERILS = ("water", "wind", "lightning", "snow", "earthquake", "fire_protection")
PERIL_NAMES = {
    "water": {"zh": "水灾", "en": "Water / flood"},
    "wind": {"zh": "风灾", "en": "Wind / typhoon"},
    "lightning": {"zh": "雷击", "en": "Lightning"},
    "snow": {"zh": "雪灾", "en": "Snow load"},
    "earthquake": {"zh": "地震及地质灾害", "en": "Earthquake / geology"},
    "fire_protection": {"zh": "消防设施", "en": "Fire-protection facilities"},
}
LEVEL_NAMES = {
    1: {"zh": "很低", "en": "very low"},
    2: {"zh": "低", "en": "low"},
    3: {"zh": "中", "en": "medium"},
    4: {"zh": "高", "en": "high"},
    5: {"zh": "很高", "en": "very high"},
}


def check_perils(levels: Mapping[str, Any]) -> dict[str, Any]:
    """Validate ``{peril: 1–5, "note_<peril>": text}``; ValidationError names ``perils.<key>``."""
    clean: dict[str, Any] = {}
    for key, value in levels.items():
        if key.startswith("note_"):
            if key[5:] not in PERILS:
                raise ValidationError(f"perils.{key}", f"unknown peril; use one of {', '.join(PERILS)}")
            if not isinstance(value, str):
                raise ValidationError(f"perils.{key}", "a note must be text")
            if value.strip():
                clean[key] = value.strip()
            continue
        if key not in PERILS:
            raise ValidationError(f"perils.{key}", f"unknown peril; use one of {', '.join(PERILS)}")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError(f"perils.{key}", f"level must be an integer 1–5, got {value!r}")
        clean[key] = value
    return clean


def set_peril_indicators(store: Any, site_id: str, levels: Mapping[str, Any], *, replace: bool = False) -> Site:
    """Record peril levels (merged into what the site has unless ``replace``); ``None`` removes one."""
    site: Site = store.sites.get(site_id)
    clean = check_perils(levels)
    merged = {} if replace else dict(site.perils)
    for key, value in levels.items():
        if value is None or (key.startswith("note_") and not str(value).strip()):
            merged.pop(key, None)
    merged.update(clean)
    return store.sites.update(site_id, perils=merged)


def peril_indicators(site: Site) -> list[tuple[str, int, str]]:
    """``[(peril, level, note)]`` in the fixed order of ``PERILS``, only the recorded ones."""
    out: list[tuple[str, int, str]] = []
    for peril in PERILS:
        level = site.perils.get(peril)
        if isinstance(level, int):
            out.append((peril, level, str(site.perils.get(f"note_{peril}", ""))))
    return out


@dataclass(frozen=True)
class HistoryRow:
    """One visit in a site's history: the grade then, and what was raised and followed up."""

    visit_id: str
    visit_date: dt.date
    engineer: str
    template: str  # id@version
    status: str
    score: Decimal | None
    grade: str
    deficient: int
    raised: int
    follow_ups: int

    def to_json(self) -> dict[str, Any]:
        return {
            "visit_id": self.visit_id, "visit_date": self.visit_date.isoformat(), "engineer": self.engineer,
            "template": self.template, "status": self.status,
            "score": None if self.score is None else str(self.score), "grade": self.grade,
            "deficient": self.deficient, "raised": self.raised, "follow_ups": self.follow_ups,
        }


def site_history(store: Any, site_id: str) -> list[HistoryRow]:
    """The site's visits oldest first, with score and grade as they were saved at each visit."""
    store.sites.get(site_id)
    rows: list[HistoryRow] = []
    for v in store.visits.for_site(site_id):
        findings = store.findings.for_visit(v.id)
        rows.append(HistoryRow(
            visit_id=v.id,
            visit_date=v.visit_date,
            engineer=v.engineer,
            template=f"{v.template_id}@{v.template_version}",
            status=v.status.value,
            score=v.score,
            grade=v.grade,
            deficient=sum(1 for f in findings if f.result == FindingResult.DEFICIENT),
            raised=len(store.recommendations.for_visit(v.id)),
            follow_ups=len(follow_up(store, v.id)),
        ))
    return rows


def grade_trend(rows: list[HistoryRow]) -> str:
    """``"D → C → B"`` (visits without a grade show as ``–``)."""
    return " → ".join(r.grade or "–" for r in rows)
