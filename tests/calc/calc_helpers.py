"""Builders for calculation tests: short keyword forms of PolicyTerms and ItemInput."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from adjuster.calc import Deductible, ItemInput, MitigationCost, PolicyTerms, Statement
from adjuster.domain.enums import DeductibleType, Section

D = Decimal


def terms(si: str = "1000000.00", iv: str | None = None, **kw: Any) -> PolicyTerms:
    """Fully insured by default (insured value = sum insured), no deductible."""
    return PolicyTerms(sum_insured=D(si), insured_value=D(iv if iv is not None else si), **kw)


def fixed(amount: str) -> Deductible:
    return Deductible(DeductibleType.FIXED, amount=D(amount))


def percent(rate: str) -> Deductible:
    return Deductible(DeductibleType.PERCENT, rate=D(rate))


def percent_min(rate: str, minimum: str) -> Deductible:
    return Deductible(DeductibleType.PERCENT_MIN, rate=D(rate), minimum=D(minimum))


def costs(*amounts: str) -> tuple[MitigationCost, ...]:
    return tuple(MitigationCost(D(a), f"cost {i + 1}") for i, a in enumerate(amounts))


def item(qty: str, price: str, section: str = "contents", **kw: Any) -> ItemInput:
    """An item; string keyword values for numeric fields are turned into Decimals."""
    numeric = {"age_years", "useful_life_years", "depreciation_rate_annual", "salvage", "repair_cost"}
    fields = {k: (D(v) if k in numeric and isinstance(v, str) else v) for k, v in kw.items()}
    fields.setdefault("description", f"item {qty} x {price}")
    return ItemInput(section=Section(section), qty=D(qty), unit_price=D(price), **fields)


def amounts(statement: Statement, key: str) -> list[Decimal]:
    """Amounts of every line with ``key``, in order."""
    return [line.amount for line in statement.lines if line.key == key]


def one(statement: Statement, key: str, item_index: int | None = None) -> Decimal:
    """The single line ``key`` (of one item when ``item_index`` is given)."""
    found = [
        line.amount for line in statement.lines
        if line.key == key and (item_index is None or line.item_index == item_index)
    ]
    assert len(found) == 1, f"{key}: {len(found)} lines"
    return found[0]
