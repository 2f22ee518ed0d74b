"""Repositories: typed create/get/list/update/soft-delete, audit log and outbox in the same transaction."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from adjuster.domain import Case, CaseStatus, LossItem, NotFoundError, TransitionError, ValidationError
from adjuster.store import CaseFilter


def make_case(store, claim_no="PA-0001", **kw):
    return store.cases.create(Case(claim_no=claim_no, insured_name=kw.pop("insured_name", "张三"), **kw))


def test_create_get_round_trips_typed_values(store):
    case = make_case(store, sum_insured="1234567.89", deductible={"type": "fixed", "amount": "500.00"}, loss_date="2026-03-01")
    got = store.cases.get(case.id)
    assert got.sum_insured == Decimal("1234567.89") and isinstance(got.sum_insured, Decimal)
    assert got.deductible == {"type": "fixed", "amount": "500.00"}
    assert got.rev == 1 and got.device_id == store.device_id and got.status is CaseStatus.DRAFT


def test_update_records_only_changed_fields_in_audit_and_outbox(store):
    case = make_case(store)
    store.cases.update(case.id, insured_name="李四", policy_no="")  # policy_no unchanged
    op = store.outbox()[-1]
    assert op["action"] == "update" and op["base_rev"] == 1
    assert op["fields"] == {"insured_name": {"old": "张三", "new": "李四"}}
    assert store.cases.get(case.id).rev == 2
    history = store.history([case.id])
    assert [h["action"] for h in history] == ["create", "update"]


def test_outbox_sequence_is_contiguous_per_device(store):
    case = make_case(store)
    for i in range(5):
        store.items.create(LossItem(case_id=case.id, description=f"item {i}", unit_price="10"))
    seqs = [op["device_seq"] for op in store.outbox()]
    assert seqs == list(range(1, 7))
    assert len({op["op_id"] for op in store.outbox()}) == 6


def test_failed_multi_row_change_leaves_nothing(store):
    case = make_case(store)
    with pytest.raises(ValidationError), store.transaction():
        store.items.create(LossItem(case_id=case.id, description="ok", unit_price="1"))
        store.items.create(LossItem(case_id=case.id, description="bad", unit_price="-1"))
    assert store.items.for_case(case.id) == []
    assert len(store.outbox()) == 1 and len(store.history([case.id])) == 1


def test_soft_delete_hides_but_keeps_the_row(store):
    case = make_case(store)
    store.cases.soft_delete(case.id)
    with pytest.raises(NotFoundError):
        store.cases.get(case.id)
    assert store.cases.get(case.id, include_deleted=True).deleted_at
    assert store.outbox()[-1]["action"] == "delete"


def test_audit_log_is_append_only(store):
    make_case(store)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.execute("UPDATE audit_log SET user = 'mallory'")


def test_status_transitions_follow_the_workflow(store):
    case = make_case(store)
    with pytest.raises(TransitionError, match="draft to approved"):
        store.cases.set_status(case.id, "approved")
    for status in ("submitted", "in_review", "returned", "submitted", "approved", "closed"):
        store.cases.set_status(case.id, status)
    assert store.cases.get(case.id).status is CaseStatus.CLOSED


def test_claim_numbers_are_unique_among_live_cases(store):
    make_case(store, "PA-0001")
    with pytest.raises(sqlite3.IntegrityError):
        make_case(store, "PA-0001")


def test_case_page_filters_and_sorts(store):
    for i in range(30):
        make_case(store, f"PA-{i:04d}", insured_name="宁波海联" if i % 3 == 0 else "Harbour View",
                  adjuster="wang" if i % 2 else "chan", loss_date=f"2026-01-{i % 28 + 1:02d}")
    store.cases.set_status(store.cases.by_claim_no("PA-0003").id, "submitted")
    rows = store.cases.page(CaseFilter(search="海联"))
    assert len(rows) == 10 and all(r["insured_name"] == "宁波海联" for r in rows)
    assert [r["claim_no"] for r in store.cases.page(CaseFilter(statuses=("submitted",)))] == ["PA-0003"]
    assert store.cases.count_matching(CaseFilter(adjuster="wang")) == 15
    store.cases.update(store.cases.by_claim_no("PA-0004").id, line_of_business="财产一切险")
    assert [r["claim_no"] for r in store.cases.page(CaseFilter(line_of_business="财产一切险"))] == ["PA-0004"]
    asc = store.cases.page(CaseFilter(order_by="claim_no", descending=False), limit=3)
    assert [r["claim_no"] for r in asc] == ["PA-0000", "PA-0001", "PA-0002"]
    with pytest.raises(ValidationError):
        store.cases.page(CaseFilter(order_by="1; DROP TABLE cases"))


def test_change_listeners_hear_after_commit_only(store):
    heard = []
    store.subscribe(heard.append)
    with store.transaction():
        case = make_case(store)
        store.items.create(LossItem(case_id=case.id, description="x", unit_price="1"))
        assert heard == []
    assert heard == [frozenset({"case", "loss_item"})]
    with pytest.raises(RuntimeError), store.transaction():
        store.cases.update(case.id, insured_name="x")
        raise RuntimeError("boom")
    assert len(heard) == 1


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.items.create(LossItem(case_id="no-such-case", description="orphan", unit_price="1"))


def test_resolve_by_id_prefix_or_claim_no(store):
    case = make_case(store, "PA-7777")
    assert store.cases.resolve("PA-7777").id == case.id
    assert store.cases.resolve(case.id[:18]).id == case.id
    with pytest.raises(NotFoundError):
        store.cases.resolve("nothing-like-it")
