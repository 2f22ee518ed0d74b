"""The back office's review queue over the HubStore: what waits for a decision, what changed since
the last one, approve / return, assignment. The server's ``/v1/review`` routes and the
``adjuster review`` commands both call these functions, so the two cannot drift apart.

"Changed since the last review" comes from the hub's append-only audit log: entries for the case
and everything hanging off it (items, photos, signatures, reports) after the case's
``reviewed_at``, leaving out the office's own decision.
"""

from __future__ import annotations

import json
from typing import Any

from adjuster.domain.errors import NotFoundError, ValidationError
from adjuster.sync.protocol import OFFICE

QUEUE_CASE_STATUSES = ("submitted", "in_review")
QUEUE_VISIT_STATUSES = ("submitted",)


def _q(hub: Any, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    return hub.store.query(sql, list(params))  # type: ignore[no-any-return]


def queue(hub: Any, *, include: str = "all") -> list[dict[str, Any]]:
    """Submitted cases and visits, oldest submission first, each with its open conflicts count and
    how many changes arrived since its last review."""
    out: list[dict[str, Any]] = []
    if include in ("all", "cases"):
        marks = ", ".join("?" for _ in QUEUE_CASE_STATUSES)
        for row in _q(hub, f"SELECT id, claim_no, insured_name, assigned_to, status, loss_date, updated_at, reviewed_at"
                           f" FROM cases WHERE deleted_at IS NULL AND status IN ({marks}) ORDER BY updated_at",
                      QUEUE_CASE_STATUSES):
            ids = _case_family(hub, row["id"])
            out.append({"kind": "case", **row, "open_conflicts": _open_conflicts(hub, ids),
                        "changes_since_review": len(_audit_since(hub, ids, row["reviewed_at"]))})
    if include in ("all", "visits"):
        marks = ", ".join("?" for _ in QUEUE_VISIT_STATUSES)
        for row in _q(hub, f"SELECT v.id, v.site_id, s.name AS site_name, v.visit_date, v.engineer, v.assigned_to, v.status,"
                           f" v.grade, v.updated_at FROM visits v JOIN sites s ON s.id = v.site_id"
                           f" WHERE v.deleted_at IS NULL AND v.status IN ({marks}) ORDER BY v.updated_at",
                      QUEUE_VISIT_STATUSES):
            ids = [row["id"], *[r["id"] for r in _q(hub, "SELECT id FROM findings WHERE visit_id = ?", [row["id"]])]]
            out.append({"kind": "visit", **row, "open_conflicts": _open_conflicts(hub, ids)})
    return out


def _case_family(hub: Any, case_id: str) -> list[str]:
    """The case id and the ids of the records that belong to it."""
    items = [r["id"] for r in _q(hub, "SELECT id FROM loss_items WHERE case_id = ?", [case_id])]
    owners = [case_id, *items]
    marks = ", ".join("?" for _ in owners)
    photos = [r["id"] for r in _q(hub, f"SELECT id FROM photos WHERE owner_id IN ({marks})", owners)]
    others = [r["id"] for t in ("signatures", "reports")
              for r in _q(hub, f"SELECT id FROM {t} WHERE owner_id IN ({marks})", owners)]
    return [*owners, *photos, *others]


def _open_conflicts(hub: Any, ids: list[str]) -> int:
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    row = _q(hub, f"SELECT count(*) AS n FROM hub_conflicts WHERE status = 'open' AND record_id IN ({marks})", ids)
    return int(row[0]["n"])


def _audit_since(hub: Any, ids: list[str], since: str | None) -> list[dict[str, Any]]:
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT seq, at, user, device_id, entity, record_id, action, changes FROM audit_log WHERE record_id IN ({marks})"
    params: list[Any] = list(ids)
    if since:
        sql += " AND at > ?"
        params.append(since)
    sql += " AND device_id != ? ORDER BY seq"
    params.append(OFFICE)
    rows = _q(hub, sql, params)
    for row in rows:
        row["changes"] = json.loads(row["changes"])
    return rows


def case_detail(hub: Any, case_id: str) -> dict[str, Any]:
    """Everything a reviewer needs on one screen: the case, its items and photos, open conflicts,
    and the field-level changes since the last review."""
    case = hub.record("case", case_id)
    if case is None or case.get("deleted_at"):
        raise NotFoundError("case", case_id)
    items = [hub.record("loss_item", r["id"]) for r in
             _q(hub, "SELECT id FROM loss_items WHERE case_id = ? AND deleted_at IS NULL ORDER BY position", [case_id])]
    ids = _case_family(hub, case_id)
    owners = [case_id, *[i["id"] for i in items]]
    marks = ", ".join("?" for _ in owners)
    photos = [hub.record("photo", r["id"]) for r in
              _q(hub, f"SELECT id FROM photos WHERE owner_id IN ({marks}) AND deleted_at IS NULL ORDER BY position", owners)]
    conflicts = [c.to_json() for rid in ids for c in hub.conflicts(open_only=True, record_id=rid)]
    return {
        "case": case,
        "items": items,
        "photos": photos,
        "conflicts": conflicts,
        "changes_since_review": _audit_since(hub, ids, case.get("reviewed_at")),
        "last_reviewed_at": case.get("reviewed_at"),
    }


def visit_detail(hub: Any, visit_id: str) -> dict[str, Any]:
    """A prevention visit for review: the visit, its site, findings, recommendations, conflicts."""
    visit = hub.record("visit", visit_id)
    if visit is None or visit.get("deleted_at"):
        raise NotFoundError("visit", visit_id)
    findings = [hub.record("finding", r["id"]) for r in
                _q(hub, "SELECT id FROM findings WHERE visit_id = ? AND deleted_at IS NULL ORDER BY item_key", [visit_id])]
    recs = [hub.record("recommendation", r["id"]) for r in
            _q(hub, "SELECT id FROM recommendations WHERE visit_id = ? AND deleted_at IS NULL ORDER BY rowid", [visit_id])]
    ids = [visit_id, *[f["id"] for f in findings], *[r["id"] for r in recs]]
    return {
        "visit": visit,
        "site": hub.record("site", visit["site_id"]),
        "findings": findings,
        "recommendations": recs,
        "conflicts": [c.to_json() for rid in ids for c in hub.conflicts(open_only=True, record_id=rid)],
    }


def decide(hub: Any, case_id: str, decision: str, *, amount: Any = None, comment: str = "", by: str) -> dict[str, Any]:
    """Approve (optionally with an approved amount) or return with a comment; devices pull it."""
    if decision not in ("approve", "return"):
        raise ValidationError("decision", "must be approve or return")
    if decision == "return" and not (comment or "").strip():
        raise ValidationError("comment", "say why the case is returned")
    if amount is not None and decision == "approve":
        from adjuster.util.money import MoneyError, to_decimal

        try:
            value = to_decimal(amount, field="amount")
        except MoneyError as err:
            raise ValidationError("amount", str(err)) from None
        if value < 0:
            raise ValidationError("amount", "must not be negative")
        amount = str(value)
    change = hub.office_decide(case_id, decision, amount, comment or "", by=by)
    return change.to_json()  # type: ignore[no-any-return]


def decide_visit(hub: Any, visit_id: str, decision: str, *, comment: str = "", by: str) -> dict[str, Any]:
    """Approve or return a prevention visit (its status and review comment are office fields)."""
    if decision not in ("approve", "return"):
        raise ValidationError("decision", "must be approve or return")
    status = "approved" if decision == "approve" else "returned"
    return hub.office_edit("visit", visit_id, {"status": status, "review_comment": comment or ""}, by=by).to_json()  # type: ignore[no-any-return]


def assign(hub: Any, case_id: str, user: str, *, by: str) -> dict[str, Any]:
    """Give a case to an adjuster; only that user's devices may write it from now on.

    Devices only pull what is theirs, so the case's items, photos, signatures and reports are
    re-announced (new server_seq) for the new assignee's next pull to bring the whole file.
    """
    from adjuster.sync.hubapply import touch

    if not user.strip():
        raise ValidationError("user", "is required")
    with hub.store.transaction():
        change = hub.office_edit("case", case_id, {"assigned_to": user.strip()}, by=by)
        tables = {"loss_item": "loss_items", "photo": "photos", "signature": "signatures", "report": "reports"}
        family = set(_case_family(hub, case_id))
        for entity, table in tables.items():
            marks = ", ".join("?" for _ in family)
            for row in _q(hub, f"SELECT id, deleted_at FROM {table} WHERE id IN ({marks})", sorted(family)):
                touch(hub, entity, row["id"], OFFICE, None, deleted=bool(row["deleted_at"]))
    return change.to_json()  # type: ignore[no-any-return]


def resolve_key(hub: Any, key: str) -> str:
    """A case id, or a claim number, or a unique id prefix → the case id (CLI convenience)."""
    rows = _q(hub, "SELECT id FROM cases WHERE deleted_at IS NULL AND (id = ? OR claim_no = ?)", [key, key])
    if not rows and len(key) >= 6:
        rows = _q(hub, "SELECT id FROM cases WHERE deleted_at IS NULL AND id LIKE ?", [key + "%"])
    if len(rows) != 1:
        raise NotFoundError("case", key)
    return str(rows[0]["id"])
