"""The worked example in docs/inspections.md is the code's answer, not a hand-edited claim."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from adjuster.inspect.scoring import evaluate, score
from adjuster.inspect.templates import parse_template

DOC = Path(__file__).resolve().parents[2] / "docs" / "inspections.md"


def _example():
    block = re.search(r"```json\n(.*?)\n```", DOC.read_text("utf-8"), re.S)
    assert block, "the template example block is missing"
    return parse_template(json.loads(block.group(1)))


def test_documented_example_template_is_valid_and_scores_as_written() -> None:
    tpl = _example()
    given = {"ex.clear": {"result": "ok"}, "ex.signs": {"result": "deficient"}, "ex.width": {"value": "0.7"},
             "pw.panel": {"value": "fair"}, "pw.ir": {"value": 18}}
    card = score(tpl, {k: evaluate(tpl.item(k), **kw) for k, kw in given.items()})
    assert [c.score for c in card.categories] == [Decimal("72.7"), Decimal("66.7")]
    assert (card.overall, card.band, card.grade) == (Decimal("70.3"), "C", "C")
    assert card.required_recommendations == ("ex.width",)


def test_documented_cap_variation() -> None:
    tpl = _example()
    given = {"ex.clear": {"result": "deficient"}, "ex.signs": {"result": "ok"}, "ex.width": {"value": "1.2"},
             "pw.panel": {"value": "good"}, "pw.ir": {"value": 6}}
    card = score(tpl, {k: evaluate(tpl.item(k), **kw) for k, kw in given.items()})
    assert [c.score for c in card.categories] == [Decimal("45.5"), Decimal("100.0")]
    assert (card.overall, card.band, card.grade) == (Decimal("67.3"), "C", "D")


def test_documented_rule_matches_the_code() -> None:
    text = DOC.read_text("utf-8")
    assert "A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 45, otherwise E" in text
    from adjuster.inspect.scoring import grade_rule_lines

    assert any("A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 45, otherwise E" in line for line in grade_rule_lines("en"))
