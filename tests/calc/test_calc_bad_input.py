"""Bad input is refused with a ValidationError naming the item and field — never a silent zero."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from calc_helpers import D, item, terms

from adjuster.calc import Deductible, calculate, calculate_casefile, parse_casefile
from adjuster.domain.errors import ValidationError


def doc(**case: Any) -> dict[str, Any]:
    """A minimal valid case file: one contents item 2 × 500.00, SI = IV = 10,000.00."""
    base = {
        "format": "adjuster.case/1",
        "case": {"claim_no": "T-1", "sum_insured": "10000.00", "insured_value": "10000.00"},
        "items": [{"description": "chair", "section": "contents", "qty": "2", "unit_price": "500.00"}],
        "photos": [],
    }
    base["case"].update(case)
    return base


def with_item(**fields: Any) -> dict[str, Any]:
    d = doc()
    d["items"][0].update(fields)
    return d


def refused(document: dict[str, Any], field: str, *words: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        calculate_casefile(document)
    assert info.value.field == field, str(info.value)
    for word in words:
        assert word in info.value.message, info.value.message
    return info.value


def test_the_minimal_document_is_valid() -> None:
    # 2 × 500.00 = 1,000.00, fully insured, no deductible
    assert calculate_casefile(doc()).indemnity == D("1000.00")


@pytest.mark.parametrize("field", ["unit_price", "salvage", "qty"])
def test_negative_amounts(field: str) -> None:
    refused(with_item(**{field: "-1.00"}), f"items[0].{field}", "negative")


@pytest.mark.parametrize("value", ["12,50", "abc", "1e3", "", " ", "¥100", "NaN", "1.2.3"])
def test_non_numeric_amounts(value: str) -> None:
    refused(with_item(unit_price=value), "items[0].unit_price", "decimal")


@pytest.mark.parametrize("value", [None, True, [1], {"a": 1}])
def test_wrong_json_types_for_amounts(value: object) -> None:
    document = with_item(unit_price=value)
    field = "items[0].unit_price"
    refused(document, field)


def test_salvage_larger_than_the_items_value() -> None:
    # ACV 2 × 500.00 = 1,000.00 < salvage 1,000.01
    err = refused(with_item(salvage="1000.01"), "items[0].salvage", "exceeds", "1,000.00", "chair")
    assert "1,000.01" in str(err)


def test_salvage_larger_than_the_repair_cost() -> None:
    refused(with_item(repair=True, repair_cost="300.00", salvage="400.00"), "items[0].salvage", "repair cost")


@pytest.mark.parametrize("value", ["0", "0.00", "-5"])
def test_insured_value_zero_or_negative(value: str) -> None:
    refused(doc(insured_value=value), "case.insured_value")


def test_sum_insured_zero() -> None:
    refused(doc(sum_insured="0.00"), "case.sum_insured", "greater than zero")


def test_sum_insured_used_above_sum_insured() -> None:
    refused(doc(sum_insured_used="10000.01"), "case.sum_insured_used", "exceeds")


@pytest.mark.parametrize(
    ("document", "field"),
    [
        (doc(deductible={"type": "percent", "rate": "10"}), "case.deductible.rate"),
        (doc(deductible={"type": "percent_min", "rate": "1.5", "minimum": "100"}), "case.deductible.rate"),
        (doc(depreciation_cap="1.20"), "case.depreciation_cap"),
        (with_item(age_years="2", depreciation_rate_annual="1.10"), "items[0].depreciation_rate_annual"),
    ],
)
def test_rate_above_one(document: dict[str, Any], field: str) -> None:
    refused(document, field, "between 0 and 1")


def test_unknown_deductible_type() -> None:
    refused(doc(deductible={"type": "franchise", "amount": "100"}), "case.deductible.type", "franchise", "percent_min")


@pytest.mark.parametrize(
    ("deductible", "field"),
    [
        ({"type": "fixed"}, "case.deductible.amount"),
        ({"type": "percent"}, "case.deductible.rate"),
        ({"type": "percent_min", "rate": "0.1"}, "case.deductible.minimum"),
        ({"type": "fixed", "amount": "-100"}, "case.deductible.amount"),
    ],
)
def test_incomplete_or_negative_deductible(deductible: dict[str, str], field: str) -> None:
    refused(doc(deductible=deductible), field)


def test_binary_floats_are_refused() -> None:
    # A float in the dict has lost its text; refusing it beats guessing.
    err = refused(with_item(unit_price=1234.5), "items[0].unit_price", "float", '"1234.50"')
    assert "parse_float=Decimal" in err.message


def test_json_numbers_read_exactly_are_accepted() -> None:
    # json.loads(parse_float=Decimal) keeps the written text: 1234.5 → Decimal("1234.5")
    text = json.dumps(with_item(unit_price="X")).replace('"X"', "1234.5")
    document = json.loads(text, parse_float=Decimal)
    assert parse_casefile(document).items[0].unit_price == Decimal("1234.5")
    # 2 × 1,234.5 = 2,469.00
    assert calculate_casefile(document).loss == D("2469.00")


def test_integers_are_exact_and_accepted() -> None:
    assert calculate_casefile(with_item(qty=3, unit_price=100)).loss == D("300.00")


def test_more_than_two_decimal_places_in_an_amount() -> None:
    refused(with_item(salvage="1.005"), "items[0].salvage", "decimal places")
    # but a unit price may carry more places (prices per gram, per litre)
    assert calculate_casefile(with_item(unit_price="0.125", qty="8")).loss == D("1.00")


def test_missing_required_fields() -> None:
    d = doc()
    del d["case"]["insured_value"]
    refused(d, "case.insured_value", "required")
    for field in ("description", "section", "qty", "unit_price"):
        d = doc()
        del d["items"][0][field]
        refused(d, f"items[0].{field}", "required")


def test_absurdly_large_amounts() -> None:
    refused(with_item(unit_price="100000000000000000000"), "items[0].unit_price", "too large")
    refused(with_item(qty="100000000", unit_price="100000000.00"), "items[0].qty", "too large")


def test_unknown_section() -> None:
    refused(with_item(section="jewellery"), "items[0].section", "jewellery")


def test_depreciation_needs_age_and_only_one_basis() -> None:
    refused(with_item(useful_life_years="10"), "items[0].age_years", "required")
    refused(with_item(age_years="2", useful_life_years="10", depreciation_rate_annual="0.1"),
            "items[0].depreciation_rate_annual", "not both")
    refused(with_item(age_years="2", useful_life_years="0"), "items[0].useful_life_years", "greater than zero")


def test_repair_needs_repair_cost_and_exclusion_needs_reason() -> None:
    refused(with_item(repair=True), "items[0].repair_cost", "required")
    refused(with_item(repair_cost="100.00"), "items[0].repair_cost", "repair: true")
    refused(with_item(excluded=True), "items[0].exclusion_reason", "required")
    refused(with_item(excluded="yes", exclusion_reason="x"), "items[0].excluded", "true or false")


def test_error_names_the_right_item() -> None:
    d = doc()
    d["items"].append({"description": "desk", "section": "contents", "qty": "1", "unit_price": "-3"})
    refused(d, "items[1].unit_price")


def test_wrong_format_and_shapes() -> None:
    d = doc()
    d["format"] = "adjuster.case/2"
    refused(d, "format")
    d = doc()
    d["items"] = {"a": 1}
    refused(d, "items")
    d = doc()
    d["items"] = ["chair"]
    refused(d, "items[0]")
    refused(copy.deepcopy({"format": "adjuster.case/1"}), "case")


def test_section_rules() -> None:
    refused(doc(section_sums_insured={"stock": "100.00"}), "items[0].section", "no sum insured")
    refused(doc(section_sums_insured={"attic": "100.00"}), "case.section_sums_insured.attic", "unknown section")
    refused(doc(section_sums_insured={"contents": "100.00"}, section_insured_values={"stock": "5"}),
            "case.section_sums_insured.stock", "missing")
    refused(doc(section_sums_insured={"contents": "100.00"}, average_before_deductible=False),
            "case.average_before_deductible", "not supported")


def test_mitigation_costs_checked() -> None:
    refused(doc(mitigation_costs="-5"), "case.mitigation_costs", "negative")
    refused(doc(mitigation_costs=[{"description": "pump"}]), "case.mitigation_costs[0].amount", "required")


def test_typed_api_applies_the_same_rules() -> None:
    with pytest.raises(ValidationError) as info:
        calculate(terms(), [item("1", "100.00"), item("1", "100.00", salvage="200.00")])
    assert info.value.field == "items[1].salvage"
    with pytest.raises(ValidationError) as info:
        calculate(terms(deductible=Deductible("franchise")), [])  # type: ignore[arg-type]
    assert info.value.field == "case.deductible.type"
    with pytest.raises(ValidationError) as info:
        calculate(terms(), [item("1", "100.00", age_years=2.5, useful_life_years="5")])
    assert info.value.field == "items[0].age_years"
