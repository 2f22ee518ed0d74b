"""Calculate from the app's domain records (``adjuster.domain.models.Case`` / ``LossItem``).

The records are turned into case-file dicts with their own ``to_dict`` and read by the same parser
as a case file, so the app, the CLI and the report cannot disagree on a field's meaning, and
errors name the same paths (``case.insured_value``, ``items[2].salvage``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from adjuster.calc.engine import calculate
from adjuster.calc.parse import CASE_FORMAT, CaseInput, parse_casefile
from adjuster.calc.statement import Statement


class _Record(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def inputs_from_records(case: _Record, items: Sequence[_Record]) -> CaseInput:
    """Policy terms and items from a Case and its LossItems (in display order)."""
    doc = {"format": CASE_FORMAT, "case": case.to_dict(), "items": [item.to_dict() for item in items]}
    return parse_casefile(doc)


def calculate_records(case: _Record, items: Sequence[_Record]) -> Statement:
    """The statement of a Case and its LossItems — what the app's calculation tab shows."""
    inputs = inputs_from_records(case, items)
    return calculate(inputs.terms, inputs.items)
