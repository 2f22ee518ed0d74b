"""Enrolment, tokens, revocation, ownership and bad input against a real hub on 127.0.0.1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest
from hub_support import enrol_device, open_device, outbox_ops, running_hub

from adjuster.domain.models import Case
from adjuster.sync.client import HubApiError, HubClient
from adjuster.sync.hub import HubLimits
from adjuster.sync.protocol import PROTOCOL_VERSION


@pytest.fixture
def hub(tmp_path: Path):
    with running_hub(tmp_path / "hub") as server:
        yield server


def test_enrolment_code_works_once_and_token_is_stored_hashed(hub, tmp_path: Path) -> None:
    store, ident = open_device(tmp_path, "a", "alice")
    code = hub.ctx.auth.create_enrolment("alice", "adjuster")
    client = HubClient(hub.url, retries=0)
    answer = client.enrol(code.lower().replace("-", " "), ident.device_id, public_key=ident.public_key)
    assert answer["user"] == "alice" and answer["role"] == "adjuster"
    assert client.whoami()["device_id"] == ident.device_id

    with pytest.raises(HubApiError) as again:
        HubClient(hub.url, retries=0).enrol(code, ident.device_id, public_key=ident.public_key)
    assert again.value.status == 403 and again.value.code == "enrolment_refused"

    raw = (hub.hub_dir / "auth.db").read_bytes() + b"".join(p.read_bytes() for p in hub.hub_dir.glob("auth.db-wal"))
    assert answer["token"].encode() not in raw
    assert code.replace("-", "").encode() not in raw
    assert hub.ctx.store.device(ident.device_id).public_key == ident.public_key


def test_enrolment_refuses_bad_codes_and_bad_keys(hub, tmp_path: Path) -> None:
    _, ident = open_device(tmp_path, "a", "alice")
    client = HubClient(hub.url, retries=0)
    with pytest.raises(HubApiError) as bad:
        client.enrol("AAAA-BBBB-CCCC", ident.device_id, public_key=ident.public_key)
    assert bad.value.code == "enrolment_refused"
    code = hub.ctx.auth.create_enrolment("alice")
    with pytest.raises(HubApiError) as badkey:
        client.enrol(code, ident.device_id, public_key="not-a-key")
    assert badkey.value.status == 422 and badkey.value.extra["field"] == "public_key"
    # the code was not spent by the refused attempt
    assert client.enrol(code, ident.device_id, public_key=ident.public_key)["user"] == "alice"


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer adj_unknown", "Basic abc", "Bearer " + "x" * 500])
def test_wrong_token_is_401_with_no_detail(hub, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    r = httpx.get(f"{hub.url}/v1/whoami", headers=headers)
    assert r.status_code == 401
    assert r.json() == {"error": {"code": "unauthorized", "message": "missing or invalid device token"}}


def test_revoking_a_device_stops_it_at_once(hub, tmp_path: Path) -> None:
    store, ident = open_device(tmp_path, "a", "alice")
    client = enrol_device(hub, store, ident, "alice")
    assert client.whoami()["user"] == "alice"
    hub.ctx.auth.revoke(ident.device_id)
    with pytest.raises(HubApiError) as err:
        client.whoami()
    assert err.value.status == 401


def test_another_adjusters_case_is_403_and_nothing_of_the_batch_applies(hub, tmp_path: Path) -> None:
    a_store, a_ident = open_device(tmp_path, "a", "alice")
    b_store, b_ident = open_device(tmp_path, "b", "bob")
    alice = enrol_device(hub, a_store, a_ident, "alice")
    bob = enrol_device(hub, b_store, b_ident, "bob")
    case = a_store.cases.create(Case(claim_no="CLM-A-1", insured_name="Alice Co"))
    result = alice.push_json(outbox_ops(a_store))
    assert len(result["accepted"]) == 1
    # the case was created without an owner: it belongs to its creator now
    assert hub.ctx.store.record("case", case.id)["assigned_to"] == "alice"

    b_store.cases.create(Case(claim_no="CLM-B-1"))
    ops = outbox_ops(b_store)
    ops.append({**ops[0], "op_id": "forged-1", "device_seq": 2, "record_id": case.id, "action": "update",
                "base_rev": 1, "fields": {"insured_name": {"old": "Alice Co", "new": "Bob was here"}}})
    seq = hub.ctx.store.current_seq()
    with pytest.raises(HubApiError) as err:
        bob.push_json(ops)
    assert err.value.status == 403 and err.value.extra["op_id"] == "forged-1"
    assert hub.ctx.store.current_seq() == seq
    assert hub.ctx.store.record("case", case.id)["insured_name"] == "Alice Co"
    assert hub.ctx.store.op_status(ops[0]["op_id"]) is None

    # a case created on a device for somebody else is refused too
    b_store.cases.create(Case(claim_no="CLM-B-2", assigned_to="alice"))
    with pytest.raises(HubApiError) as err2:
        bob.push_json(outbox_ops(b_store)[1:2])
    assert err2.value.status == 403


def test_malformed_oversized_and_unknown_version_are_refused_with_nothing_applied(tmp_path: Path) -> None:
    limits = HubLimits(max_json_bytes=20_000, max_ops_per_push=3)
    with running_hub(tmp_path / "hub", limits=limits) as hub:
        store, ident = open_device(tmp_path, "a", "alice")
        client = enrol_device(hub, store, ident, "alice")
        auth = {"Authorization": f"Bearer {client.token}", "Content-Type": "application/json"}
        for i in range(4):
            store.cases.create(Case(claim_no=f"CLM-{i:03d}"))
        ops = outbox_ops(store)
        url = f"{hub.url}/v1/push"

        r = httpx.post(url, content=b'{"protocol": 1, "ops": [', headers=auth)
        assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_json"
        r = httpx.post(url, content=b"[]", headers=auth)
        assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_json"
        r = httpx.post(url, json={"protocol": PROTOCOL_VERSION, "ops": ops, "pad": "x" * 30_000}, headers=auth)
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
        r = httpx.post(url, json={"protocol": 99, "ops": ops[:1]}, headers=auth)
        assert r.status_code == 400 and r.json()["error"]["code"] == "unsupported_protocol"
        r = httpx.post(url, json={"protocol": PROTOCOL_VERSION, "ops": ops}, headers=auth)
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_many_ops"
        bad = [ops[0], {**ops[1], "entity": "spaceship"}]
        r = httpx.post(url, json={"protocol": PROTOCOL_VERSION, "ops": bad}, headers=auth)
        assert r.status_code == 422 and r.json()["error"]["field"] == "ops[1].entity"
        r = httpx.post(url, content=b"\xff\xfe", headers=auth)
        assert r.status_code == 400
        r = httpx.post(url, content=b"protocol=1", headers={**auth, "Content-Type": "application/x-www-form-urlencoded"})
        assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_media_type"
        assert hub.ctx.store.current_seq() == 0

        r = httpx.post(url, json={"protocol": PROTOCOL_VERSION, "ops": ops[:3]}, headers=auth)
        assert r.status_code == 200 and len(r.json()["accepted"]) == 3


def test_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub", limits=HubLimits(device_rate=0.2, device_burst=3)) as hub:
        store, ident = open_device(tmp_path, "a", "alice")
        client = enrol_device(hub, store, ident, "alice")
        headers = {"Authorization": f"Bearer {client.token}"}
        codes = [httpx.get(f"{hub.url}/v1/whoami", headers=headers).status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3] == 429
        r = httpx.get(f"{hub.url}/v1/whoami", headers=headers)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert r.json()["error"]["code"] == "rate_limited"


def test_roles_separate_field_and_office_endpoints(hub, tmp_path: Path) -> None:
    a_store, a_ident = open_device(tmp_path, "a", "alice")
    r_store, r_ident = open_device(tmp_path, "r", "rita")
    alice = enrol_device(hub, a_store, a_ident, "alice")
    rita = enrol_device(hub, r_store, r_ident, "rita", role="reviewer")
    with pytest.raises(HubApiError) as err:
        alice.get_json("/v1/review/queue")
    assert err.value.status == 403
    assert rita.get_json("/v1/review/queue") == {"queue": []}
    r_store.cases.create(Case(claim_no="CLM-R-1"))
    with pytest.raises(HubApiError) as err2:
        rita.push_json(outbox_ops(r_store))
    assert err2.value.status == 403


def test_unknown_route_and_method_use_the_error_envelope(hub) -> None:
    r = httpx.get(f"{hub.url}/v1/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = httpx.delete(f"{hub.url}/v1/push")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    assert httpx.get(f"{hub.url}/health").json()["status"] == "ok"


def test_auth_db_survives_restart(tmp_path: Path) -> None:
    store, ident = open_device(tmp_path, "a", "alice")
    with running_hub(tmp_path / "hub") as hub:
        token = enrol_device(hub, store, ident, "alice").token
    with running_hub(tmp_path / "hub") as hub:
        assert HubClient(hub.url, token).whoami()["user"] == "alice"
    conn = sqlite3.connect(tmp_path / "hub" / "auth.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
