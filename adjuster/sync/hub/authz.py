"""Which records a device may write: cases assigned to its user, sites (and their visits,
findings, recommendations) of its user's team, and anything hanging off those.

Checked for a whole push batch before anything is applied, so a refused op applies nothing.
Parents are found in the batch itself first (a case created with its items in one push), then
in the hub's current rows. A case or site created without an owner is given the device's user
(or team) — the op is rewritten so the hub and, after the next pull, the device agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from adjuster.sync.hub.auth import Identity, Role
from adjuster.sync.hub.errors import forbidden
from adjuster.sync.protocol import Op

#: ``lookup(entity, record_id)`` → the hub's current row as JSON values, or None
Lookup = Callable[[str, str], dict[str, Any] | None]

_OWNER_ENTITY = {"case": "case", "item": "loss_item", "site": "site", "visit": "visit", "finding": "finding",
                 "recommendation": "recommendation"}


class Scope:
    """Resolves a record to what owns it: ("case", assigned user) or ("site", team)."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.batch: dict[tuple[str, str], dict[str, Any]] = {}

    def row(self, entity: str, record_id: str | None) -> dict[str, Any] | None:
        if not record_id:
            return None
        stored = self.lookup(entity, record_id)
        pending = self.batch.get((entity, record_id))
        if stored is None:
            return pending
        return {**stored, **pending} if pending else stored

    def owner(self, entity: str, values: dict[str, Any], depth: int = 0) -> tuple[str, str] | None:
        """("case", user) / ("site", team) owning a record with ``values``, None when unknown."""
        if depth > 5:
            return None
        if entity == "case":
            return ("case", str(values.get("assigned_to") or ""))
        if entity == "site":
            return ("site", str(values.get("team") or ""))
        parent: tuple[str, str | None]
        if entity == "loss_item":
            parent = ("case", values.get("case_id"))
        elif entity == "visit" or entity == "recommendation":
            parent = ("site", values.get("site_id"))
        elif entity == "finding":
            parent = ("visit", values.get("visit_id"))
        elif entity in ("photo", "signature", "report"):
            owner_entity = _OWNER_ENTITY.get(str(values.get("owner_type")))
            if owner_entity is None:
                return None
            parent = (owner_entity, values.get("owner_id"))
        else:
            return None
        row = self.row(parent[0], parent[1])
        return self.owner(parent[0], row, depth + 1) if row is not None else None


def check_ops(ident: Identity, ops: list[Op], lookup: Lookup, *, skip: frozenset[str] = frozenset()) -> list[Op]:
    """Return the ops to apply (owner fields filled in on creates) or raise 403 naming the op."""
    checked, refused = sort_ops(ident, ops, lookup, skip=skip)
    if refused:
        op_id, reason = next(iter(refused.items()))
        record = next(op.record_id for op in ops if op.op_id == op_id)
        raise forbidden(reason, op_id=op_id, record_id=record)
    return checked


def sort_ops(
    ident: Identity, ops: list[Op], lookup: Lookup, *, skip: frozenset[str] = frozenset()
) -> tuple[list[Op], dict[str, str]]:
    """(ops with owner fields filled in, {op_id: reason} of the ops the caller may not write).

    Ops in ``skip`` (already settled on the hub) pass unchecked: a re-sent op is a duplicate,
    whoever owns the record now. Ops from another device are always refused.
    """
    if ident.role == Role.ADMIN:
        return ops, {}
    scope = Scope(lookup)
    out: list[Op] = []
    refused: dict[str, str] = {}
    for op in ops:
        if op.device_id != ident.device_id:
            raise forbidden("ops must come from the device that sends them", op_id=op.op_id)
        if op.op_id in skip:
            out.append(op)
            continue
        op = _claim_owner(ident, op)
        key = (op.entity, op.record_id)
        stored = lookup(op.entity, op.record_id)
        new = op.new_values()
        # both the record as it is and as it would be must belong to the caller
        reason = None
        if stored is not None:
            reason = _owner_problem(ident, scope.owner(op.entity, {**stored, **scope.batch.get(key, {})}))
        merged = {**(stored or {}), **scope.batch.get(key, {}), **new}
        reason = reason or _owner_problem(ident, scope.owner(op.entity, merged))
        if reason:
            refused[op.op_id] = reason
        else:
            scope.batch[key] = {**scope.batch.get(key, {}), **new}
        out.append(op)
    return out, refused


def _claim_owner(ident: Identity, op: Op) -> Op:
    """A new case/site without an owner belongs to the device's user/team."""
    if op.action != "create":
        return op
    key, value = {"case": ("assigned_to", ident.user), "site": ("team", ident.team)}.get(op.entity, (None, None))
    if key is None or op.fields.get(key, {}).get("new"):
        return op
    fields = {**op.fields, key: {"old": None, "new": value}}
    return dataclasses.replace(op, fields=fields)


def _owner_problem(ident: Identity, owner: tuple[str, str] | None) -> str | None:
    if owner is None:
        return None  # parent unknown to the hub: the store refuses or holds the op on its own rules
    kind, who = owner
    if kind == "case" and who != ident.user:
        return f"case is not assigned to {ident.user}"
    if kind == "site" and who != ident.team:
        return f"site belongs to another team than {ident.team or '(none)'}"
    return None


def hub_lookup(store: Any, auth: Any) -> Lookup:
    """``Lookup`` over the HubStore. A case without ``assigned_to`` (or a site without ``team``)
    that arrived some other way (a bundle) belongs to the user (team) of the device that created it."""

    def creator_user(entity: str, record_id: str) -> dict[str, Any] | None:
        meta = store.store.query_one("SELECT creator FROM hub_rows WHERE entity = ? AND record_id = ?", [entity, record_id])
        if meta is None:
            return None
        try:
            device = auth.device(meta["creator"])
            return {"user": device["user"], "team": auth.user(device["user"])["team"]}
        except LookupError:
            return None

    def lookup(entity: str, record_id: str) -> dict[str, Any] | None:
        row = store.record(entity, record_id)
        if row is None:
            return None
        if entity == "case" and not row.get("assigned_to"):
            who = creator_user(entity, record_id)
            return {**row, "assigned_to": who["user"]} if who else row
        if entity == "site" and not row.get("team"):
            who = creator_user(entity, record_id)
            return {**row, "team": who["team"]} if who else row
        return row

    return lookup
