"""Range rules for calculation inputs, shared by the typed API and the case-file parser.

Bad input is refused with a ``ValidationError`` whose field is the case-file path
(``case.deductible.rate``, ``items[2].salvage``) — never turned into a silent zero. The one rule
that needs computed figures (salvage above the item's value) is checked by the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from adjuster.calc.terms import DepreciationMethod, ItemInput, PolicyTerms
from adjuster.domain.enums import DeductibleType, Section
from adjuster.domain.errors import ValidationError

ONE = Decimal(1)
#: Far above any claim; keeps every product inside Decimal's 28 significant digits.
MAX_AMOUNT = Decimal(10) ** 15


def _decimal(value: object, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise ValidationError(path, f"expected a Decimal, got {type(value).__name__} {value!r}")
    if not value.is_finite():
        raise ValidationError(path, f"{value} is not a finite number")
    return value


def check_amount(value: object, path: str, *, positive: bool = False, places: int | None = 2) -> Decimal:
    """A money amount: >= 0 (or > 0), at most ``places`` decimals so nothing is rounded unseen."""
    d = _decimal(value, path)
    if d < 0:
        raise ValidationError(path, f"must not be negative (got {d})")
    if positive and d == 0:
        raise ValidationError(path, "must be greater than zero")
    if d >= MAX_AMOUNT:
        raise ValidationError(path, f"{d} is too large (limit {MAX_AMOUNT:,})")
    if places is not None and d != d.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError(path, f"{d} has more than {places} decimal places")
    return abs(d)  # turns -0 into 0


def check_rate(value: object, path: str) -> Decimal:
    """A rate written as a fraction: 0.10 is 10%. Above 1 is almost always a percent typed as 10."""
    d = _decimal(value, path)
    if d < 0 or d > ONE:
        raise ValidationError(path, f"rate {d} must be between 0 and 1 (write 10% as 0.10)")
    return d


def check_terms(terms: PolicyTerms) -> None:
    """Refuse terms the calculation cannot use, naming the ``case.*`` field."""
    si = check_amount(terms.sum_insured, "case.sum_insured", positive=True)
    check_amount(terms.insured_value, "case.insured_value", positive=True)
    used = check_amount(terms.sum_insured_used, "case.sum_insured_used")
    if used > si:
        raise ValidationError("case.sum_insured_used", f"{used} exceeds the sum insured {si}")
    check_rate(terms.depreciation_cap, "case.depreciation_cap")
    try:
        DepreciationMethod(terms.depreciation_method)
    except ValueError:
        raise ValidationError("case.depreciation_method", f"unknown method {terms.depreciation_method!r}") from None
    _check_deductible(terms)
    for i, cost in enumerate(terms.mitigation_costs):
        check_amount(cost.amount, f"case.mitigation_costs[{i}].amount")
    _check_sections(terms)


def _check_deductible(terms: PolicyTerms) -> None:
    d = terms.deductible
    try:
        kind = DeductibleType(d.type)
    except ValueError:
        choices = ", ".join(t.value for t in DeductibleType)
        raise ValidationError("case.deductible.type", f"unknown deductible type {d.type!r}; expected one of {choices}") from None
    if kind is DeductibleType.FIXED:
        check_amount(d.amount, "case.deductible.amount")
    if kind in (DeductibleType.PERCENT, DeductibleType.PERCENT_MIN):
        check_rate(d.rate, "case.deductible.rate")
    if kind is DeductibleType.PERCENT_MIN:
        check_amount(d.minimum, "case.deductible.minimum")


def _check_sections(terms: PolicyTerms) -> None:
    sums, values = terms.section_sums_insured, terms.section_insured_values
    for name, mapping in (("section_sums_insured", sums), ("section_insured_values", values)):
        for key, amount in mapping.items():
            path = f"case.{name}.{key}"
            try:
                Section(key)
            except ValueError:
                raise ValidationError(path, f"unknown section {key!r}") from None
            check_amount(amount, path, positive=True)
    for key in values:
        if key not in sums:
            raise ValidationError(f"case.section_sums_insured.{key}", "missing: an insured value is given for this section but no sum insured")
    if sums and not terms.average_before_deductible:
        raise ValidationError(
            "case.average_before_deductible",
            "deductible before average is not supported with per-section sums insured",
        )


def check_item(item: ItemInput, index: int, terms: PolicyTerms) -> None:
    """Refuse an item the calculation cannot use, naming ``items[index].field``."""
    p = f"items[{index}]"
    if not isinstance(item.description, str) or not item.description.strip():
        raise ValidationError(f"{p}.description", "must not be empty")
    try:
        section = Section(item.section)
    except ValueError:
        choices = ", ".join(s.value for s in Section)
        raise ValidationError(f"{p}.section", f"unknown section {item.section!r}; expected one of {choices}") from None
    if terms.section_sums_insured and section not in terms.section_sums_insured:
        raise ValidationError(f"{p}.section", f"section {section.value!r} has no sum insured in case.section_sums_insured")
    check_amount(item.qty, f"{p}.qty", positive=True, places=None)
    check_amount(item.unit_price, f"{p}.unit_price", places=None)
    check_amount(item.salvage, f"{p}.salvage")
    _check_depreciation(item, p, terms)
    if item.repair:
        if item.repair_cost is None:
            raise ValidationError(f"{p}.repair_cost", "required for a repair item (repair: true)")
        check_amount(item.repair_cost, f"{p}.repair_cost")
    elif item.repair_cost is not None:
        raise ValidationError(f"{p}.repair_cost", "given for an item that is not repaired; set repair: true or remove it")
    if item.excluded and not (isinstance(item.exclusion_reason, str) and item.exclusion_reason.strip()):
        raise ValidationError(f"{p}.exclusion_reason", "required for an excluded item (the statement lists the reason)")


def _check_depreciation(item: ItemInput, p: str, terms: PolicyTerms) -> None:
    life, rate = item.useful_life_years, item.depreciation_rate_annual
    if life is not None and rate is not None:
        raise ValidationError(f"{p}.depreciation_rate_annual", "give useful_life_years or depreciation_rate_annual, not both")
    if life is not None:
        check_amount(life, f"{p}.useful_life_years", positive=True, places=None)
    if rate is not None:
        check_rate(rate, f"{p}.depreciation_rate_annual")
    if item.age_years is not None:
        check_amount(item.age_years, f"{p}.age_years", places=None)
    if not item.depreciates or (life is None and rate is None):
        return
    if item.age_years is None:
        raise ValidationError(f"{p}.age_years", "required to depreciate the item (it has a useful life or rate)")
    method = DepreciationMethod(terms.depreciation_method)
    if method is DepreciationMethod.USEFUL_LIFE and life is None:
        raise ValidationError(f"{p}.useful_life_years", "the policy depreciates by useful life; this item has only an annual rate")
    if method is DepreciationMethod.ANNUAL_RATE and rate is None:
        raise ValidationError(f"{p}.depreciation_rate_annual", "the policy depreciates by annual rate; this item has only a useful life")


def check_all(terms: PolicyTerms, items: Sequence[ItemInput]) -> None:
    """Terms first, then each item in order, so the first error is the one a reader meets first."""
    check_terms(terms)
    for i, item in enumerate(items):
        check_item(item, i, terms)
