"""``adjuster sync status|export|import|conflicts|resolve`` (+ identity, enrol, confirm-deletes).

Offline sync by file: the device exports a signed bundle, the hub imports it and writes a receipt,
the device imports the receipt. Commands that act on the hub take ``--hub-dir`` (env
``ADJUSTER_HUB_HOME``; default ``hub/`` in the profile directory, as ``adjuster hub``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from adjuster.cli.common import echo_json, open_store, print_table, profile_from
from adjuster.domain.errors import AdjusterError

_hub_dir_option = click.option(
    "--hub-dir", envvar="ADJUSTER_HUB_HOME", type=click.Path(file_okay=False), default=None,
    help="Hub directory (for the office side). Default: hub/ in the profile directory; env ADJUSTER_HUB_HOME.",
)


def register(group: click.Group) -> None:
    group.add_command(sync)


@contextmanager
def _hub(ctx: click.Context, hub_dir: str | None) -> Iterator[Any]:
    from adjuster.sync.hubstore import HubStore

    root = Path(hub_dir).expanduser() if hub_dir else profile_from(ctx).root / "hub"
    hub = HubStore.open(root)
    try:
        yield hub
    finally:
        hub.close()


@contextmanager
def _media(ctx: click.Context) -> Iterator[Any]:
    """The profile's media store (or its folder when the media package is absent)."""
    profile = profile_from(ctx)
    try:
        media = profile.open_media()
    except ImportError:
        yield profile.media_dir
        return
    try:
        yield media
    finally:
        media.close()


@click.group()
def sync() -> None:
    """Offline sync: bundles by USB stick or mail, conflicts, status."""


@sync.command("status")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def status_cmd(ctx: click.Context, as_json: bool) -> None:
    """What waits to be sent, the pull position and open conflicts."""
    from adjuster.sync import engine

    with open_store(ctx) as store:
        st = engine.status(store)
    if as_json:
        echo_json(st.to_json())
        return
    click.echo(f"device        {st.device_id}")
    click.echo(f"pending ops   {st.pending_ops}")
    click.echo(f"hub position  {st.cursor}")
    click.echo(f"conflicts     {st.open_conflicts} open")
    click.echo(f"last sync     {st.last_sync_at or 'never'}")
    for op_id, why in st.waiting.items():
        click.echo(f"waiting       op {op_id[:13]}… {why}")
    for op_id, why in st.refused.items():
        click.echo(f"refused       op {op_id[:13]}… {why}")
    for warning in st.warnings:
        click.echo(f"warning       {warning}")


@sync.command("export")
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--all", "all_pending", is_flag=True, help="Repeat every unacknowledged op (e.g. a bundle was lost).")
@click.pass_context
def export_cmd(ctx: click.Context, out: str, all_pending: bool) -> None:
    """Write OUT.adjsync: this device's changes the hub has not acknowledged, with their photos."""
    from adjuster.sync.bundle import export_bundle
    from adjuster.sync.device import DeviceIdentity

    with open_store(ctx) as store, _media(ctx) as media:
        result = export_bundle(store, media, DeviceIdentity.load(store), Path(out), all_pending=all_pending)
    span = f"ops {result.seq_from}–{result.seq_to}" if result.op_count else "no new ops"
    click.echo(f"wrote {result.path} ({span}, {result.op_count} ops, {result.blob_count} photos, {result.size} bytes)")
    for sha in result.skipped_blobs:
        click.echo(f"warning: photo {sha[:12]}… is missing on this computer; its record waits at the hub", err=True)


@sync.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_hub_dir_option
@click.option("--receipts", type=click.Path(file_okay=False), default=None, help="Where the hub writes receipts (default: next to each bundle).")
@click.pass_context
def import_cmd(ctx: click.Context, files: tuple[str, ...], hub_dir: str | None, receipts: str | None) -> None:
    """Import bundles into the hub (writing a receipt for each), or receipts into this device.

    Each file is checked whole before anything changes; a refused file is reported and the rest
    are still imported. Exit status 1 if any file was refused."""
    from adjuster.sync.bundle import import_bundle
    from adjuster.sync.receipt import import_receipt, is_receipt

    failed = 0
    for name in files:
        path = Path(name)
        try:
            if is_receipt(path):
                with open_store(ctx) as store, _media(ctx) as media:
                    got = import_receipt(store, media, path)
                click.echo(f"{path.name}: receipt — {got.acked} ops acknowledged, {got.received} records updated, {got.conflicts} conflicts")
                for note in got.notes:
                    click.echo(f"  note: {note}")
                for op_id, why in got.held.items():
                    click.echo(f"  waiting: op {op_id[:13]}… {why}")
            else:
                with _hub(ctx, hub_dir) as hub:
                    outcome = import_bundle(hub, path, receipt_dir=Path(receipts) if receipts else path.parent)
                r = outcome.result
                click.echo(
                    f"{path.name}: {len(r.accepted)} applied, {len(r.duplicates)} already had, {len(r.held)} waiting, "
                    f"{len(r.rejected)} refused, {len(r.conflicts)} conflicts; receipt {outcome.receipt}"
                )
                if r.held_deletes:
                    click.echo(f"  held: the batch deletes {r.held_deletes} records; run `adjuster sync confirm-deletes {outcome.device_id}`")
                for op_id, why in r.rejected.items():
                    click.echo(f"  refused op {op_id[:13]}…: {why}")
        except AdjusterError as err:
            failed += 1
            click.echo(f"{path.name}: refused — {err}", err=True)
    if failed:
        raise SystemExit(1)


def _conflict_rows(conflicts: list[Any]) -> list[list[Any]]:
    def short(v: Any) -> str:
        text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
        return text if len(text) <= 30 else text[:29] + "…"

    return [[c.conflict_id, c.entity, c.record_id[:13], c.field, short(c.hub_value), short(c.device_value), c.status] for c in conflicts]


@sync.command("conflicts")
@click.option("--all", "show_all", is_flag=True, help="Include settled conflicts.")
@click.option("--hub", "on_hub", is_flag=True, help="List the hub's conflicts instead of this device's.")
@_hub_dir_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def conflicts_cmd(ctx: click.Context, show_all: bool, on_hub: bool, hub_dir: str | None, as_json: bool) -> None:
    """Fields changed on two sides that wait for a person to choose."""
    from adjuster.sync import engine

    if on_hub or hub_dir:
        with _hub(ctx, hub_dir) as hub:
            found = hub.conflicts(open_only=not show_all)
    else:
        with open_store(ctx) as store:
            found = engine.conflicts(store, open_only=not show_all)
    if as_json:
        echo_json([c.to_json() for c in found])
    elif not found:
        click.echo("no conflicts")
    else:
        print_table(["conflict", "entity", "record", "field", "hub value", "device value", "status"], _conflict_rows(found))


@sync.command("resolve")
@click.argument("conflict_id")
@click.argument("choice", type=click.Choice(["mine", "theirs", "edited"]))
@click.option("--value", default=None, help="The value to keep with 'edited' (JSON, or plain text).")
@click.option("--hub", "on_hub", is_flag=True, help="Settle on the hub (mine = the device's value, theirs = the hub's).")
@_hub_dir_option
@click.pass_context
def resolve_cmd(ctx: click.Context, conflict_id: str, choice: str, value: str | None, on_hub: bool, hub_dir: str | None) -> None:
    """Settle a conflict; the choice itself syncs like any change."""
    from adjuster.sync import engine

    parsed: Any = None
    if choice == "edited":
        if value is None:
            raise click.UsageError("'edited' needs --value")
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = value
    if on_hub or hub_dir:
        with _hub(ctx, hub_dir) as hub:
            done = hub.resolve_conflict(conflict_id, choice, parsed, by=profile_from(ctx).user)
        click.echo(f"resolved {done.field} of {done.entity} {done.record_id}: {json.dumps(done.resolution, ensure_ascii=False)}")
        return
    with open_store(ctx) as store:
        op_id = engine.resolve(store, conflict_id, choice, parsed)
    click.echo(f"resolved here; op {op_id} goes to the hub with the next sync")


@sync.command("identity")
@click.pass_context
def identity_cmd(ctx: click.Context) -> None:
    """Print this device's enrolment request (id, user, public key) as JSON for the office."""
    from adjuster.sync.device import DeviceIdentity

    with open_store(ctx) as store:
        echo_json(DeviceIdentity.load(store).enrolment())


@sync.command("enrol")
@click.argument("request", type=click.Path(exists=True, dir_okay=False))
@_hub_dir_option
@click.option("--replace", is_flag=True, help="Replace the key of a device enrolled before (re-installed laptop).")
@click.pass_context
def enrol_cmd(ctx: click.Context, request: str, hub_dir: str | None, replace: bool) -> None:
    """On the hub: enrol a device from the JSON `adjuster sync identity` printed; prints the hub key."""
    try:
        data = json.loads(Path(request).read_text("utf-8"))
        device_id, user, key = str(data["device_id"]), str(data.get("user", "")), str(data["public_key"])
    except (ValueError, KeyError, TypeError):
        raise AdjusterError(f"{request} is not an enrolment request (device_id, user, public_key)") from None
    with _hub(ctx, hub_dir) as hub:
        hub.register_device(device_id, user, key, replace=replace)
        click.echo(f"enrolled {device_id} ({user})")
        click.echo(f"hub key: {hub.public_key}  (on the device: adjuster sync trust-hub KEY)")


@sync.command("trust-hub")
@click.argument("public_key")
@click.pass_context
def trust_hub_cmd(ctx: click.Context, public_key: str) -> None:
    """Pin the hub's public key so only its receipts are accepted."""
    from adjuster.sync import engine
    from adjuster.sync.keys import check_public_key

    with open_store(ctx) as store:
        store.set_state(engine.HUB_KEY, check_public_key(public_key))
    click.echo("hub key pinned")


@sync.command("confirm-deletes")
@click.argument("device_id")
@_hub_dir_option
@click.pass_context
def confirm_deletes_cmd(ctx: click.Context, device_id: str, hub_dir: str | None) -> None:
    """On the hub: apply a device's batch that was held because it deletes many records."""
    with _hub(ctx, hub_dir) as hub:
        r = hub.confirm_deletes(device_id)
    click.echo(f"{len(r.accepted)} applied, {len(r.held)} still waiting")
