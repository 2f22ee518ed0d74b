"""Core error messages in the UI language.

The core raises ``ValidationError(field, message)`` with English messages (the CLI prints them).
The UI shows them at the field; here the known message shapes are matched and re-worded through
``tr`` so a Chinese UI shows Chinese. Unknown messages are shown as they are — never hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from adjuster.domain.errors import ValidationError
from ui.i18n import tr

_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _rules() -> list[_Rule]:
    def r(pattern: str, render: Callable[[re.Match[str]], str]) -> _Rule:
        return re.compile(pattern), render

    return [
        r(r"^(is )?required$", lambda m: tr("is required")),
        r(r"^must not be empty$", lambda m: tr("is required")),
        r(r"^must not be negative(?: \(got (?P<v>.+)\))?$", lambda m: tr("must not be negative")),
        r(r"^'?(?P<v>.*?)'? is not a number$", lambda m: tr("“{value}” is not a number").format(value=m["v"])),
        r(r"^expected a number, got (?P<v>.+)$", lambda m: tr("“{value}” is not a number").format(value=m["v"].strip("'"))),
        r(r"^expected an integer, got (?P<v>.+)$", lambda m: tr("“{value}” is not a whole number").format(
            value=m["v"].strip("'"))),
        r(r"^must be between 0 and 1 \(got (?P<v>.+)\)$", lambda m: tr("must be between 0 and 1 (got {value})").format(
            value=m["v"])),
        r(r"^a rate must be at most 1 \(got (?P<v>.+)\)$", lambda m: tr("a rate must be at most 100%")),
        r(r"^is before the date of loss$", lambda m: tr("is before the date of loss")),
        r(r"^is in the future$", lambda m: tr("is in the future")),
        r(r"^must be greater than zero(?: when given)?$", lambda m: tr("must be greater than zero")),
        r(r"^is required for a repair item$", lambda m: tr("is required for a repair item")),
        r(r"^is required for an excluded item$", lambda m: tr("is required for an excluded item")),
        r(r"^is required for a (?P<t>\w+) deductible$", lambda m: tr("is required for this kind of deductible")),
        r(r"^(?P<a>\S+) exceeds the item's value (?P<b>\S+)$", lambda m: tr("{salvage} exceeds the item's value {value}")
          .format(salvage=m["a"], value=m["b"])),
        r(r"^'(?P<v>.*)' is not a claim number", lambda m: tr(
            "“{value}” is not a claim number (3–40 letters, digits, - _ / .)").format(value=m["v"])),
        r(r"^invalid value '(?P<v>.*)' \(", lambda m: tr("“{value}” is not valid here").format(value=m["v"])),
        r(r"^cannot go from (?P<a>\w+) to (?P<b>\w+)$", lambda m: tr("cannot go from {a} to {b}").format(
            a=_status(m["a"]), b=_status(m["b"]))),
    ]


def _status(value: str) -> str:
    from ui.models.badges import status_label

    return status_label(value)


def explain(err: ValidationError) -> str:
    """The message of ``err`` in the UI language (the field is shown by where the text appears)."""
    message = err.message.strip()
    for pattern, render in _rules():
        m = pattern.search(message)
        if m:
            return render(m)
    return message


def field_label(path: str) -> str:
    """'case.insured_value' → 'Value at risk at time of loss'; 'items[2].unit_price' → 'Item 3, Unit price'."""
    labels = {
        "claim_no": tr("Claim no."), "sum_insured": tr("Sum insured"),
        "insured_value": tr("Value at risk at time of loss"), "deductible": tr("Deductible"),
        "depreciation_cap": tr("Depreciation cap (0–1)"), "mitigation_costs": tr("Mitigation costs"),
        "loss_date": tr("Date of loss"), "reported_date": tr("Date reported"), "survey_date": tr("Date of survey"),
        "sum_insured_used": tr("Sum insured"), "currency": tr("Currency"), "description": tr("Description"),
        "qty": tr("Qty"), "unit_price": tr("Unit price"), "age_years": tr("Age (years)"),
        "useful_life_years": tr("Useful life"), "salvage": tr("Salvage"), "repair_cost": tr("Repair cost"),
        "exclusion_reason": tr("Exclusion reason"), "section": tr("Section"),
    }
    parts = [p for p in re.split(r"\.", path) if p and p != "case"]
    out = []
    for part in parts:
        m = re.fullmatch(r"items\[(\d+)\]", part)
        if m:
            out.append(tr("Item {n}").format(n=int(m[1]) + 1))
        elif part in labels:
            out.append(labels[part])
        elif not part.isidentifier() or part in ("amount", "rate", "minimum", "type"):
            continue
        else:
            out.append(part)
    return ", ".join(out) or path


def describe(err: BaseException) -> str:
    """A whole-error sentence for places with no field next to them (the Calculation tab)."""
    if isinstance(err, ValidationError):
        return f"{field_label(err.field)}: {explain(err)}"
    return str(err)
