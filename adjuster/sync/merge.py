"""Per-field three-way merge: the one rule every side of sync uses to combine two histories.

Pure functions over JSON values; no database. A field changed on one side only takes that side's
value; the same field changed to different values on both sides is a conflict and *both* values
are reported, never one silently chosen (clocks are never consulted).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Eq = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class FieldMerge:
    """Outcome for one field. ``value`` is what the record should hold now; on a conflict it is
    ``theirs`` (the stored value stays until a person chooses) and ``mine`` waits in the conflict."""

    value: Any
    conflict: bool
    source: str  # "both" | "mine" | "theirs" | "conflict"


def merge_field(base: Any, mine: Any, theirs: Any, eq: Eq = operator.eq) -> FieldMerge:
    """Merge ``mine`` (incoming change made on top of ``base``) into ``theirs`` (the stored value)."""
    if eq(mine, theirs):
        return FieldMerge(theirs, False, "both")
    if eq(mine, base):
        return FieldMerge(theirs, False, "theirs")
    if eq(theirs, base):
        return FieldMerge(mine, False, "mine")
    return FieldMerge(theirs, True, "conflict")


@dataclass
class RecordMerge:
    """Merged values for the fields that changed, and the fields in conflict as (mine, theirs)."""

    values: dict[str, Any] = field(default_factory=dict)
    conflicts: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def merge_record(
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    eq: Callable[[str, Any, Any], bool] | None = None,
) -> RecordMerge:
    """Merge the fields of ``mine`` (a set of changes on top of ``base``) into ``theirs``.

    ``values`` holds only fields whose stored value must change; ``eq(field, a, b)`` compares
    values the way the domain does (Decimal 1.5 == 1.50).
    """
    out = RecordMerge()
    for name, new in mine.items():
        same: Eq = (lambda a, b, n=name: eq(n, a, b)) if eq else operator.eq  # type: ignore[misc]
        current = theirs.get(name)
        result = merge_field(base.get(name), new, current, same)
        if result.conflict:
            out.conflicts[name] = (new, current)
        elif not same(result.value, current):
            out.values[name] = result.value
    return out
