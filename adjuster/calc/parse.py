"""Read the calculation inputs out of a case file (``adjuster.case/1``) and write items back.

Only the fields the calculation uses are read (listed in docs/calc.md); everything else in the
document belongs to ``adjuster/casefile.py`` and is ignored here.

Numbers: amounts, rates, quantities and years are written as decimal **strings** ("1234.50",
"0.10"). JSON numbers are accepted only if they were read exactly — ``int`` or ``Decimal`` (the
CLI and ``adjuster.casefile`` parse with ``parse_float=Decimal``, so ``1234.5`` in the file becomes
``Decimal("1234.5")``). A Python ``float`` in the dict is **refused**: its text is already lost to
binary rounding, and a claim figure must not depend on it. Strings must be plain decimals — no
thousands separators, exponents or spaces inside.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from adjuster.calc.engine import calculate
from adjuster.calc.statement import Statement
from adjuster.calc.terms import (
    DEFAULT_CURRENCY,
    DEFAULT_DEPRECIATION_CAP,
    ZERO,
    Deductible,
    DepreciationMethod,
    ItemInput,
    MitigationCost,
    PolicyTerms,
)
from adjuster.calc.validate import check_amount
from adjuster.domain.enums import DeductibleType, Section
from adjuster.domain.errors import ValidationError

CASE_FORMAT = "adjuster.case/1"
_PLAIN_DECIMAL = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class CaseInput:
    """What the engine needs from a case file."""

    terms: PolicyTerms
    items: tuple[ItemInput, ...]


def _number(value: object, path: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ValidationError(path, f"expected a decimal string such as \"1234.50\", got {value!r}")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        raise ValidationError(
            path,
            f"binary float {value!r} refused: write amounts as decimal strings (\"{value:.2f}\") "
            "or parse the JSON with parse_float=Decimal",
        )
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN_DECIMAL.fullmatch(text):
            raise ValidationError(path, f"{value!r} is not a plain decimal number (e.g. \"1234.50\")")
        return Decimal(text)
    raise ValidationError(path, f"expected a decimal string, got {type(value).__name__}")


def _get(obj: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> Decimal | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise ValidationError(f"{path}.{key}", "required")
        return None
    return _number(value, f"{path}.{key}")


def _required(obj: Mapping[str, Any], key: str, path: str) -> Decimal:
    value = _get(obj, key, path, required=True)
    assert value is not None
    return value


def _bool(obj: Mapping[str, Any], key: str, path: str, default: bool | None) -> bool | None:
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ValidationError(f"{path}.{key}", f"expected true or false, got {value!r}")
    return value


def _text(obj: Mapping[str, Any], key: str, path: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{path}.{key}", f"expected text, got {type(value).__name__}")
    return value


def _mapping(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(path, f"expected an object, got {type(value).__name__}")
    return value


def _section(value: object, path: str) -> Section:
    try:
        return Section(value)  # type: ignore[arg-type]
    except ValueError:
        choices = ", ".join(s.value for s in Section)
        raise ValidationError(path, f"unknown section {value!r}; expected one of {choices}") from None


def parse_deductible(value: object, path: str = "case.deductible") -> Deductible:
    """``{"type": "fixed", "amount": "5000.00"}`` / ``percent`` + ``rate`` / ``percent_min`` + both."""
    if value is None:
        return Deductible()
    obj = _mapping(value, path)
    try:
        kind = DeductibleType(obj.get("type"))
    except ValueError:
        choices = ", ".join(t.value for t in DeductibleType)
        raise ValidationError(f"{path}.type", f"unknown deductible type {obj.get('type')!r}; expected one of {choices}") from None
    need = {
        DeductibleType.NONE: (),
        DeductibleType.FIXED: ("amount",),
        DeductibleType.PERCENT: ("rate",),
        DeductibleType.PERCENT_MIN: ("rate", "minimum"),
    }[kind]
    return Deductible(kind, **{key: _required(obj, key, path) for key in need})


def _mitigation(value: object, path: str) -> tuple[MitigationCost, ...]:
    """A single amount ("8000.00"; zero means none) or a list of ``{"description", "amount"}``."""
    if value is None:
        return ()
    if not isinstance(value, list):
        amount = check_amount(_number(value, path), path)  # checked here to name the field as written
        return (MitigationCost(amount, ""),) if amount else ()
    costs = []
    for i, entry in enumerate(value):
        p = f"{path}[{i}]"
        obj = _mapping(entry, p)
        costs.append(MitigationCost(_required(obj, "amount", p), _text(obj, "description", p)))
    return tuple(costs)


def _section_amounts(value: object, path: str) -> dict[Section, Decimal]:
    if value is None:
        return {}
    obj = _mapping(value, path)
    return {_section(key, f"{path}.{key}"): _number(amount, f"{path}.{key}") for key, amount in obj.items()}


def parse_terms(case: Mapping[str, Any], path: str = "case") -> PolicyTerms:
    """The policy terms from the ``case`` object of a case file."""
    method = case.get("depreciation_method") or DepreciationMethod.AUTO.value
    try:
        depreciation_method = DepreciationMethod(method)
    except ValueError:
        choices = ", ".join(m.value for m in DepreciationMethod)
        raise ValidationError(f"{path}.depreciation_method", f"unknown method {method!r}; expected one of {choices}") from None
    currency = case.get("currency") or DEFAULT_CURRENCY
    if not isinstance(currency, str):
        raise ValidationError(f"{path}.currency", "expected a currency code such as \"CNY\"")
    cap = _get(case, "depreciation_cap", path)
    return PolicyTerms(
        sum_insured=_required(case, "sum_insured", path),
        insured_value=_required(case, "insured_value", path),
        sum_insured_used=_get(case, "sum_insured_used", path) or ZERO,
        deductible=parse_deductible(case.get("deductible"), f"{path}.deductible"),
        depreciation_cap=DEFAULT_DEPRECIATION_CAP if cap is None else cap,
        depreciation_method=depreciation_method,
        average_before_deductible=bool(_bool(case, "average_before_deductible", path, True)),
        mitigation_costs=_mitigation(case.get("mitigation_costs"), f"{path}.mitigation_costs"),
        section_sums_insured=_section_amounts(case.get("section_sums_insured"), f"{path}.section_sums_insured"),
        section_insured_values=_section_amounts(case.get("section_insured_values"), f"{path}.section_insured_values"),
        currency=currency.upper(),
    )


def parse_item(obj: object, index: int) -> ItemInput:
    """One entry of ``items``; unknown keys (photos, notes…) are ignored."""
    p = f"items[{index}]"
    item = _mapping(obj, p)
    if item.get("section") is None:
        raise ValidationError(f"{p}.section", "required")
    if not _text(item, "description", p).strip():
        raise ValidationError(f"{p}.description", "required")
    code = item.get("catalogue_code")
    item_id = item.get("id")
    return ItemInput(
        description=_text(item, "description", p).strip(),
        section=_section(item.get("section"), f"{p}.section"),
        qty=_required(item, "qty", p),
        unit_price=_required(item, "unit_price", p),
        age_years=_get(item, "age_years", p),
        useful_life_years=_get(item, "useful_life_years", p),
        depreciation_rate_annual=_get(item, "depreciation_rate_annual", p),
        salvage=_get(item, "salvage", p) or ZERO,
        repair=bool(_bool(item, "repair", p, False)),
        repair_cost=_get(item, "repair_cost", p),
        depreciate=_bool(item, "depreciate", p, None),
        excluded=bool(_bool(item, "excluded", p, False)),
        exclusion_reason=_text(item, "exclusion_reason", p),
        unit=_text(item, "unit", p),
        id=str(item_id) if item_id else None,
        catalogue_code=str(code) if code else None,
    )


def parse_casefile(doc: object) -> CaseInput:
    """Terms and items from a whole case-file dict (``format`` must be ``adjuster.case/1``)."""
    root = _mapping(doc, "document")
    if root.get("format") != CASE_FORMAT:
        raise ValidationError("format", f"expected {CASE_FORMAT!r}, got {root.get('format')!r}")
    if root.get("case") is None:
        raise ValidationError("case", "required")
    terms = parse_terms(_mapping(root.get("case"), "case"))
    raw_items = root.get("items") or []
    if not isinstance(raw_items, list):
        raise ValidationError("items", "expected a list")
    return CaseInput(terms, tuple(parse_item(obj, i) for i, obj in enumerate(raw_items)))


def calculate_casefile(doc: object) -> Statement:
    """Parse a case-file dict and compute its statement."""
    case = parse_casefile(doc)
    return calculate(case.terms, case.items)


def _s(d: Decimal | None) -> str | None:
    return None if d is None else str(d)


def item_to_dict(item: ItemInput) -> dict[str, Any]:
    """An item as a case-file ``items`` entry (decimal strings; absent optionals left out)."""
    out: dict[str, Any] = {
        "id": item.id,
        "catalogue_code": item.catalogue_code,
        "description": item.description,
        "section": Section(item.section).value,
        "qty": str(item.qty),
        "unit": item.unit or None,
        "unit_price": str(item.unit_price),
        "age_years": _s(item.age_years),
        "useful_life_years": _s(item.useful_life_years),
        "depreciation_rate_annual": _s(item.depreciation_rate_annual),
        "salvage": str(item.salvage),
        "repair": item.repair,
        "repair_cost": _s(item.repair_cost),
        "depreciate": item.depreciate,
        "excluded": item.excluded,
        "exclusion_reason": item.exclusion_reason or None,
    }
    return {key: value for key, value in out.items() if value is not None}
