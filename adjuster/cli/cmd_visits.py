"""``adjuster visits [SITE]`` and ``adjuster recommendations``: prevention visits from the command line.

``visits`` without a site lists the sites with their latest grade; with one it shows the peril
indicators, the grade over the visits and the open recommendations. ``recommendations`` lists open
(or ``--overdue``, or ``--all``) recommendations as of today (``--today`` pins the date).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from adjuster.cli.common import echo_json, open_store, print_table
from adjuster.domain.errors import NotFoundError, ValidationError
from adjuster.domain.models import Recommendation, Site
from adjuster.inspect.recommendations import OPEN, effective_status
from adjuster.inspect.sites import LEVEL_NAMES, PERIL_NAMES, grade_trend, peril_indicators, site_history
from adjuster.inspect.templates import tr
from adjuster.util.clock import today as clock_today


def register(group: click.Group) -> None:
    group.add_command(visits)
    group.add_command(recommendations)


def find_site(store: Any, key: str) -> Site:
    """A site by id, id prefix (8+ characters) or exact name."""
    site = store.sites.find(key)
    if site is not None:
        return site
    matches = [s for s in store.sites.list() if s.name == key or (len(key) >= 8 and s.id.startswith(key))]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise ValidationError("site", f"{key!r} matches {len(matches)} sites; use the id")
    raise NotFoundError("site", key)


def _rec_json(rec: Recommendation, today: dt.date, site_names: dict[str, str]) -> dict[str, Any]:
    data = rec.to_dict(sync=False)
    data["site_name"] = site_names.get(rec.site_id, "")
    data["effective_status"] = effective_status(rec, today).value
    data["days_overdue"] = (today - rec.deadline).days if rec.deadline and data["effective_status"] == "overdue" else 0
    return data


def _today(value: dt.datetime | None) -> dt.date:
    return value.date() if value else clock_today()


def _list_sites(store: Any, as_json: bool) -> None:
    rows = []
    for site in store.sites.list(order_by="name"):
        history = site_history(store, site.id)
        last = history[-1] if history else None
        rows.append({
            "id": site.id, "name": site.name, "address": site.address, "visits": len(history),
            "last_visit": last.visit_date.isoformat() if last else None, "grade": last.grade if last else "",
            "trend": grade_trend(history),
        })
    if as_json:
        echo_json(rows)
        return
    print_table(["site", "address", "visits", "last visit", "grade", "trend", "id"],
                [[r["name"], r["address"], r["visits"], r["last_visit"] or "", r["grade"], r["trend"], r["id"]]
                 for r in rows], right=(2,))


@click.command()
@click.argument("site_key", required=False)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option("--today", "today_", type=click.DateTime(["%Y-%m-%d"]), help="Date for overdue checks (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.pass_context
def visits(ctx: click.Context, site_key: str | None, lang: str, today_: dt.datetime | None, as_json: bool) -> None:
    """A site's visits with the grade over time (SITE: id, id prefix or name); no SITE lists sites."""
    today = _today(today_)
    with open_store(ctx) as store:
        if not site_key:
            _list_sites(store, as_json)
            return
        site = find_site(store, site_key)
        history = site_history(store, site.id)
        open_recs = store.recommendations.for_site(site.id, open_only=True)
    perils = peril_indicators(site)
    if as_json:
        echo_json({
            "site": site.to_dict(sync=False),
            "perils": [{"peril": p, "level": lvl, "note": note} for p, lvl, note in perils],
            "grade_trend": grade_trend(history),
            "visits": [h.to_json() for h in history],
            "open_recommendations": [_rec_json(r, today, {site.id: site.name}) for r in open_recs],
        })
        return
    click.echo(f"{site.name}  {site.address}".rstrip())
    click.echo(f"id {site.id}")
    if perils:
        click.echo("Peril indicators (1 very low … 5 very high):")
        for peril, level, note in perils:
            extra = f" — {note}" if note else ""
            click.echo(f"  {tr(PERIL_NAMES[peril], lang)}: {level} {tr(LEVEL_NAMES[level], lang)}{extra}")
    click.echo(f"Grade over visits: {grade_trend(history) or 'no visits yet'}\n")
    print_table(
        ["date", "template", "engineer", "status", "score", "grade", "deficient", "raised", "follow-ups", "visit id"],
        [[h.visit_date, h.template, h.engineer, h.status, h.score if h.score is not None else "", h.grade,
          h.deficient, h.raised, h.follow_ups, h.visit_id] for h in history],
        right=(4, 6, 7, 8),
    )
    if open_recs:
        click.echo(f"\nOpen recommendations ({len(open_recs)}):")
        _print_recs(open_recs, today, {})


def _print_recs(recs: list[Recommendation], today: dt.date, site_names: dict[str, str]) -> None:
    headers = ["deadline", "status", "priority", "responsible", "item", "recommendation", "id"]
    if site_names:
        headers.insert(0, "site")
    rows = []
    for r in recs:
        status = effective_status(r, today).value
        if status == "overdue" and r.deadline:
            status = f"overdue {(today - r.deadline).days}d"
        text = r.text if len(r.text) <= 40 else r.text[:39] + "…"
        row = [r.deadline or "", status, r.priority.value, r.responsible, r.item_key, text, r.id]
        if site_names:
            row.insert(0, site_names.get(r.site_id, r.site_id[:8]))
        rows.append(row)
    print_table(headers, rows)


@click.command()
@click.option("--overdue", "only_overdue", is_flag=True, help="Only open recommendations past their deadline.")
@click.option("--all", "show_all", is_flag=True, help="Include done and waived ones.")
@click.option("--site", "site_key", default=None, help="Only this site (id, id prefix or name).")
@click.option("--today", "today_", type=click.DateTime(["%Y-%m-%d"]), help="Date for overdue checks (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def recommendations(ctx: click.Context, only_overdue: bool, show_all: bool, site_key: str | None,
                    today_: dt.datetime | None, as_json: bool) -> None:
    """Rectification recommendations (整改建议), open ones by default, soonest deadline first."""
    today = _today(today_)
    with open_store(ctx) as store:
        site_id = find_site(store, site_key).id if site_key else None
        if only_overdue:
            recs = store.recommendations.overdue(today)
        else:
            recs = store.recommendations.list(order_by="deadline IS NULL, deadline, rowid")
            if not show_all:
                recs = [r for r in recs if r.status in OPEN]
        recs = [r for r in recs if site_id is None or r.site_id == site_id]
        names = {s.id: s.name for s in store.sites.list()}
    if as_json:
        echo_json([_rec_json(r, today, names) for r in recs])
        return
    if not recs:
        click.echo("no overdue recommendations" if only_overdue else "no recommendations")
        return
    _print_recs(recs, today, names)
    late = sum(1 for r in recs if effective_status(r, today).value == "overdue")
    click.echo(f"{len(recs)} recommendation(s), {late} overdue as of {today.isoformat()}")
