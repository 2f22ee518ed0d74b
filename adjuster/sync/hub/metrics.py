"""Office figures from the hub's records: open cases, time from loss to survey and to closing,
closing rate, cases per adjuster, open and overdue rectification recommendations.

"Closing" is the office's approval: a case counts as closed once approved (or closed), dated by
its ``reviewed_at``. Days are whole calendar days between dates (UTC).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from adjuster.util.clock import utcnow_iso

OPEN = ("draft", "submitted", "in_review", "returned")
CLOSED = ("approved", "closed")


def _avg(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _days(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    try:
        return float((dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days)
    except ValueError:
        return None


def stats(hub: Any, *, today: dt.date | None = None) -> dict[str, Any]:
    """The office dashboard as one JSON-ready dict (``adjuster hub stats --json``, ``GET /v1/metrics``)."""
    today = today or dt.date.today()
    store = hub.store
    cases = store.query(
        "SELECT id, status, assigned_to, loss_date, survey_date, reviewed_at FROM cases WHERE deleted_at IS NULL"
    )
    counted = [c for c in cases if c["status"] != "withdrawn"]
    closed = [c for c in counted if c["status"] in CLOSED]
    survey_days = [d for c in cases if (d := _days(c["loss_date"], c["survey_date"])) is not None]
    close_days = [d for c in closed if (d := _days(c["loss_date"], c["reviewed_at"])) is not None]
    per_adjuster: dict[str, dict[str, int]] = {}
    for c in cases:
        who = c["assigned_to"] or "(unassigned)"
        slot = per_adjuster.setdefault(who, {"total": 0, "open": 0, "closed": 0})
        slot["total"] += 1
        slot["open"] += c["status"] in OPEN
        slot["closed"] += c["status"] in CLOSED
    by_status: dict[str, int] = {}
    for c in cases:
        by_status[c["status"]] = by_status.get(c["status"], 0) + 1
    recs = store.query("SELECT status, deadline FROM recommendations WHERE deleted_at IS NULL")
    open_recs = [r for r in recs if r["status"] in ("open", "overdue")]
    overdue = [r for r in open_recs if r["status"] == "overdue" or (r["deadline"] and r["deadline"][:10] < today.isoformat())]
    visits = store.query("SELECT status FROM visits WHERE deleted_at IS NULL")
    conflicts = store.query_one("SELECT count(*) AS n FROM hub_conflicts WHERE status = 'open'")
    return {
        "generated_at": utcnow_iso(),
        "cases": {
            "total": len(cases),
            "open": sum(c["status"] in OPEN for c in cases),
            "awaiting_review": sum(c["status"] in ("submitted", "in_review") for c in cases),
            "closed": len(closed),
            "by_status": dict(sorted(by_status.items())),
            "closing_rate": round(len(closed) / len(counted), 3) if counted else None,
            "avg_days_loss_to_survey": _avg(survey_days),
            "avg_days_loss_to_closing": _avg(close_days),
        },
        "per_adjuster": dict(sorted(per_adjuster.items())),
        "visits": {"total": len(visits), "awaiting_review": sum(v["status"] == "submitted" for v in visits)},
        "recommendations": {"open": len(open_recs), "overdue": len(overdue)},
        "open_conflicts": int(conflicts["n"]) if conflicts else 0,
    }
