"""Domain validation: one exception type whose message names the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from adjuster.domain import Case, Finding, LossItem, Photo, Recommendation, ValidationError


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"claim_no": "x"}, "claim_no"),
        ({"claim_no": "PA 001 with spaces"}, "claim_no"),
        ({"claim_no": "PA-001", "sum_insured": "-1"}, "sum_insured"),
        ({"claim_no": "PA-001", "sum_insured": "ten"}, "sum_insured"),
        ({"claim_no": "PA-001", "insured_value": "0"}, "insured_value"),
        ({"claim_no": "PA-001", "depreciation_cap": "1.5"}, "depreciation_cap"),
        ({"claim_no": "PA-001", "deductible": {"type": "sometimes"}}, "deductible.type"),
        ({"claim_no": "PA-001", "deductible": {"type": "fixed"}}, "deductible.amount"),
        ({"claim_no": "PA-001", "deductible": {"type": "percent", "rate": "1.2"}}, "deductible.rate"),
        ({"claim_no": "PA-001", "loss_date": "2026-02-30"}, "loss_date"),
        ({"claim_no": "PA-001", "loss_date": "2026-03-02", "reported_date": "2026-03-01"}, "reported_date"),
        ({"claim_no": "PA-001", "loss_date": (dt.date.today() + dt.timedelta(days=9)).isoformat()}, "loss_date"),
        ({"claim_no": "PA-001", "status": "lost"}, "status"),
        ({"claim_no": "PA-001", "lat": 123.0}, "lat"),
    ],
)
def test_case_errors_name_the_field(data, field):
    with pytest.raises(ValidationError) as err:
        Case.from_dict(data, prefix="case.")
    assert err.value.field == f"case.{field}"
    assert str(err.value).startswith(f"case.{field}: ")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"description": " "}, "description"),
        ({"description": "d", "qty": "-2"}, "qty"),
        ({"description": "d", "unit_price": "abc"}, "unit_price"),
        ({"description": "d", "unit_price": "100", "salvage": "150"}, "salvage"),
        ({"description": "d", "depreciation_rate_annual": "1.1"}, "depreciation_rate_annual"),
        ({"description": "d", "useful_life_years": "0"}, "useful_life_years"),
        ({"description": "d", "repair": True}, "repair_cost"),
        ({"description": "d", "excluded": True}, "exclusion_reason"),
        ({"description": "d", "section": "garden"}, "section"),
    ],
)
def test_item_errors_name_the_field(data, field):
    with pytest.raises(ValidationError) as err:
        LossItem.from_dict({"case_id": "c", **data}, prefix="items[2].")
    assert err.value.field == f"items[2].{field}"


def test_amounts_are_exact_decimals_even_from_floats():
    item = LossItem.from_dict({"case_id": "c", "description": "d", "unit_price": 1234.5, "qty": "3"})
    assert item.unit_price == Decimal("1234.5")
    assert item.qty * item.unit_price == Decimal("3703.5")


def test_other_records_validate():
    with pytest.raises(ValidationError, match="severity"):
        Finding(visit_id="v", item_key="fire.ext", result="deficient", severity=0).validate()
    with pytest.raises(ValidationError, match="after_photo_id"):
        Recommendation(site_id="s", visit_id="v", text="fix", status="done").validate()
    with pytest.raises(ValidationError, match="sha256"):
        Photo.from_dict({"sha256": "xyz", "owner_type": "case", "owner_id": "c"})


def test_to_dict_uses_strings_for_money_and_iso_dates():
    case = Case(claim_no="PA-001", sum_insured="100.50", loss_date="2026-01-02")
    d = case.to_dict()
    assert d["sum_insured"] == "100.50" and d["loss_date"] == "2026-01-02" and d["status"] == "draft"
