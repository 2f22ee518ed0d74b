"""Hypothesis properties of the engine: bounds, monotonicity, and lines that add up to the totals."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import ROUND_FLOOR, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from adjuster.calc import (
    Deductible,
    ItemInput,
    MitigationCost,
    PolicyTerms,
    Statement,
    calculate,
    item_to_dict,
)
from adjuster.calc.parse import parse_item
from adjuster.domain.enums import DeductibleType, Section

CENT = Decimal("0.01")


def decimals(low: str, high: str, places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(Decimal(low), Decimal(high), places=places, allow_nan=False, allow_infinity=False)


money = decimals("0", "5000000", 2)
positive_money = decimals("1", "5000000", 2)
rates = decimals("0", "1", 4)


@st.composite
def deductibles(draw: st.DrawFn) -> Deductible:
    kind = draw(st.sampled_from(list(DeductibleType)))
    return Deductible(kind, amount=draw(decimals("0", "200000", 2)), rate=draw(rates), minimum=draw(decimals("0", "200000", 2)))


@st.composite
def policy_terms(draw: st.DrawFn, sections: bool = False) -> PolicyTerms:
    si = draw(positive_money)
    section_si: dict[Section, Decimal] = {}
    section_iv: dict[Section, Decimal] = {}
    if sections:
        for section in draw(st.sets(st.sampled_from(list(Section)), min_size=1)):
            section_si[section] = draw(positive_money)
            if draw(st.booleans()):
                section_iv[section] = draw(positive_money)
    return PolicyTerms(
        sum_insured=si,
        insured_value=draw(positive_money),
        sum_insured_used=(si * draw(rates)).quantize(CENT, ROUND_FLOOR),
        deductible=draw(deductibles()),
        depreciation_cap=draw(rates),
        average_before_deductible=True if sections else draw(st.booleans()),
        mitigation_costs=tuple(MitigationCost(a, "m") for a in draw(st.lists(decimals("0", "100000", 2), max_size=3))),
        section_sums_insured=section_si,
        section_insured_values=section_iv,
    )


@st.composite
def loss_items(draw: st.DrawFn, terms: PolicyTerms) -> ItemInput:
    """An item that passes validation: salvage is kept below a lower bound of the item's value."""
    sections = list(terms.section_sums_insured) or list(Section)
    qty = draw(decimals("0.001", "500", 3))
    price = draw(decimals("0", "20000", 2))
    rc = (qty * price).quantize(CENT)
    repair = draw(st.booleans())
    basis = draw(st.sampled_from(["none", "life", "rate"]))
    age = draw(decimals("0", "30", 1))
    fields: dict[str, object] = {}
    if basis == "life":
        fields = {"age_years": age, "useful_life_years": draw(decimals("0.5", "40", 1))}
    elif basis == "rate":
        fields = {"age_years": age, "depreciation_rate_annual": draw(rates)}
    depreciate = draw(st.sampled_from([None, True, False]))
    depreciates = (not repair) if depreciate is None else depreciate
    # ACV ≥ RC − RC × cap − 0.005, so this bound (minus a cent) is always within the value
    floor_value = rc * (1 - terms.depreciation_cap) if depreciates and basis != "none" else rc
    repair_cost = draw(decimals("0", "500000", 2)) if repair else None
    if repair_cost is not None:
        floor_value = min(floor_value, repair_cost)
    salvage = max(Decimal(0), (floor_value * draw(rates)).quantize(CENT, ROUND_FLOOR) - CENT)
    excluded = draw(st.booleans()) and draw(st.booleans())
    return ItemInput(
        description="x", section=draw(st.sampled_from(sections)), qty=qty, unit_price=price, salvage=salvage,
        repair=repair, repair_cost=repair_cost, depreciate=depreciate, excluded=excluded,
        exclusion_reason="not covered" if excluded else "", **fields,  # type: ignore[arg-type]
    )


@st.composite
def cases(draw: st.DrawFn, sections: bool | None = None) -> tuple[PolicyTerms, list[ItemInput]]:
    use_sections = draw(st.booleans()) if sections is None else sections
    terms = draw(policy_terms(sections=use_sections))
    return terms, draw(st.lists(loss_items(terms), max_size=6))


@settings(max_examples=300, deadline=None)
@given(cases())
def test_indemnity_bounds(case: tuple[PolicyTerms, list[ItemInput]]) -> None:
    terms, items = case
    s = calculate(terms, items)
    remaining = terms.sum_insured - terms.sum_insured_used
    assert s.indemnity >= 0
    assert s.property_indemnity <= s.loss
    assert s.property_indemnity <= remaining
    assert s.mitigation_payable <= s.mitigation
    assert s.mitigation_payable <= terms.sum_insured
    assert s.indemnity == s.property_indemnity + s.mitigation_payable
    if not terms.mitigation_costs:
        assert s.indemnity <= s.loss
        assert s.indemnity <= remaining
    for line in s.lines:
        assert line.amount >= 0 and line.amount == line.amount.quantize(CENT)


@settings(max_examples=200, deadline=None)
@given(cases(), st.data())
def test_more_loss_never_lowers_the_indemnity(case: tuple[PolicyTerms, list[ItemInput]], data: st.DataObject) -> None:
    terms, items = case
    before = calculate(terms, items).indemnity
    extra = data.draw(loss_items(terms))
    assert calculate(terms, [*items, replace(extra, excluded=False, exclusion_reason="")]).indemnity >= before
    if items:
        i = data.draw(st.integers(0, len(items) - 1))
        bigger = list(items)
        bigger[i] = replace(items[i], qty=items[i].qty * data.draw(decimals("1", "5", 2)))
        assert calculate(terms, bigger).indemnity >= before


def _check_adds_up(s: Statement) -> None:
    """Re-add the statement from its own lines, following the rules in statement.py."""
    by_item: dict[int, dict[str, Decimal]] = {}
    for line in s.lines:
        if line.item_index is not None:
            by_item.setdefault(line.item_index, {})[line.key] = line.amount
    for index, got in by_item.items():
        assert got["item.acv"] == got["item.replacement_cost"] - got["item.depreciation"]
        value = got.get("item.repair_capped", got.get("item.repair_cost", got["item.acv"]))
        assert got["item.loss"] == value - got.get("item.salvage", 0) - got.get("item.exclusion", 0)
        assert s.items[index].loss == got["item.loss"]
    for line in s.lines_with("section.subtotal"):
        members = [r.loss for r in s.items if r.section == line.section]
        assert line.amount == sum(members, Decimal(0))
    assert s.loss == sum((line.amount for line in s.lines_with("section.subtotal")), Decimal(0))
    if s.lines_with("section.after_average"):
        assert s.after_average == sum((line.amount for line in s.lines_with("section.after_average")), Decimal(0))
    base = s.after_average if s.average_before_deductible else s.loss
    assert s.after_deductible == max(Decimal(0), base - s.deductible)
    result = s.after_deductible if s.average_before_deductible else s.after_average
    assert s.property_indemnity == min(result, s.remaining_sum_insured)
    cost_lines = s.lines_with("mitigation.cost")
    if cost_lines:
        assert s.mitigation == sum((line.amount for line in cost_lines), Decimal(0))
    assert s.indemnity == s.property_indemnity + s.mitigation_payable
    totals = {"loss": s.loss, "deductible": s.deductible, "indemnity": s.indemnity}
    for key, total in totals.items():
        assert s.lines_with(key)[-1].amount == total


@settings(max_examples=300, deadline=None)
@given(cases())
def test_lines_add_up_to_the_totals(case: tuple[PolicyTerms, list[ItemInput]]) -> None:
    _check_adds_up(calculate(*case))


@settings(max_examples=100, deadline=None)
@given(cases())
def test_statement_serialises_and_is_deterministic(case: tuple[PolicyTerms, list[ItemInput]]) -> None:
    first, second = calculate(*case), calculate(*case)
    assert first == second
    out = json.loads(json.dumps(first.to_dict(), ensure_ascii=False))
    assert Decimal(out["indemnity"]) == first.indemnity
    assert [Decimal(step["amount"]) for step in out["steps"]] == [line.amount for line in first.lines]


@settings(max_examples=100, deadline=None)
@given(cases(sections=False))
def test_items_round_trip_through_the_case_file(case: tuple[PolicyTerms, list[ItemInput]]) -> None:
    for i, it in enumerate(case[1]):
        assert parse_item(json.loads(json.dumps(item_to_dict(it))), i) == it
