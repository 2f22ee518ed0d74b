"""Recommendations: carry-forward over three visits, overdue with a fixed clock, before/after photos."""

from __future__ import annotations

import datetime as dt

import pytest
from inspect_helpers import sha, tiny

from adjuster.domain.enums import OwnerType, Priority, RecommendationStatus
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Photo, Site
from adjuster.inspect import service as S

V1, V2, V3 = dt.date(2024, 3, 1), dt.date(2024, 9, 1), dt.date(2025, 3, 1)


@pytest.fixture
def site(store) -> Site:
    return store.sites.create(Site(name="Riverside Logistics DC3"))


def _visit(store, site: Site, day: dt.date, deficient: tuple[str, ...] = ()) -> str:
    v = S.start_visit(store, site.id, tiny(), visit_date=day, engineer="Chen")
    answers = {"a1": {"result": "ok"}, "a2": {"result": "ok"}, "a3": {"value": 2}, "b1": {"value": "good"},
               "b2": {"result": "ok"}, "c1": {"result": "ok"}}
    for key in deficient:
        answers[key] = {"result": "deficient"}
    S.answer_many(store, v.id, answers)
    return v.id


def _photo(store, visit_id: str, n: int, item_key: str | None = None) -> Photo:
    return S.add_photo_record(store, visit_id, sha(n), item_key=item_key)


def test_carry_forward_over_three_visits(store, site) -> None:
    v1 = _visit(store, site, V1, deficient=("a1", "b2"))
    r1 = S.add_recommendation(store, v1, "a1")  # template text, high priority from severity 3
    r2 = S.add_recommendation(store, v1, "b2", text="Repair the sprinkler valve supervision", responsible="landlord")
    general = S.add_recommendation(store, v1, text="Appoint a fire-safety manager", priority="low")
    assert S.follow_up(store, v1) == []

    v2 = _visit(store, site, V2, deficient=("c1",))
    assert [r.id for r in S.follow_up(store, v2)] == [r1.id, r2.id, general.id]
    after = _photo(store, v2, 11)
    S.close_recommendation(store, r1.id, after_photo_id=after.id, closed_on=V2, visit_id=v2, note="rectified")
    S.waive_recommendation(store, general.id, reason="manager appointed by head office", closed_on=V2, visit_id=v2)
    r3 = S.add_recommendation(store, v2, "c1", text="Clear C1", priority=Priority.MEDIUM)

    v3 = _visit(store, site, V3)
    # r1 closed and general waived at visit 2: gone; r2 still open; r3 raised at visit 2
    assert [r.id for r in S.follow_up(store, v3)] == [r2.id, r3.id]
    # visit 2's own follow-up list still shows what became of visit 1's recommendations
    v2_list = {r.id: r.status for r in S.follow_up(store, v2)}
    assert v2_list == {r1.id: RecommendationStatus.DONE, r2.id: RecommendationStatus.OPEN,
                       general.id: RecommendationStatus.WAIVED}
    history = S.site_history(store, site.id)
    assert [(h.visit_date, h.raised, h.follow_ups) for h in history] == [(V1, 3, 0), (V2, 1, 3), (V3, 0, 2)]


def test_recommendation_defaults_from_finding(store, site) -> None:
    v1 = _visit(store, site, V1, deficient=("a1", "a2"))
    r = S.add_recommendation(store, v1, "a1", lang="en")
    assert (r.text, r.priority, r.deadline, r.item_key) == ("Fix A1", Priority.HIGH, V1 + dt.timedelta(days=30), "a1")
    assert r.finding_id == store.findings.get_by_key(v1, "a1").id
    r2 = S.add_recommendation(store, v1, "a2", text="Service the extinguishers")  # severity 2 → medium, 90 days
    assert (r2.priority, r2.deadline) == (Priority.MEDIUM, V1 + dt.timedelta(days=90))
    with pytest.raises(ValidationError, match="^text: is required"):
        S.add_recommendation(store, v1, "a2")  # a2 has no suggested wording in the template
    with pytest.raises(ValidationError, match="^deadline"):
        S.add_recommendation(store, v1, "a1", deadline=V1 - dt.timedelta(days=1))
    v2 = S.start_visit(store, site.id, tiny(), visit_date=V2)
    with pytest.raises(ValidationError, match="^b2: answer the item"):
        S.add_recommendation(store, v2.id, "b2", text="x")
    with pytest.raises(ValidationError, match="^priority: 'urgent' is not one of"):
        S.add_recommendation(store, v1, "a1", priority="urgent")


def test_overdue_detection_with_a_fixed_clock(store, site) -> None:
    v1 = _visit(store, site, V1, deficient=("a1",))
    due_mar = S.add_recommendation(store, v1, "a1", deadline=dt.date(2024, 3, 31))
    due_jun = S.add_recommendation(store, v1, text="Train staff", deadline=dt.date(2024, 6, 30))
    closed = S.add_recommendation(store, v1, text="Fix sign", deadline=dt.date(2024, 3, 10))
    S.close_recommendation(store, closed.id, after_photo_id=_photo(store, v1, 5).id, closed_on=dt.date(2024, 3, 9))

    assert S.overdue(store, dt.date(2024, 3, 31)) == []  # due today is not yet overdue
    assert [r.id for r in S.overdue(store, dt.date(2024, 4, 1))] == [due_mar.id]
    assert [r.id for r in S.overdue(store, dt.date(2024, 7, 1))] == [due_mar.id, due_jun.id]
    assert S.overdue(store, dt.date(2024, 7, 1), site_id="other-site") == []

    today = dt.date(2024, 4, 1)
    assert S.effective_status(store.recommendations.get(due_mar.id), today) == RecommendationStatus.OVERDUE
    assert S.effective_status(store.recommendations.get(due_jun.id), today) == RecommendationStatus.OPEN
    assert S.effective_status(store.recommendations.get(closed.id), dt.date(2030, 1, 1)) == RecommendationStatus.DONE

    assert S.flag_overdue(store, today) == 1
    assert store.recommendations.get(due_mar.id).status == RecommendationStatus.OVERDUE
    assert S.flag_overdue(store, today) == 0  # already flagged
    # an overdue one can still be closed, and then it is no longer overdue
    S.close_recommendation(store, due_mar.id, after_photo_id=_photo(store, v1, 6).id, closed_on=dt.date(2024, 4, 2))
    assert [r.id for r in S.overdue(store, dt.date(2024, 7, 1))] == [due_jun.id]


def test_before_and_after_photos_pair_on_closing(store, site) -> None:
    v1 = _visit(store, site, V1, deficient=("a1",))
    before = _photo(store, v1, 1, item_key="a1")
    rec = S.add_recommendation(store, v1, "a1")
    assert rec.before_photo_id == before.id  # taken from the finding

    v2 = _visit(store, site, V2)
    with pytest.raises(ValidationError, match="^after_photo_id: closing a recommendation needs an 'after' photo"):
        S.close_recommendation(store, rec.id, after_photo_id=None, closed_on=V2, visit_id=v2)
    same_bytes = _photo(store, v2, 1)  # the same picture recorded again on visit 2
    with pytest.raises(ValidationError, match="same picture"):
        S.close_recommendation(store, rec.id, after_photo_id=same_bytes.id, closed_on=V2, visit_id=v2)
    with pytest.raises(ValidationError, match="^closed_on"):
        S.close_recommendation(store, rec.id, after_photo_id=_photo(store, v2, 2).id, closed_on=V1 - dt.timedelta(1))
    other_site = store.sites.create(Site(name="Elsewhere"))
    elsewhere = S.start_visit(store, other_site.id, tiny(), visit_date=V2)
    with pytest.raises(ValidationError, match="^visit_id"):
        S.close_recommendation(store, rec.id, after_photo_id=_photo(store, v2, 2).id, closed_on=V2,
                               visit_id=elsewhere.id)

    after = _photo(store, v2, 2)
    done = S.close_recommendation(store, rec.id, after_photo_id=after.id, closed_on=V2, visit_id=v2)
    assert (done.status, done.closed_at, done.closed_visit_id) == (RecommendationStatus.DONE, "2024-09-01", v2)
    pair = S.photo_pair(store, rec.id)
    assert (pair[0].id, pair[1].id) == (before.id, after.id)
    with pytest.raises(ValidationError, match="^status: recommendation is already done"):
        S.close_recommendation(store, rec.id, after_photo_id=after.id, closed_on=V2)

    reopened = S.reopen_recommendation(store, rec.id, note="leaking again")
    assert (reopened.status, reopened.after_photo_id, reopened.closed_at) == (RecommendationStatus.OPEN, None, None)
    assert S.photo_pair(store, rec.id)[1] is None


def test_waive_needs_a_reason_and_explicit_before_photo_must_exist(store, site) -> None:
    v1 = _visit(store, site, V1, deficient=("a1",))
    rec = S.add_recommendation(store, v1, text="Move pallets")
    with pytest.raises(ValidationError, match="^reason"):
        S.waive_recommendation(store, rec.id, reason="  ", closed_on=V1)
    assert rec.before_photo_id is None
    photo = store.photos.create(Photo(sha256=sha(9), owner_type=OwnerType.SITE, owner_id=site.id))
    with_photo = S.add_recommendation(store, v1, text="Fix roof", before_photo_id=photo.id)
    assert with_photo.before_photo_id == photo.id
    with pytest.raises(Exception, match="not found"):
        S.add_recommendation(store, v1, text="Fix roof", before_photo_id="missing")
