"""Worked examples: each expected figure is calculated by hand in the comment above it.

Notation: RC replacement cost, dep depreciation, ACV actual cash value, SI sum insured, IV insured
value at the time of loss. Every shown line is rounded to 0.01 half up before the next step uses it.
"""

from __future__ import annotations

from decimal import Decimal

from calc_helpers import D, amounts, costs, fixed, item, one, percent, percent_min, terms

from adjuster.calc import calculate
from adjuster.domain.enums import Section


def test_full_insurance_replace_with_useful_life() -> None:
    # SI 200,000 ≥ IV 180,000: fully insured, no average. No deductible.
    # TV: RC = 2 × 4,500.00 = 9,000.00; dep = 9,000.00 × 2 ÷ 8 = 2,250.00; ACV = 6,750.00
    # loss = 6,750.00 → after average 6,750.00 → deductible 0 → indemnity 6,750.00 (陆仟柒佰伍拾元整)
    st = calculate(terms("200000.00", "180000.00"), [item("2", "4500.00", age_years="2", useful_life_years="8")])
    assert one(st, "item.replacement_cost") == D("9000.00")
    assert one(st, "item.depreciation") == D("2250.00")
    assert one(st, "item.acv") == D("6750.00")
    assert st.loss == st.after_average == D("6750.00")
    assert st.deductible == D("0.00")
    assert st.indemnity == D("6750.00")
    assert st.average_ratio == D("1.000000")
    assert st.indemnity_words_zh == "陆仟柒佰伍拾元整"


def test_under_insurance_average_clause() -> None:
    # SI 600,000 < IV 800,000: ratio 0.75.
    # stock: RC = 100 × 1,234.56 = 123,456.00, no depreciation basis → loss 123,456.00
    # after average = 123,456.00 × 600,000 ÷ 800,000 = 92,592.00 → no deductible → 92,592.00
    st = calculate(terms("600000.00", "800000.00"), [item("100", "1234.56", "stock")])
    assert st.loss == D("123456.00")
    assert st.after_average == D("92592.00")
    assert st.average_ratio == D("0.750000")
    assert st.indemnity == D("92592.00")


def test_fixed_deductible() -> None:
    # fully insured; RC = 10 × 3,000.00 = 30,000.00 = loss; fixed deductible 5,000.00
    # after deductible = 30,000.00 − 5,000.00 = 25,000.00 = indemnity
    st = calculate(terms("500000.00", deductible=fixed("5000.00")), [item("10", "3000.00")])
    assert st.deductible == D("5000.00")
    assert st.after_deductible == st.indemnity == D("25000.00")


def test_percent_deductible_after_average() -> None:
    # SI 800,000 / IV 1,000,000 = 0.8; RC = 7 × 26,250.00 = 183,750.00 = loss
    # after average = 183,750.00 × 0.8 = 147,000.00 (壹拾肆万柒仟元整 before the deductible)
    # deductible = 10% × 147,000.00 = 14,700.00 → 147,000.00 − 14,700.00 = 132,300.00
    st = calculate(terms("800000.00", "1000000.00", deductible=percent("0.10")), [item("7", "26250.00")])
    assert st.loss == D("183750.00")
    assert st.after_average == D("147000.00")
    assert st.deductible == D("14700.00")
    assert st.indemnity == D("132300.00")
    assert st.indemnity_words_zh == "壹拾叁万贰仟叁佰元整"


def test_percent_min_deductible_minimum_applies() -> None:
    # loss = 6 × 5,000.00 = 30,000.00, fully insured
    # 10% × 30,000.00 = 3,000.00 < minimum 5,000.00 → deductible 5,000.00 → 25,000.00
    st = calculate(terms(deductible=percent_min("0.10", "5000.00")), [item("6", "5000.00")])
    assert st.deductible == D("5000.00")
    assert st.indemnity == D("25000.00")


def test_percent_min_deductible_rate_applies() -> None:
    # loss = 16 × 5,000.00 = 80,000.00; 10% × 80,000.00 = 8,000.00 > minimum 5,000.00 → 8,000.00
    # indemnity = 80,000.00 − 8,000.00 = 72,000.00
    st = calculate(terms(deductible=percent_min("0.10", "5000.00")), [item("16", "5000.00")])
    assert st.deductible == D("8000.00")
    assert st.indemnity == D("72000.00")


def test_repair_versus_replace() -> None:
    # The same machine (RC 50,000.00, 5 of 10 years used) on two sites:
    # repaired: not depreciated, ACV = 50,000.00, repair cost 12,000.00 < ACV → loss 12,000.00
    # replaced: dep = 50,000.00 × 5 ÷ 10 = 25,000.00 → ACV 25,000.00 → loss 25,000.00
    # total loss = 12,000.00 + 25,000.00 = 37,000.00
    machine = {"age_years": "5", "useful_life_years": "10"}
    st = calculate(terms(), [
        item("1", "50000.00", "machinery", repair=True, repair_cost="12000.00", **machine),
        item("1", "50000.00", "machinery", **machine),
    ])
    assert one(st, "item.depreciation", 0) == D("0.00")
    assert one(st, "item.repair_cost", 0) == D("12000.00")
    assert one(st, "item.loss", 0) == D("12000.00")
    assert one(st, "item.depreciation", 1) == D("25000.00")
    assert one(st, "item.loss", 1) == D("25000.00")
    assert st.loss == D("37000.00")


def test_repair_cost_above_depreciated_value_is_limited() -> None:
    # depreciate=True on a repair item: RC 60,000.00, dep = 60,000.00 × 8 ÷ 10 = 48,000.00
    # (80% = the cap, not above it) → ACV 12,000.00; repair cost 15,000.00 > ACV → 12,000.00
    st = calculate(terms(), [item("1", "60000.00", "machinery", repair=True, repair_cost="15000.00",
                                  depreciate=True, age_years="8", useful_life_years="10")])
    assert one(st, "item.depreciation") == D("48000.00")
    assert one(st, "item.repair_capped") == D("12000.00")
    assert st.items[0].value == st.loss == D("12000.00")


def test_repair_only_line_without_a_stated_value_is_not_capped() -> None:
    # "kitchen ceiling repair": no replacement value given (unit price 0), agreed repair 58,000.00,
    # salvage 0 → nothing to cap against, loss = 58,000.00 (no item.repair_capped line)
    st = calculate(terms(), [item("1", "0", "building", repair=True, repair_cost="58000.00")])
    assert one(st, "item.repair_cost") == D("58000.00")
    assert not [ln for ln in st.lines if ln.key == "item.repair_capped"]
    assert st.loss == D("58000.00")


def test_depreciation_cap_hit() -> None:
    # useful life: RC 10,000.00, 12 ÷ 10 = 120% > cap 80% → dep = 8,000.00, ACV 2,000.00
    st = calculate(terms(), [item("1", "10000.00", age_years="12", useful_life_years="10")])
    assert one(st, "item.depreciation") == D("8000.00")
    assert st.loss == D("2000.00")
    # annual rate with a policy cap of 70%: 15% × 6 = 90% > 70% → dep = 20,000.00 × 0.70 = 14,000.00
    # ACV = 20,000.00 − 14,000.00 = 6,000.00
    st = calculate(terms(depreciation_cap=D("0.70")),
                   [item("4", "5000.00", age_years="6", depreciation_rate_annual="0.15")])
    assert one(st, "item.depreciation") == D("14000.00")
    assert "70%" in st.lines[1].formula_en and "cap" in st.lines[1].formula_en
    assert st.loss == D("6000.00")


def test_salvage_is_deducted_and_may_equal_the_value() -> None:
    # RC = 3 × 6,000.00 = 18,000.00; dep = 18,000.00 × 1 ÷ 6 = 3,000.00; ACV 15,000.00
    # salvage 1,200.00 → loss 13,800.00. Second item: ACV 500.00, salvage 500.00 → loss 0.00
    st = calculate(terms(), [
        item("3", "6000.00", age_years="1", useful_life_years="6", salvage="1200.00"),
        item("1", "500.00", salvage="500.00"),
    ])
    assert one(st, "item.salvage", 0) == D("1200.00")
    assert one(st, "item.loss", 0) == D("13800.00")
    assert one(st, "item.loss", 1) == D("0.00")
    assert st.loss == D("13800.00")


def test_exclusions_are_listed_with_reason_and_count_zero() -> None:
    # covered: 7 × 1,000.00 = 7,000.00; excluded: 5 × 1,000.00 = 5,000.00 shown, then
    # exclusion 5,000.00 → item loss 0.00. Total loss 7,000.00.
    st = calculate(terms(), [
        item("7", "1000.00"),
        item("5", "1000.00", excluded=True, exclusion_reason="cash is not insured"),
    ])
    assert one(st, "item.exclusion", 1) == D("5000.00")
    assert one(st, "item.loss", 1) == D("0.00")
    assert st.loss == D("7000.00")
    exclusion = st.lines_with("item.exclusion")[0]
    assert exclusion.note_zh == exclusion.note_en == "cash is not insured"
    assert st.items[1].excluded and st.items[1].exclusion_reason == "cash is not insured"


def test_mitigation_costs_averaged_not_deducted() -> None:
    # SI 300,000 / IV 400,000 = 0.75. loss = 40 × 1,000.00 = 40,000.00 → × 0.75 = 30,000.00
    # fixed deductible 2,000.00 → 28,000.00 (≤ remaining SI 300,000.00) → property indemnity 28,000.00
    # mitigation = 6,000.00 + 2,000.00 = 8,000.00 → × 0.75 = 6,000.00 → min(6,000.00, SI) = 6,000.00
    # (the deductible is not taken from mitigation costs) → indemnity = 28,000.00 + 6,000.00 = 34,000.00
    st = calculate(terms("300000.00", "400000.00", deductible=fixed("2000.00"),
                         mitigation_costs=costs("6000.00", "2000.00")), [item("40", "1000.00")])
    assert amounts(st, "mitigation.cost") == [D("6000.00"), D("2000.00")]
    assert st.mitigation == D("8000.00")
    assert st.mitigation_after_average == st.mitigation_payable == D("6000.00")
    assert st.property_indemnity == D("28000.00")
    assert st.indemnity == D("34000.00")
    assert st.indemnity_words_zh == "叁万肆仟元整"


def test_mitigation_capped_separately_at_sum_insured() -> None:
    # SI = IV = 10,000.00. loss 10,000.00 → property indemnity 10,000.00 (the whole SI)
    # mitigation 15,000.00 → no average → min(15,000.00, 10,000.00) = 10,000.00
    # indemnity = 10,000.00 + 10,000.00 = 20,000.00: mitigation is paid on top, up to the SI.
    st = calculate(terms("10000.00", mitigation_costs=costs("15000.00")), [item("1", "10000.00")])
    assert st.property_indemnity == D("10000.00")
    assert st.mitigation_payable == D("10000.00")
    assert st.indemnity == D("20000.00")


def test_remaining_sum_insured_exhausted() -> None:
    # SI 100,000.00 already used in full by earlier claims → remaining 0.00 → indemnity 0.00 (零元整)
    st = calculate(terms("100000.00", sum_insured_used=D("100000.00")), [item("1", "25000.00")])
    assert st.loss == D("25000.00")
    assert st.remaining_sum_insured == D("0.00")
    assert st.indemnity == D("0.00")
    assert st.indemnity_words_zh == "零元整"


def test_remaining_sum_insured_partly_used_caps_the_indemnity() -> None:
    # SI 100,000.00, used 90,000.00 → remaining 10,000.00; loss 25,000.00 → min(25,000.00, 10,000.00)
    st = calculate(terms("100000.00", sum_insured_used=D("90000.00")), [item("1", "25000.00")])
    assert st.remaining_sum_insured == D("10000.00")
    assert st.indemnity == D("10000.00")


def test_zero_loss_claim() -> None:
    # no items: loss 0.00; fixed deductible 1,000.00 → max(0, 0.00 − 1,000.00) = 0.00 → 零元整
    st = calculate(terms(deductible=fixed("1000.00")), [])
    assert st.loss == st.indemnity == D("0.00")
    assert st.deductible == D("1000.00")
    assert st.indemnity_words_zh == "零元整"
    assert st.indemnity_words_en == "Zero Yuan Only"
    # everything excluded: loss 0.00 as well
    st = calculate(terms(), [item("2", "800.00", excluded=True, exclusion_reason="wear and tear")])
    assert st.loss == st.indemnity == D("0.00")


def test_deductible_larger_than_the_loss() -> None:
    # loss 3,000.00, fixed deductible 5,000.00 → max(0, 3,000.00 − 5,000.00) = 0.00
    st = calculate(terms(deductible=fixed("5000.00")), [item("1", "3000.00")])
    assert st.after_deductible == st.indemnity == D("0.00")


def test_deductible_before_average_when_the_policy_says_so() -> None:
    # SI 600,000 / IV 800,000 = 0.75, loss 100,000.00, fixed deductible 5,000.00
    # default (average first): 100,000.00 × 0.75 = 75,000.00 − 5,000.00 = 70,000.00
    # deductible first:        (100,000.00 − 5,000.00) × 0.75 = 95,000.00 × 0.75 = 71,250.00
    base = {"si": "600000.00", "iv": "800000.00", "deductible": fixed("5000.00")}
    loss = [item("1", "100000.00")]
    assert calculate(terms(**base), loss).indemnity == D("70000.00")
    st = calculate(terms(**base, average_before_deductible=False), loss)
    assert st.after_deductible == D("95000.00")
    assert st.after_average == st.indemnity == D("71250.00")
    assert [line.key for line in st.lines if line.key in ("after_average", "deductible")] == ["deductible", "after_average"]


def test_each_shown_line_rounds_half_up() -> None:
    # RC = 3 × 33.335 = 100.005 → 100.01 (half up; banker's rounding would give 100.00)
    # second item RC 1,000.09 → loss = 100.01 + 1,000.09 = 1,100.10
    # SI 50,000 / IV 200,000 = 0.25: 1,100.10 × 0.25 = 275.025 → 275.03 (half even: 275.02)
    # percent deductible 10% × 275.03 = 27.503 → 27.50 → 275.03 − 27.50 = 247.53
    st = calculate(terms("50000.00", "200000.00", deductible=percent("0.10")),
                   [item("3", "33.335"), item("1", "1000.09")])
    assert one(st, "item.replacement_cost", 0) == D("100.01")
    assert st.loss == D("1100.10")
    assert st.after_average == D("275.03")
    assert st.deductible == D("27.50")
    assert st.indemnity == D("247.53")
    assert st.indemnity_words_zh == "贰佰肆拾柒元伍角叁分"


def test_non_terminating_depreciation_rate() -> None:
    # RC 7,000.00 × 3 ÷ 7 = 3,000.00 exactly (the product is taken before the division)
    # RC 1,000.00 × 1 ÷ 3 = 333.333… → 333.33; ACV 666.67
    st = calculate(terms(), [item("1", "7000.00", age_years="3", useful_life_years="7"),
                             item("1", "1000.00", age_years="1", useful_life_years="3")])
    assert one(st, "item.depreciation", 0) == D("3000.00")
    assert one(st, "item.depreciation", 1) == D("333.33")
    assert one(st, "item.acv", 1) == D("666.67")
    assert "≈42.8571%" in st.lines_with("item.depreciation")[0].formula_en


def test_section_sums_insured_with_section_values() -> None:
    # building: SIₛ 500,000 / IVₛ 1,000,000 = 0.5; machinery: SIₛ 300,000 ≥ IVₛ 250,000 (full)
    # building loss 80,000.00 → × 0.5 = 40,000.00; machinery loss 280,000.00 → no average, but
    # limited to SIₛ: min(280,000.00, 300,000.00)… 280,000.00 ≤ 300,000.00 → 280,000.00
    # after average = 40,000.00 + 280,000.00 = 320,000.00; fixed 10,000.00 → 310,000.00
    # remaining = case SI 800,000.00 → indemnity 310,000.00
    t = terms("800000.00", "1250000.00", deductible=fixed("10000.00"),
              section_sums_insured={Section.BUILDING: D("500000.00"), Section.MACHINERY: D("300000.00")},
              section_insured_values={Section.BUILDING: D("1000000.00"), Section.MACHINERY: D("250000.00")})
    st = calculate(t, [item("1", "80000.00", "building"), item("1", "280000.00", "machinery")])
    assert amounts(st, "section.after_average") == [D("40000.00"), D("280000.00")]
    assert st.after_average == D("320000.00")
    assert st.indemnity == D("310000.00")
    assert [s.after_average for s in st.sections] == [D("40000.00"), D("280000.00")]


def test_section_sum_insured_limits_a_section() -> None:
    # case ratio SI 400,000 / IV 400,000 = 1; stock SIₛ 50,000.00 is a limit:
    # stock loss 2 × 40,000.00 = 80,000.00 → min(80,000.00, 50,000.00) = 50,000.00
    # contents loss 30,000.00 (SIₛ 350,000) → 30,000.00; after average 80,000.00 → indemnity 80,000.00
    t = terms("400000.00", section_sums_insured={Section.STOCK: D("50000.00"), Section.CONTENTS: D("350000.00")})
    st = calculate(t, [item("2", "40000.00", "stock"), item("1", "30000.00", "contents")])
    assert amounts(st, "section.after_average") == [D("30000.00"), D("50000.00")]  # contents before stock
    assert st.indemnity == D("80000.00")


def test_statement_json_has_the_documented_keys() -> None:
    st = calculate(terms(deductible=fixed("500.00")), [item("1", "1500.00")])
    out = st.to_dict()
    for key in ("loss", "deductible", "indemnity", "indemnity_words_zh", "steps"):
        assert key in out
    assert out["indemnity"] == "1000.00"  # 1,500.00 − 500.00
    assert all(set(step) >= {"label", "formula", "amount"} for step in out["steps"])
    assert out["steps"][0]["label"].startswith("#1 ")
    assert isinstance(st.average_ratio, Decimal)
