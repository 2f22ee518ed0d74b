"""The app's domain records (Case, LossItem) go through the same parser as a case file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from adjuster.calc import calculate_records
from adjuster.domain.errors import ValidationError
from adjuster.domain.models import Case, LossItem

D = Decimal


def make_case(**kw: object) -> Case:
    fields: dict[str, object] = {"claim_no": "R-1", "sum_insured": D("100000.00"), "insured_value": D("100000.00"),
                                 "deductible": {"type": "fixed", "amount": D("500.00")}}
    fields.update(kw)
    return Case(**fields)  # type: ignore[arg-type]


def test_case_and_items_from_the_store() -> None:
    case = make_case()
    tv = LossItem(case_id=case.id, description="TV", section="contents", qty=D("1"), unit_price=D("3000.00"),
                  age_years=D("2"), useful_life_years=D("8"))
    # RC 3,000.00; dep 3,000.00 × 2 ÷ 8 = 750.00; ACV 2,250.00; fixed deductible 500.00 → 1,750.00
    st = calculate_records(case, [tv])
    assert st.items[0].depreciation == D("750.00")
    assert st.indemnity == D("1750.00")
    assert st.lines_with("mitigation") == []  # mitigation_costs defaults to 0: no mitigation lines


def test_missing_insured_value_is_named() -> None:
    with pytest.raises(ValidationError) as info:
        calculate_records(make_case(insured_value=None), [])
    assert info.value.field == "case.insured_value"


def test_item_errors_use_the_display_position() -> None:
    case = make_case()
    ok = LossItem(case_id=case.id, description="chair", qty=D("1"), unit_price=D("100.00"))
    bad = LossItem(case_id=case.id, description="desk", qty=D("1"), unit_price=D("100.00"), salvage=D("150.00"))
    with pytest.raises(ValidationError) as info:
        calculate_records(case, [ok, bad])
    assert info.value.field == "items[1].salvage"
