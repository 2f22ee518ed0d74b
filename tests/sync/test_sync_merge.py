"""The per-field three-way merge: one side changed → that side; both changed alike → that value;
both changed differently → a conflict that keeps both (never decided by order or clock)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from adjuster.sync.merge import merge_field, merge_record
from adjuster.sync.protocol import values_equal

values = st.one_of(st.none(), st.integers(-3, 3), st.sampled_from(["a", "b", "c", ""]))


def test_one_side_changed_takes_that_side() -> None:
    assert merge_field("a", "b", "a").value == "b"
    assert merge_field("a", "a", "c").value == "c"
    assert not merge_field("a", "b", "a").conflict


def test_same_change_on_both_sides_is_not_a_conflict() -> None:
    out = merge_field("a", "b", "b")
    assert (out.value, out.conflict) == ("b", False)


def test_different_changes_conflict_and_keep_stored_value() -> None:
    out = merge_field("a", "b", "c")
    assert out.conflict and out.value == "c"


def test_record_merge_reports_conflicting_pairs() -> None:
    merged = merge_record({"x": 1, "y": 1}, {"x": 2, "y": 3}, {"x": 1, "y": 4})
    assert merged.values == {"x": 2}
    assert merged.conflicts == {"y": (3, 4)}


def test_domain_equality_for_decimals() -> None:
    assert values_equal("case", "sum_insured", "1.5", "1.50")
    assert not values_equal("case", "sum_insured", "1.5", "1.51")
    out = merge_record({"sum_insured": "100"}, {"sum_insured": "100.00"}, {"sum_insured": "200"},
                       eq=lambda n, a, b: values_equal("case", n, a, b))
    assert out.values == {} and out.conflicts == {}


@given(values, values, values)
def test_conflict_exactly_when_both_sides_changed_differently(base, mine, theirs) -> None:
    out = merge_field(base, mine, theirs)
    assert out.conflict == (mine != base and theirs != base and mine != theirs)


@given(values, values, values)
def test_no_value_is_invented_or_lost(base, mine, theirs) -> None:
    out = merge_field(base, mine, theirs)
    assert out.value in (mine, theirs)
    if not out.conflict and mine != base:
        assert out.value == mine  # a real change is never dropped silently
    if not out.conflict and theirs != base:
        assert out.value == theirs


@given(values, values)
def test_merging_is_idempotent(base, mine) -> None:
    once = merge_field(base, mine, base).value
    assert merge_field(base, mine, once).value == once
