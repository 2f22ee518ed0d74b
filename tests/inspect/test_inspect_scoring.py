"""Scores and grades worked out by hand on the tiny template (tests/inspect/inspect_helpers.py).

Tiny template: category a (weight 60): a1 check w4 sev3, a2 check w2 sev2, a3 number w4 m ok ≥ 1.0
(sev2, below 0.5 → sev4), a4 text; category b (weight 40): b1 choice w5 (good ok, fair sev1,
poor sev3, none n/a), b2 check w5 sev4; category c (weight 20): c1 check w3 sev2.
Deficient credit = weight × (4 − severity) / 4.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from inspect_helpers import tiny

from adjuster.domain.errors import ValidationError
from adjuster.inspect.scoring import (
    Answer,
    band_for,
    evaluate,
    grade_label,
    grade_rule_lines,
    photo_needed,
    q1,
    score,
)
from adjuster.inspect.templates import find_template, parse_template

TPL = tiny()


def answers(**given: dict[str, Any]) -> dict[str, Answer]:
    return {key: evaluate(TPL.item(key), **kw) for key, kw in given.items()}


def test_example_1_mixed_answers_grade_b() -> None:
    # a: a1 ok 4 + a2 sev2 2×2/4=1 + a3 0.8 m (below 1.0, not below 0.5 → sev2) 4×2/4=2 = 7 of 10 → 70.0
    # b: b1 fair sev1 5×3/4=3.75 + b2 ok 5 = 8.75 of 10 → 87.5
    # c: c1 n/a → no score
    # overall (60×70.0 + 40×87.5) / (60+40) = (4200 + 3500) / 100 = 77.0 → B
    card = score(TPL, answers(
        a1={"result": "ok"}, a2={"result": "deficient"}, a3={"value": "0.8"}, a4={"value": "gate 3 locked"},
        b1={"value": "fair"}, b2={"result": "ok"}, c1={"result": "n/a"},
    ))
    a, b, c = card.categories
    assert (a.earned, a.possible, a.score) == (Decimal(7), 10, Decimal("70.0"))
    assert (b.earned, b.possible, b.score) == (Decimal("8.75"), 10, Decimal("87.5"))
    assert (c.possible, c.score) == (0, None)
    assert card.overall == Decimal("77.0")
    assert (card.band, card.grade, card.caps) == ("B", "B", ())
    assert card.required_recommendations == ()
    assert (card.answered, card.total, card.complete) == (6, 6, True)  # the text item is not counted


def test_example_2_one_major_deficiency_forces_a_recommendation() -> None:
    # a: a1 deficient sev3 4×1/4=1 + a2 ok 2 + a3 1.2 ok 4 = 7/10 → 70.0; b: 10/10 → 100.0; c: 3/3 → 100.0
    # overall (60×70 + 40×100 + 20×100) / 120 = 10200 / 120 = 85.0 → band B; one sev-3 caps at B: no change
    card = score(TPL, answers(
        a1={"result": "deficient"}, a2={"result": "ok"}, a3={"value": 1.2},
        b1={"value": "good"}, b2={"result": "ok"}, c1={"result": "ok"},
    ))
    assert [c.score for c in card.categories] == [Decimal("70.0"), Decimal("100.0"), Decimal("100.0")]
    assert card.overall == Decimal("85.0")
    assert (card.band, card.grade, card.caps) == ("B", "B", ())
    assert card.required_recommendations == ("a1",)


def test_example_3_critical_deficiency_caps_the_grade_at_d() -> None:
    # a: 10/10 → 100.0; b: b1 good 5 + b2 deficient sev4 0 = 5/10 → 50.0; c: 100.0
    # overall (6000 + 2000 + 2000) / 120 = 83.333… → 83.3 → band B, capped to D by the sev-4 finding
    card = score(TPL, answers(
        a1={"result": "ok"}, a2={"result": "ok"}, a3={"value": "1.0"},
        b1={"value": "good"}, b2={"result": "deficient"}, c1={"result": "ok"},
    ))
    assert card.overall == Decimal("83.3")
    assert (card.band, card.grade) == ("B", "D")
    assert card.caps and "severity-4" in card.caps[0]
    assert card.required_recommendations == ("b2",)


def test_example_4_two_major_deficiencies_cap_at_c_and_severity_rule_applies() -> None:
    # a: a1 sev3 → 1; a2 ok 2; a3 0.4 m is below 0.5 → sev4 → 0; = 3/10 → 30.0
    # b: b1 poor sev3 5×1/4 = 1.25; b2 ok 5 = 6.25/10 → 62.5 ; c: unanswered → no score
    # overall (60×30.0 + 40×62.5) / 100 = (1800 + 2500) / 100 = 43.0 → E (below 45); caps cannot raise it
    card = score(TPL, answers(
        a1={"result": "deficient"}, a2={"result": "ok"}, a3={"value": "0.4"},
        b1={"value": "poor"}, b2={"result": "ok"},
    ))
    assert card.categories[0].score == Decimal("30.0")
    assert card.categories[1].score == Decimal("62.5")
    assert card.overall == Decimal("43.0")
    assert (card.band, card.grade, card.caps) == ("E", "E", ())
    assert card.deficient_by_severity == {1: 0, 2: 0, 3: 2, 4: 1}
    assert card.required_recommendations == ("a1", "a3", "b1")
    assert (card.answered, card.complete) == (5, False)


def test_two_major_deficiencies_cap_an_a_at_c() -> None:
    # The engineer raises a2 and c1 to severity 3 (overriding the template's 2):
    card = score(TPL, answers(
        a1={"result": "ok"}, a2={"result": "deficient", "severity": 3}, a3={"value": 2},
        b1={"value": "good"}, b2={"result": "ok"}, c1={"result": "deficient", "severity": 3},
    ))
    # a: 4 + 2×1/4=0.5 + 4 = 8.5/10 → 85.0; b 100.0; c: 3×1/4 = 0.75/3 → 25.0
    # overall (60×85 + 40×100 + 20×25) / 120 = (5100 + 4000 + 500) / 120 = 80.0 → B, two sev-3 → C
    assert [c.score for c in card.categories] == [Decimal("85.0"), Decimal("100.0"), Decimal("25.0")]
    assert card.overall == Decimal("80.0")
    assert (card.band, card.grade) == ("B", "C")
    assert card.required_recommendations == ("a2", "c1")


def test_all_ok_is_100_and_a() -> None:
    card = score(TPL, answers(
        a1={"result": "ok"}, a2={"result": "ok"}, a3={"value": 5}, b1={"value": "good"}, b2={"result": "ok"},
        c1={"result": "ok"},
    ))
    assert (card.overall, card.grade) == (Decimal("100.0"), "A")


def test_nothing_answered_has_no_grade() -> None:
    card = score(TPL, {})
    assert (card.overall, card.grade, card.answered, card.total) == (None, None, 0, 6)


def test_category_score_rounds_half_up() -> None:
    # one category: w2 sev3 deficient = 0.5, w6 sev4 deficient = 0 → 0.5/8 = 6.25 % → 6.3 (not banker's 6.2)
    doc = {"format": "adjuster.template/1", "id": "r", "version": 1, "title": {"en": "R"}, "categories": [
        {"key": "x", "title": {"en": "X"}, "weight": 1, "items": [
            {"key": "x1", "question": {"en": "?"}, "answer": "check", "weight": 2, "severity": 3},
            {"key": "x2", "question": {"en": "?"}, "answer": "check", "weight": 6, "severity": 4},
        ]}]}
    tpl = parse_template(doc)
    card = score(tpl, {k: evaluate(tpl.item(k), result="deficient") for k in ("x1", "x2")})
    assert card.categories[0].score == Decimal("6.3")
    assert card.overall == Decimal("6.3")
    assert q1(Decimal("0.05")) == Decimal("0.1")


@pytest.mark.parametrize(("overall", "grade"), [
    ("100", "A"), ("90.0", "A"), ("89.9", "B"), ("75.0", "B"), ("74.9", "C"), ("60.0", "C"), ("59.9", "D"),
    ("45.0", "D"), ("44.9", "E"), ("0", "E"),
])
def test_grade_bands(overall: str, grade: str) -> None:
    assert band_for(Decimal(overall)) == grade


# -- answers that do not fit the item type are refused with the item's key ---------------------

@pytest.mark.parametrize(("key", "kwargs", "words"), [
    ("a1", {}, "needs a result"),
    ("a1", {"result": "maybe"}, "ok, deficient or n/a"),
    ("a1", {"result": "ok", "value": "3"}, "not a value"),
    ("a1", {"result": "ok", "severity": 2}, "only to a deficient"),
    ("a1", {"result": "deficient", "severity": 5}, "1–4"),
    ("a1", {"result": "deficient", "severity": True}, "1–4"),
    ("a3", {}, "number in m is required"),
    ("a3", {"value": "tall"}, "expected a number in m"),
    ("a3", {"value": True}, "expected a number in m"),
    ("a3", {"value": "0.8", "result": "ok"}, "gives 'deficient'"),
    ("a3", {"result": "n/a", "value": "2"}, "takes no value"),
    ("a4", {"value": "   "}, "non-empty text"),
    ("a4", {"value": "x", "result": "deficient"}, "recorded, not judged"),
    ("b1", {"value": "excellent"}, "not one of the choices: good, fair, poor, none"),
    ("b1", {"value": 1}, "not one of the choices"),
])
def test_answer_that_does_not_fit_is_refused_with_item_key(key: str, kwargs: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError) as info:
        evaluate(TPL.item(key), **kwargs)
    assert info.value.field == key
    assert words in info.value.message


def test_number_bounds_are_inclusive_and_rules_give_severity() -> None:
    a3 = TPL.item("a3")
    assert evaluate(a3, value="1.0") == Answer("a3", "ok", Decimal("1.0"))
    assert evaluate(a3, value="0.5").severity == 2
    assert evaluate(a3, value="0.49").severity == 4
    assert evaluate(a3, value="0.49", severity=3).severity == 3  # the engineer's judgement wins
    assert evaluate(a3, result="n/a") == Answer("a3", "n/a")
    assert evaluate(TPL.item("b1"), value="none").result == "n/a"


def test_photo_rules() -> None:
    a2, b2, a1 = TPL.item("a2"), TPL.item("b2"), TPL.item("a1")
    assert photo_needed(a2, evaluate(a2, result="deficient"))
    assert not photo_needed(a2, evaluate(a2, result="ok"))
    assert photo_needed(b2, evaluate(b2, result="ok"))
    assert not photo_needed(b2, evaluate(b2, result="n/a"))
    assert not photo_needed(a1, evaluate(a1, result="deficient"))


def test_rule_text_and_labels_are_bilingual() -> None:
    assert any("A ≥ 90" in line for line in grade_rule_lines("en"))
    assert any("A ≥ 90" in line for line in grade_rule_lines("zh"))
    assert grade_label("B", "en").startswith("B — good")
    assert grade_label(None) == ""


# -- properties over a real template ------------------------------------------------------------

FIRE = find_template("fire_safety")
SCORED = [i for i in FIRE.items if i.scored]


def _random_answer(item: Any, pick: int) -> Answer:
    if item.answer == "check":
        return evaluate(item, result=("ok", "deficient", "n/a")[pick % 3])
    if item.answer == "choice":
        return evaluate(item, value=item.choices[pick % len(item.choices)].value)
    base = item.ok_min if item.ok_min is not None else item.ok_max
    return evaluate(item, value=base + (pick % 5) - 2)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=len(SCORED), max_size=len(SCORED)))
def test_score_is_bounded_and_worsening_an_answer_never_raises_it(picks: list[int]) -> None:
    given_answers = {item.key: _random_answer(item, p) for item, p in zip(SCORED, picks, strict=True)}
    card = score(FIRE, given_answers)
    if card.overall is not None:
        assert Decimal(0) <= card.overall <= Decimal(100)
    ok_key = next((k for k, a in given_answers.items() if a.result == "ok" and FIRE.item(k).answer == "check"), None)
    if ok_key is None:
        return
    worse = dict(given_answers)
    worse[ok_key] = evaluate(FIRE.item(ok_key), result="deficient")
    worse_card = score(FIRE, worse)
    assert worse_card.overall is not None and card.overall is not None
    assert worse_card.overall <= card.overall
    assert "ABCDE".index(worse_card.grade or "E") >= "ABCDE".index(card.grade or "E")
