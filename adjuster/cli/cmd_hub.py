"""The back office and the device's link to it:

- ``adjuster serve``: run the hub (Starlette + uvicorn) over a hub directory;
- ``adjuster hub enrol|revoke|devices|stats|export``: office administration on the hub directory;
- ``adjuster review list|show|approve|return|assign``: the review queue, on the hub directory;
- ``adjuster remote enrol|now|status``: this device's enrolment and ``sync now`` over HTTP
  (``adjuster sync now`` is the same command).

The hub directory is ``--data-dir`` of these commands (env ``ADJUSTER_HUB_HOME``), else ``hub/``
inside the profile directory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from adjuster.cli.common import echo_json, print_table, profile_from
from adjuster.domain.errors import AdjusterError


def register(group: click.Group) -> None:
    group.add_command(serve)
    group.add_command(hub)
    group.add_command(review)
    group.add_command(remote)
    # ``adjuster sync now`` (the name) is the same command as ``adjuster remote now``; the
    # ``sync`` group belongs to cmd_sync, so it is only added there when that name is still free.
    try:
        from adjuster.cli import cmd_sync
    except ImportError:  # pragma: no cover - sync commands absent
        return
    sync_group = getattr(cmd_sync, "sync", None)
    if isinstance(sync_group, click.Group) and "now" not in sync_group.commands:
        sync_group.add_command(remote_now, "now")


_hub_dir_option = click.option(
    "--data-dir", "hub_dir", envvar="ADJUSTER_HUB_HOME", type=click.Path(file_okay=False), default=None,
    help="Hub directory (hub.db, auth.db, blobs). Default: hub/ in the profile directory; env ADJUSTER_HUB_HOME.",
)
_db_url_option = click.option("--db-url", default=None, help="Database URL (default: SQLite hub.db in the hub directory).")


def hub_dir_of(ctx: click.Context, explicit: str | None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    return profile_from(ctx).root / "hub"


@contextmanager
def open_hub(ctx: click.Context, hub_dir: str | None, db_url: str | None = None) -> Iterator[Any]:
    from adjuster.sync.hub import HubContext

    hctx = HubContext.open(hub_dir_of(ctx, hub_dir), db_url)
    try:
        yield hctx
    finally:
        hctx.close()


def _office_user() -> str:
    return os.environ.get("ADJUSTER_USER") or os.environ.get("USER") or "office"


# -- serve ---------------------------------------------------------------------------------------
@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 for the LAN).")
@click.option("--port", default=8765, show_default=True, type=int)
@_hub_dir_option
@_db_url_option
@click.option("--log-level", default="info", type=click.Choice(["debug", "info", "warning", "error"]), show_default=True)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, hub_dir: str | None, db_url: str | None, log_level: str) -> None:
    """Run the back-office hub: devices sync with it, the office reviews on it."""
    import logging

    import uvicorn

    from adjuster.sync.hub import create_app

    directory = hub_dir_of(ctx, hub_dir)
    logging.basicConfig(level=getattr(logging, log_level.upper()), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app = create_app(directory, db_url)
    _ = app.state.hub.store  # open (and create) the database now: a bad --db-url fails before listening
    click.echo(f"Adjuster hub on http://{host}:{port}  (data: {directory})", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False, timeout_graceful_shutdown=5)


# -- hub administration --------------------------------------------------------------------------
@click.group()
@_hub_dir_option
@_db_url_option
@click.pass_context
def hub(ctx: click.Context, hub_dir: str | None, db_url: str | None) -> None:
    """Administer the hub directory: enrol users' devices, revoke, stats, exports."""
    ctx.ensure_object(dict)
    ctx.obj["hub_dir"], ctx.obj["db_url"] = hub_dir, db_url


@hub.command("enrol")
@click.argument("user")
@click.option("--role", type=click.Choice(["adjuster", "engineer", "reviewer", "admin"]), default=None,
              help="Role of the user (default: keep, or adjuster for a new user).")
@click.option("--team", default=None, help="Team of the user (engineers write the sites of their team).")
@click.option("--ttl-hours", default=72.0, show_default=True, help="How long the code stays valid.")
@click.pass_context
def hub_enrol(ctx: click.Context, user: str, role: str | None, team: str | None, ttl_hours: float) -> None:
    """Print a one-time enrolment code for one of USER's devices."""
    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        code = h.auth.create_enrolment(user, role, team=team, ttl_hours=ttl_hours)
        info = h.auth.user(user.strip())
    click.echo(code)
    click.echo(f"one-time code for {info['name']} ({info['role']}{', team ' + info['team'] if info['team'] else ''}),"
               f" valid {ttl_hours:g} h; on the device: adjuster remote enrol URL {code}", err=True)


@hub.command("revoke")
@click.argument("device")
@click.pass_context
def hub_revoke(ctx: click.Context, device: str) -> None:
    """Stop DEVICE (id or unique prefix) at once: its token is refused from the next request."""
    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        matches = [d["device_id"] for d in h.auth.devices() if d["device_id"].startswith(device)]
        if len(matches) != 1:
            raise AdjusterError(f"{device!r} matches {len(matches)} devices; give more of the id (see: adjuster hub devices)")
        info = h.auth.revoke(matches[0])
        if h.store.device(matches[0]) is not None:
            h.store.revoke_device(matches[0])
    click.echo(f"revoked {info['device_id']} ({info['user']})")


@hub.command("devices")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def hub_devices(ctx: click.Context, as_json: bool) -> None:
    """List enrolled devices."""
    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        rows = h.auth.devices()
    if as_json:
        echo_json(rows)
        return
    print_table(["device", "user", "role", "name", "enrolled", "last seen", "revoked"],
                [[r["device_id"], r["user"], r["role"], r["name"], (r["enrolled_at"] or "")[:16],
                  (r["last_seen_at"] or "")[:16], (r["revoked_at"] or "")[:16]] for r in rows])


@hub.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def hub_stats(ctx: click.Context, as_json: bool) -> None:
    """Office figures: open cases, days to survey and to closing, closing rate, per adjuster, recommendations."""
    from adjuster.sync.hub import metrics

    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        data = metrics.stats(h.store)
    if as_json:
        echo_json(data)
        return
    c = data["cases"]
    rate = "-" if c["closing_rate"] is None else f"{c['closing_rate'] * 100:.1f} %"
    for label, value in [("cases", c["total"]), ("open", c["open"]), ("awaiting review", c["awaiting_review"]),
                         ("closed", c["closed"]), ("closing rate", rate),
                         ("avg days loss → survey", c["avg_days_loss_to_survey"] if c["avg_days_loss_to_survey"] is not None else "-"),
                         ("avg days loss → closing", c["avg_days_loss_to_closing"] if c["avg_days_loss_to_closing"] is not None else "-"),
                         ("recommendations open", data["recommendations"]["open"]),
                         ("recommendations overdue", data["recommendations"]["overdue"]),
                         ("open conflicts", data["open_conflicts"])]:
        click.echo(f"{label:<26}{value}")
    if data["per_adjuster"]:
        click.echo("")
        print_table(["adjuster", "total", "open", "closed"],
                    [[k, v["total"], v["open"], v["closed"]] for k, v in data["per_adjuster"].items()], right=(1, 2, 3))


@hub.command("export")
@click.argument("name", type=click.Choice(["cases.csv", "items.csv", "sites.geojson", "photos.geojson"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File to write (default: NAME).")
@click.pass_context
def hub_export(ctx: click.Context, name: str, output: str | None) -> None:
    """Export cases or items as CSV, sites or photos as GeoJSON."""
    from adjuster.sync.hub import exports
    from adjuster.util.atomic import atomic_write_bytes

    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        data, _ = exports.export(h.store, name)
    target = Path(output or name)
    atomic_write_bytes(target, data)
    click.echo(f"wrote {target} ({len(data)} bytes)")


# -- review ----------------------------------------------------------------------------------------
@click.group()
@_hub_dir_option
@_db_url_option
@click.option("--by", default=None, help="Reviewer name recorded with decisions (default: $ADJUSTER_USER or $USER).")
@click.pass_context
def review(ctx: click.Context, hub_dir: str | None, db_url: str | None, by: str | None) -> None:
    """Review submitted cases on the hub directory: list, show, approve, return, assign."""
    ctx.ensure_object(dict)
    ctx.obj.update(hub_dir=hub_dir, db_url=db_url, by=by or _office_user())


@review.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def review_list(ctx: click.Context, as_json: bool) -> None:
    """The queue: submitted cases and visits, oldest first."""
    from adjuster.sync.hub import review as rv

    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        rows = rv.queue(h.store)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("nothing waits for review")
        return
    print_table(["kind", "claim no. / site", "insured", "assigned", "status", "changes", "conflicts", "id"],
                [[r["kind"], r.get("claim_no") or r.get("site_name", ""), r.get("insured_name", ""), r["assigned_to"],
                  r["status"], r.get("changes_since_review", ""), r["open_conflicts"], r["id"]] for r in rows])


@review.command("show")
@click.argument("case")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def review_show(ctx: click.Context, case: str, as_json: bool) -> None:
    """One case (id, claim no. or id prefix): items, photos, conflicts, changes since the last review."""
    from adjuster.sync.hub import review as rv

    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        detail = rv.case_detail(h.store, rv.resolve_key(h.store, case))
    if as_json:
        echo_json(detail)
        return
    c = detail["case"]
    click.echo(f"{c['claim_no']}  {c['insured_name']}  status {c['status']}  assigned {c['assigned_to'] or '-'}")
    click.echo(f"sum insured {c['sum_insured']} {c['currency']}  loss {c['loss_date'] or '-'}  survey {c['survey_date'] or '-'}")
    click.echo(f"items {len(detail['items'])}  photos {len(detail['photos'])}  open conflicts {len(detail['conflicts'])}")
    for conflict in detail["conflicts"]:
        click.echo(f"  conflict {conflict['conflict_id']}: {conflict['entity']}.{conflict['field']}"
                   f" hub={json.dumps(conflict['hub_value'], ensure_ascii=False)}"
                   f" device={json.dumps(conflict['device_value'], ensure_ascii=False)}")
    since = detail["last_reviewed_at"] or "the start"
    click.echo(f"changes since {since}: {len(detail['changes_since_review'])}")
    for entry in detail["changes_since_review"][-30:]:
        fields = ", ".join(sorted(entry["changes"]))[:80]
        click.echo(f"  {entry['at'][:19]} {entry['user']:<10} {entry['action']:<6} {entry['entity']:<10} {fields}")


@review.command("approve")
@click.argument("case")
@click.option("--amount", default=None, help="Approved amount (decimal), e.g. 12345.60.")
@click.option("--comment", default="", help="Note to the adjuster.")
@click.pass_context
def review_approve(ctx: click.Context, case: str, amount: str | None, comment: str) -> None:
    """Approve CASE (optionally with an approved amount); the device gets it at its next sync."""
    from adjuster.sync.hub import review as rv

    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        case_id = rv.resolve_key(h.store, case)
        change = rv.decide(h.store, case_id, "approve", amount=amount, comment=comment, by=ctx.obj["by"])
    click.echo(f"approved {change['row']['claim_no']}" + (f" at {change['row']['approved_amount']}" if amount else ""))


@review.command("return")
@click.argument("case")
@click.option("--comment", required=True, help="What the adjuster must fix.")
@click.pass_context
def review_return(ctx: click.Context, case: str, comment: str) -> None:
    """Return CASE to the field with a comment."""
    from adjuster.sync.hub import review as rv

    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        change = rv.decide(h.store, rv.resolve_key(h.store, case), "return", comment=comment, by=ctx.obj["by"])
    click.echo(f"returned {change['row']['claim_no']}")


@review.command("assign")
@click.argument("case")
@click.argument("user")
@click.pass_context
def review_assign(ctx: click.Context, case: str, user: str) -> None:
    """Assign CASE to USER: only that user's devices may write it from now on."""
    from adjuster.sync.hub import review as rv

    with open_hub(ctx, ctx.obj["hub_dir"], ctx.obj["db_url"]) as h:
        change = rv.assign(h.store, rv.resolve_key(h.store, case), user, by=ctx.obj["by"])
    click.echo(f"assigned {change['row']['claim_no']} to {user}")


# -- the device's side -------------------------------------------------------------------------
@click.group()
def remote() -> None:
    """This device and its hub: enrol with a code, sync now, status."""


@remote.command("enrol")
@click.argument("url")
@click.argument("code")
@click.option("--name", default="", help="Device name shown in the office (default: host name).")
@click.pass_context
def remote_enrol(ctx: click.Context, url: str, code: str, name: str) -> None:
    """Enrol this device with the hub at URL using the one-time CODE from the office."""
    from adjuster.sync.client import enrol_profile

    answer = enrol_profile(profile_from(ctx), url, code, name=name)
    click.echo(f"enrolled {answer['device_id']} as {answer['user']} ({answer['role']}) with {url}")


@remote.command("now")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def remote_now(ctx: click.Context, as_json: bool) -> None:
    """Sync now: send what changed here, receive what changed elsewhere."""
    from adjuster.sync.client import sync_profile

    report = sync_profile(profile_from(ctx))
    if as_json:
        echo_json(report.to_json())
        return
    click.echo(f"sent {report.sent_ops} change(s) and {report.sent_blobs} file(s); received {report.received} change(s)"
               f" and {report.received_blobs} file(s); {report.conflicts} conflict(s)  [{report.seconds:.1f} s]")
    if report.held:
        click.echo(f"{len(report.held)} change(s) wait on the hub: {next(iter(report.held.values()))}")
    if report.rejected:
        click.echo(f"{len(report.rejected)} change(s) refused by the hub: {next(iter(report.rejected.values()))}")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)


@remote.command("status")
@click.option("--check", is_flag=True, help="Also ask the hub who this device is.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def remote_status(ctx: click.Context, check: bool, as_json: bool) -> None:
    """Hub address, what waits to be sent, open conflicts, last sync."""
    from adjuster.sync import engine
    from adjuster.sync.client import HubClient, load_link

    profile = profile_from(ctx)
    url, token = load_link(profile)
    store = profile.open_store()
    try:
        data: dict[str, Any] = {"hub_url": url, **engine.status(store).to_json()}
    finally:
        store.close()
    if check:
        with HubClient(url, token, retries=1) as client:
            data["hub"] = client.whoami()
    if as_json:
        echo_json(data)
        return
    for key, value in data.items():
        click.echo(f"{key:<16}{value}")
