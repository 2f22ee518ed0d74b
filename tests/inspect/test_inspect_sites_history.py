"""Peril indicators on a site and the grade over a site's visits; the demo builder."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from inspect_helpers import sha, tiny

from adjuster.domain.enums import RecommendationStatus
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Site
from adjuster.inspect import service as S
from adjuster.inspect.demo import build_demo_visits
from adjuster.inspect.sites import grade_trend


def test_peril_indicators_are_validated_and_merged(store) -> None:
    site = store.sites.create(Site(name="Plant"))
    S.set_peril_indicators(store, site.id, {"water": 4, "note_water": " river 80 m north ", "wind": 2})
    site = S.set_peril_indicators(store, site.id, {"wind": 3, "fire_protection": 1})
    assert site.perils == {"water": 4, "note_water": "river 80 m north", "wind": 3, "fire_protection": 1}
    assert S.peril_indicators(site) == [("water", 4, "river 80 m north"), ("wind", 3, ""), ("fire_protection", 1, "")]
    site = S.set_peril_indicators(store, site.id, {"water": None, "note_water": ""})
    assert site.perils == {"wind": 3, "fire_protection": 1}
    assert S.set_peril_indicators(store, site.id, {"snow": 2}, replace=True).perils == {"snow": 2}


@pytest.mark.parametrize(("levels", "field"), [
    ({"tsunami": 3}, "perils.tsunami"),
    ({"water": 6}, "perils.water"),
    ({"water": 0}, "perils.water"),
    ({"water": "high"}, "perils.water"),
    ({"water": True}, "perils.water"),
    ({"note_hail": "x"}, "perils.note_hail"),
    ({"note_wind": 3}, "perils.note_wind"),
])
def test_bad_peril_indicator_is_refused(store, levels, field: str) -> None:
    site = store.sites.create(Site(name="Plant"))
    with pytest.raises(ValidationError) as info:
        S.set_peril_indicators(store, site.id, levels)
    assert info.value.field == field
    assert store.sites.get(site.id).perils == {}


def test_site_history_shows_the_grade_over_visits(store) -> None:
    site = store.sites.create(Site(name="Plant"))
    days = [dt.date(2024, 1, 10), dt.date(2024, 7, 10), dt.date(2025, 1, 10)]
    plans = [
        # b2 deficient sev4: b 5/10 → 50.0; others full → (6000 + 2000 + 2000)/120 = 83.3 → capped D
        {"b2": {"result": "deficient"}},
        # a2 deficient sev2: a 9/10 → 90.0 → (5400 + 4000 + 2000)/120 = 95.0 → A
        {"a2": {"result": "deficient"}},
        {},  # all ok → 100.0 A
    ]
    for day, plan in zip(days, plans, strict=True):
        v = S.start_visit(store, site.id, tiny(), visit_date=day, engineer="Li")
        answers = {"a1": {"result": "ok"}, "a2": {"result": "ok"}, "a3": {"value": 1}, "b1": {"value": "good"},
                   "b2": {"result": "ok"}, "c1": {"result": "ok"}}
        answers.update(plan)
        S.answer_many(store, v.id, answers)
    rows = S.site_history(store, site.id)
    assert [(r.visit_date, r.score, r.grade, r.deficient) for r in rows] == [
        (days[0], Decimal("83.3"), "D", 1), (days[1], Decimal("95.0"), "A", 1), (days[2], Decimal("100.0"), "A", 0),
    ]
    assert grade_trend(rows) == "D → A → A"
    assert rows[0].to_json()["score"] == "83.3" and rows[0].template == "tiny@1"


def test_demo_builds_two_sites_over_time(store) -> None:
    today = dt.date(2026, 6, 1)
    counts = build_demo_visits(store, [sha(n) for n in range(1, 7)], today=today)
    assert (counts["sites"], counts["visits"]) == (2, 6)
    sites = store.sites.list(order_by="rowid")
    for site in sites:
        rows = S.site_history(store, site.id)
        assert len(rows) == 3 and all(r.grade for r in rows)
        assert rows[0].visit_date < rows[1].visit_date < rows[2].visit_date < today
        assert S.peril_indicators(site)
    assert grade_trend(S.site_history(store, sites[0].id)) == "D → C → A"
    statuses = {r.status for r in store.recommendations.list()}
    assert {RecommendationStatus.OPEN, RecommendationStatus.DONE, RecommendationStatus.WAIVED} <= statuses
    assert len(S.overdue(store, today)) >= 2
    for rec in store.recommendations.list():
        if rec.status == RecommendationStatus.DONE:
            before, after = S.photo_pair(store, rec.id)
            assert after is not None and (before is None or before.sha256 != after.sha256)


def test_demo_without_photos_still_builds(store) -> None:
    counts = build_demo_visits(store, [], today=dt.date(2026, 6, 1))
    assert counts["photos"] == 0 and counts["visits"] == 6
    assert all(r.status != RecommendationStatus.DONE for r in store.recommendations.list())


def test_demo_imports_image_files_through_the_media_store(profile, store, tmp_path) -> None:
    from PIL import Image

    files = []
    for n, colour in enumerate(["red", "green", "blue", "orange"]):
        path = tmp_path / f"site_{n}.jpg"
        Image.new("RGB", (64, 48), colour).save(path, "JPEG")
        files.append(path)
    media = profile.open_media()
    counts = build_demo_visits(store, media=media, photos=files, today=dt.date(2026, 6, 1))
    assert counts["visits"] == 6 and counts["photos"] > 0
    photos = store.photos.list()
    assert all(media.has(p.sha256) for p in photos)
    assert len({p.sha256 for p in photos}) == 4
    done = [r for r in store.recommendations.list() if r.status == RecommendationStatus.DONE]
    assert done
    for rec in done:
        before, after = S.photo_pair(store, rec.id)
        assert after is not None and after.width == 64
        assert before is None or before.sha256 != after.sha256
