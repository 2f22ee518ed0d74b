"""Plain-text renderings of hub answers for the review panel (no widgets; easy to test)."""

from __future__ import annotations

import json
from typing import Any

from ui.i18n import tr
from ui.labels import field_name, value_text

MAX_VALUE = 50


def short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def entity_label(entity: str) -> str:
    """A record kind in the UI language (the hub sends the English key)."""
    labels = {"case": tr("Case"), "loss_item": tr("Loss item"), "photo": tr("Photo"), "site": tr("Site"),
              "visit": tr("Visit"), "finding": tr("Finding"), "recommendation": tr("Recommendation"),
              "signature": tr("Signature"), "report": tr("Report")}
    return labels.get(entity, entity)


#: what names a new record in a change line, first found wins
NAME_FIELDS = ("claim_no", "name", "description", "text", "original_name", "item_key")


def _value(field: str, value: Any) -> str:
    return value_text(field, value, MAX_VALUE)


def change_line(entry: dict[str, Any]) -> str:
    """One audit entry: when, who, what — ``2026-05-01 10:02 alice changed Case: Status Submitted → Approved``."""
    action = {"create": tr("created"), "update": tr("changed"), "delete": tr("deleted")}.get(entry["action"], entry["action"])
    changes = entry.get("changes") or {}
    if entry["action"] == "update":
        detail = "; ".join(f"{field_name(k)}: {_value(k, v.get('old'))} → {_value(k, v.get('new'))}"
                           for k, v in sorted(changes.items()))
    else:
        name = next((changes[k].get("new") for k in NAME_FIELDS
                     if isinstance(changes.get(k), dict) and changes[k].get("new")), "")
        detail = short(name) if name else ""
    when_at = entry["at"][:16].replace("T", " ")
    return f"{when_at}  {entry['user']}  {action} {entity_label(entry['entity'])}  {detail}".rstrip()


def role_label(role: str) -> str:
    labels = {"adjuster": tr("adjuster"), "engineer": tr("engineer"), "reviewer": tr("reviewer"), "admin": tr("admin")}
    return labels.get(role, role)


def conflict_line(conflict: dict[str, Any]) -> str:
    return tr("{field}: hub {hub} ↔ device {device}").format(
        field=f"{entity_label(conflict['entity'])} · {field_name(conflict['field'])}",
        hub=_value(conflict["field"], conflict["hub_value"]), device=_value(conflict["field"], conflict["device_value"]))


def metrics_line(stats: dict[str, Any]) -> str:
    c = stats["cases"]
    rate = "–" if c["closing_rate"] is None else f"{c['closing_rate'] * 100:.0f} %"
    days = "–" if c["avg_days_loss_to_closing"] is None else f"{c['avg_days_loss_to_closing']:g}"
    return tr("Open cases {open} · awaiting review {waiting} · closing rate {rate} · days to close {days} · "
              "overdue recommendations {overdue} · open conflicts {conflicts}").format(
        open=c["open"], waiting=c["awaiting_review"], rate=rate, days=days,
        overdue=stats["recommendations"]["overdue"], conflicts=stats["open_conflicts"])


def summary_line(detail: dict[str, Any]) -> str:
    c = detail["case"]
    return tr("{claim} · {insured} · status {status} · assigned to {who} · sum insured {si} {cur} · loss {loss} · "
              "{items} items, {photos} photos").format(
        claim=c["claim_no"], insured=c["insured_name"] or "–", status=_value("status", c["status"]), who=c["assigned_to"] or "–",
        si=c["sum_insured"], cur=c["currency"], loss=c["loss_date"] or "–", items=len(detail["items"]),
        photos=len(detail["photos"]))


def visit_summary(detail: dict[str, Any]) -> str:
    v, site = detail["visit"], detail.get("site") or {}
    deficient = sum(1 for f in detail["findings"] if f.get("result") == "deficient")
    return tr("Visit to {site} on {date} · engineer {who} · grade {grade} · {n} findings ({bad} deficient), "
              "{recs} recommendations").format(
        site=site.get("name", "–"), date=v["visit_date"], who=v["engineer"] or v["assigned_to"] or "–",
        grade=v["grade"] or "–", n=len(detail["findings"]), bad=deficient, recs=len(detail["recommendations"]))


def sync_summary(report: Any) -> str:
    """What a sync did, for the status bar: sent, received, conflicted (and what waits)."""
    text = tr("Sent {ops} changes and {files} files · received {recv} changes and {rfiles} files · {conf} conflicts").format(
        ops=report.sent_ops, files=report.sent_blobs, recv=report.received, rfiles=report.received_blobs,
        conf=report.conflicts)
    if report.rejected:
        text += " · " + tr("{n} refused by the hub").format(n=len(report.rejected))
    if report.held:
        text += " · " + tr("{n} waiting on the hub").format(n=len(report.held))
    return text


def hub_error(err: BaseException | None, url: str = "") -> str:
    """A hub failure in the UI language where we know it (offline, refused code, revoked token)."""
    from adjuster.sync.client import HubApiError, HubUnreachable
    from ui.workers import error_text

    if isinstance(err, HubUnreachable):
        return tr("The hub {url} does not answer. Check the address and the network, then try again.").format(
            url=url or "")
    if isinstance(err, HubApiError):
        if err.code == "enrolment_refused":
            return tr("The hub refused the code: it is unknown, already used or expired. Ask the office for a new one.")
        if err.code == "unauthorized" or err.status == 401:
            return tr("The hub does not accept this token (revoked or mistyped). Connect again with a new enrolment code.")
        if err.status == 403:
            return tr("The hub refused: {reason}").format(reason=err.message)
    return error_text(err)


def when(iso: str | None) -> str:
    """A UTC ISO time as local ``HH:mm`` today, else ``yyyy-MM-dd HH:mm``; "never" for none."""
    import datetime as dt

    if not iso:
        return tr("never")
    try:
        t = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso
    return t.strftime("%H:%M") if t.date() == dt.date.today() else t.strftime("%Y-%m-%d %H:%M")


def sync_state(pending: int, last_sync_at: str | None, conflicts: int, linked: bool) -> str:
    """The status bar's sync line: what waits, when the last round was, open conflicts."""
    if not linked:
        if pending == 0:
            return tr("Not connected to a hub")
        return tr("%n change(s) not synced (no hub set)", "", pending)
    parts = [tr("All changes synced") if pending == 0 else tr("%n change(s) waiting to sync", "", pending),
             tr("last sync {when}").format(when=when(last_sync_at))]
    if conflicts:
        parts.append(tr("%n conflict(s)", "", conflicts))
    return " · ".join(parts)


def status_text(status: str) -> str:
    """A case's or visit's status from the hub in the UI language."""
    return _value("status", status) if status else ""


def core_text(text: str) -> str:
    """A sync warning or a hub's refusal reason in the UI language where its shape is known
    (they come as English sentences); anything else is shown as it is, never hidden."""
    import re

    rules: list[tuple[str, Any]] = [
        (r"^this computer's clock differs from the hub's by ([+-]?\d+) min",
         lambda m: tr("This computer's clock differs from the hub's by {min} min: sync is unaffected, but dates "
                      "you enter may be wrong.").format(min=m[1])),
        (r"^(\d+) photo file\(s\) are missing on this computer",
         lambda m: tr("{n} photo file(s) are missing on this computer; their records wait (run adjuster verify).")
         .format(n=m[1])),
        (r"^(\w+) is not assigned to (.+)$",
         lambda m: tr("{what} is not assigned to {user}").format(what=entity_label(m[1]), user=m[2])),
    ]
    for pattern, render in rules:
        m = re.search(pattern, text)
        if m:
            return str(render(m))
    return text
