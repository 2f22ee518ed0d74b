"""The shapes that cross the wire: ops validate untrusted JSON and name the bad part."""

from __future__ import annotations

import pytest

from adjuster.domain.errors import ValidationError
from adjuster.sync.protocol import ApplyResult, Conflict, Op, PullResult

GOOD = {
    "op_id": "01a2-op", "device_id": "01a2-dev", "device_seq": 3, "entity": "case", "record_id": "01a2-case",
    "action": "update", "base_rev": 2, "fields": {"peril": {"old": "fire", "new": "flood"}}, "hlc": "1-0-x", "seen": 7,
}


def test_op_round_trip() -> None:
    op = Op.from_json(GOOD)
    assert Op.from_json(op.to_json()) == op
    assert "resolves" not in op.to_json()


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"entity": "user"}, "op.entity"),
        ({"action": "drop"}, "op.action"),
        ({"fields": {"password": {"new": 1}}}, "op.fields.password"),
        ({"fields": {"peril": "flood"}}, "op.fields.peril"),
        ({"fields": {"rev": {"new": 9}}}, "op.fields.rev"),
        ({"device_seq": 0}, "op.device_seq"),
        ({"device_seq": True}, "op.device_seq"),
        ({"seen": -1}, "op.seen"),
        ({"record_id": "../../etc"}, "op.record_id"),
        ({"action": "resolve"}, "op.resolves"),
        ({"fields": {"id": {"new": "other"}}}, "op.fields.id"),
    ],
)
def test_bad_ops_are_refused_naming_the_field(patch: dict, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        Op.from_json({**GOOD, **patch})
    assert err.value.field == field


def test_missing_key_and_non_object() -> None:
    with pytest.raises(ValidationError, match="op.hlc"):
        Op.from_json({k: v for k, v in GOOD.items() if k != "hlc"})
    with pytest.raises(ValidationError):
        Op.from_json(["not", "an", "object"])


def test_create_op_may_repeat_its_id() -> None:
    op = Op.from_json({**GOOD, "action": "create", "fields": {"id": {"old": None, "new": "01a2-case"}, "claim_no": {"old": None, "new": "CL-1"}}})
    assert "id" not in op.fields


def test_results_round_trip() -> None:
    c = Conflict("c1", "case", "r1", "peril", "field", "a", "b", "c", "office", "d1", "o1")
    r = ApplyResult(accepted=["o1"], duplicates=["o0"], rejected={"o2": "why"}, held={"o3": "gap"}, conflicts=[c], applied_seq=2)
    back = ApplyResult.from_json(r.to_json())
    assert back == r and back.acked == ["o1", "o0", "o2"]
    p = PullResult([], [c], 5, True, "2026-01-01T00:00:00Z")
    assert PullResult.from_json(p.to_json()) == p
