"""Visits through the store: template snapshot, typed answers, saved grade, photos, submission."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from inspect_helpers import sha, tiny, tiny_doc

from adjuster.domain.enums import FindingResult, OwnerType, VisitStatus
from adjuster.domain.errors import NotFoundError, ValidationError
from adjuster.domain.models import Photo, Site
from adjuster.inspect import service as S
from adjuster.inspect.templates import load_template

DAY = dt.date(2025, 3, 14)


@pytest.fixture
def site(store) -> Site:
    return store.sites.create(Site(name="Huadong Precision Machinery", address="Suzhou"))


def test_start_visit_freezes_template_and_details(store, site) -> None:
    v = S.start_visit(store, site.id, tiny(), visit_date=DAY, engineer="Li Wei", weather="overcast, 12 °C",
                      attendees=["Wang (EHS manager)", " Zhao (maintenance) "], notes="night shift running")
    assert (v.template_id, v.template_version, v.status) == ("tiny", "1", VisitStatus.DRAFT)
    assert v.template_snapshot == tiny_doc()
    assert v.attendees == "Wang (EHS manager)\nZhao (maintenance)"
    assert (v.weather, v.notes, v.score, v.grade) == ("overcast, 12 °C", "night shift running", None, "")
    v = S.update_visit(store, v.id, overall_comment="Housekeeping much improved.", attendees="Wang")
    assert (v.overall_comment, v.attendees) == ("Housekeeping much improved.", "Wang")
    with pytest.raises(ValidationError, match="^grade"):
        S.update_visit(store, v.id, grade="A")


def test_unknown_site_is_refused(store) -> None:
    with pytest.raises(NotFoundError):
        S.start_visit(store, "no-such-site", tiny(), visit_date=DAY)


def test_editing_the_template_file_never_changes_a_visit(store, site, tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(tiny_doc()), encoding="utf-8")
    visit = S.start_visit(store, site.id, load_template(path), visit_date=DAY)
    edited = tiny_doc()
    edited["version"] = 2
    edited["categories"][0]["items"][0]["weight"] = 10  # a1 heavier in v2
    edited["categories"][0]["items"][1]["answer"] = "text"  # a2 no longer a check in v2
    edited["categories"][0]["items"][1]["weight"] = 0
    edited["categories"][0]["items"][1].pop("severity")
    path.write_text(json.dumps(edited), encoding="utf-8")
    assert load_template(path).version == 2

    S.answer(store, visit.id, "a1", result="ok")
    S.answer(store, visit.id, "a2", result="deficient")  # still a check item on this visit
    S.answer(store, visit.id, "a3", value="0.8")
    saved = store.visits.get(visit.id)
    assert saved.template_version == "1"
    # v1 weights: a1 4 + a2 2×2/4 = 1 + a3 4×2/4 = 2 → 7 of 10 → 70.0 (with v2 it would be 13/16)
    assert saved.category_scores["a"]["score"] == "70.0"
    assert S.visit_template(saved).item("a1").weight == 4


def test_answers_are_saved_scored_and_replaced(store, site) -> None:
    v = S.start_visit(store, site.id, tiny(), visit_date=DAY)
    card = S.answer_many(store, v.id, {
        "a1": {"result": "ok"}, "a2": {"result": "deficient", "note": "two units out of date"},
        "a3": {"value": "0.8"}, "a4": {"value": "gate 3 locked"}, "b1": {"value": "fair"},
        "b2": {"result": "ok"}, "c1": {"result": "n/a"},
    })
    # the hand-worked example 1 of test_inspect_scoring.py: 77.0 → B
    assert (card.overall, card.grade) == (Decimal("77.0"), "B")
    saved = store.visits.get(v.id)
    assert (saved.score, saved.grade) == (Decimal("77.0"), "B")
    assert saved.category_scores["b"] == {"weight": 40, "earned": "8.75", "possible": 10, "score": "87.5",
                                          "answered": 2, "total": 2, "deficient": 1}
    a3 = store.findings.get_by_key(v.id, "a3")
    assert (a3.result, a3.value, a3.severity) == (FindingResult.DEFICIENT, "0.8", 2)
    assert store.findings.get_by_key(v.id, "a2").note == "two units out of date"

    S.answer(store, v.id, "a3", value="1.5")  # re-measured: now fine
    assert len([f for f in store.findings.for_visit(v.id) if f.item_key == "a3"]) == 1
    # a: 4 + 1 + 4 = 9/10 → 90.0; overall (60×90 + 40×87.5) / 100 = 89.0 → B
    assert store.visits.get(v.id).score == Decimal("89.0")

    S.clear_answer(store, v.id, "a3")
    assert store.findings.get_by_key(v.id, "a3").result == FindingResult.UNANSWERED
    # a: 4 + 1 = 5/6 → 83.3; overall (60×83.3 + 40×87.5) / 100 = 84.98 → 85.0
    assert store.visits.get(v.id).score == Decimal("85.0")


@pytest.mark.parametrize(("key", "kwargs"), [
    ("a1", {"value": "yes"}),
    ("a3", {"value": "high"}),
    ("b1", {"value": "excellent"}),
    ("a4", {"value": ""}),
    ("zz", {"result": "ok"}),
])
def test_answer_that_does_not_fit_is_refused_with_the_item_key(store, site, key: str, kwargs) -> None:
    v = S.start_visit(store, site.id, tiny(), visit_date=DAY)
    with pytest.raises(ValidationError) as info:
        S.answer(store, v.id, key, **kwargs)
    assert info.value.field == key
    assert store.findings.for_visit(v.id) == []


def test_answer_many_is_all_or_nothing(store, site) -> None:
    v = S.start_visit(store, site.id, tiny(), visit_date=DAY)
    with pytest.raises(ValidationError, match="^b1"):
        S.answer_many(store, v.id, {"a1": {"result": "ok"}, "b1": {"value": "excellent"}})
    assert store.findings.for_visit(v.id) == []


def _visit_photo(store, visit_id: str, n: int) -> Photo:
    return store.photos.create(Photo(sha256=sha(n), owner_type=OwnerType.VISIT, owner_id=visit_id))


def test_photos_attach_to_findings_of_their_own_visit_only(store, site) -> None:
    v1 = S.start_visit(store, site.id, tiny(), visit_date=DAY)
    v2 = S.start_visit(store, site.id, tiny(), visit_date=DAY + dt.timedelta(days=1))
    p = _visit_photo(store, v1.id, 1)
    linked = S.attach_photo(store, v1.id, "b2", p.id)  # photographed before answering
    finding = store.findings.get_by_key(v1.id, "b2")
    assert linked.finding_id == finding.id and finding.result == FindingResult.UNANSWERED
    assert [ph.id for ph in S.finding_photos(store, v1.id)["b2"]] == [p.id]
    with pytest.raises(ValidationError, match="^photo_id"):
        S.attach_photo(store, v2.id, "b2", p.id)
    with pytest.raises(ValidationError, match="^nope"):
        S.attach_photo(store, v1.id, "nope", p.id)
    again = S.add_photo_record(store, v1.id, sha(1), item_key="a2")  # same bytes on the same visit: one row
    assert again.id == p.id and again.finding_id == store.findings.get_by_key(v1.id, "a2").id


def test_submission_needs_answers_photos_and_forced_recommendations(store, site) -> None:
    v = S.start_visit(store, site.id, tiny(), visit_date=DAY)
    S.answer_many(store, v.id, {
        "a1": {"result": "deficient"}, "a2": {"result": "deficient"}, "a3": {"value": 2},
        "b1": {"value": "good"}, "b2": {"result": "ok"},
    })
    problems = [(p.item_key, p.message) for p in S.problems(store, v.id)]
    assert problems == [
        ("a2", "needs a photo"),  # photo if deficient
        ("b2", "needs a photo"),  # photo always
        ("c1", "is not answered"),
        ("a1", "a deficiency of severity ≥ 3 needs a recommendation"),
    ]
    with pytest.raises(ValidationError, match=r"^a2: needs a photo \(and 3 more\)"):
        S.submit_visit(store, v.id)
    S.add_photo_record(store, v.id, sha(2), item_key="a2")
    S.add_photo_record(store, v.id, sha(3), item_key="b2")
    S.answer(store, v.id, "c1", result="ok")
    S.add_recommendation(store, v.id, "a1", responsible="EHS manager")
    submitted = S.submit_visit(store, v.id)
    assert submitted.status == VisitStatus.SUBMITTED
    with pytest.raises(ValidationError, match="^status: visit is submitted"):
        S.answer(store, v.id, "c1", result="deficient")


def test_reanswering_without_a_note_keeps_the_note(store, site) -> None:
    v = S.start_visit(store, site.id, tiny(), visit_date=DAY)
    S.answer(store, v.id, "a2", result="deficient", note="two units out of date")
    S.answer(store, v.id, "a2", result="deficient", severity=1)
    f = store.findings.get_by_key(v.id, "a2")
    assert (f.note, f.severity) == ("two units out of date", 1)
    S.answer(store, v.id, "a2", result="ok", note="")
    assert store.findings.get_by_key(v.id, "a2").note == ""
