"""``adjuster cases | export | import``: list cases, and move one case in or out as a case file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from adjuster import casefile
from adjuster.cli.common import echo_json, open_store, print_table
from adjuster.domain.enums import CaseStatus
from adjuster.store.queries import CaseFilter
from adjuster.util.atomic import atomic_write_text


def register(group: click.Group) -> None:
    group.add_command(cases)
    group.add_command(export)
    group.add_command(import_)


@click.command()
@click.option("--search", "-s", default="", help="Text in claim no., insured, policy no. or address.")
@click.option("--status", "statuses", multiple=True, type=click.Choice([s.value for s in CaseStatus]), help="Repeatable.")
@click.option("--adjuster", default="", help="Adjuster or assignee user name.")
@click.option("--from", "loss_from", type=click.DateTime(["%Y-%m-%d"]), help="Loss date on or after.")
@click.option("--to", "loss_to", type=click.DateTime(["%Y-%m-%d"]), help="Loss date on or before.")
@click.option("--limit", default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def cases(ctx: click.Context, search: str, statuses: tuple[str, ...], adjuster: str,
          loss_from: dt.datetime | None, loss_to: dt.datetime | None, limit: int, as_json: bool) -> None:
    """List cases, newest first."""
    flt = CaseFilter(
        search=search, statuses=statuses, adjuster=adjuster,
        loss_from=loss_from.date() if loss_from else None, loss_to=loss_to.date() if loss_to else None,
    )
    with open_store(ctx) as store:
        rows = store.cases.page(flt, limit=limit)
        total = store.cases.count_matching(flt)
    if as_json:
        echo_json(rows)
        return
    print_table(
        ["claim no.", "insured", "peril", "loss date", "status", "adjuster", "sum insured", "id"],
        [[r["claim_no"], r["insured_name"], r["peril"], r["loss_date"] or "", r["status"], r["adjuster"],
          r["sum_insured"], r["id"][:13]] for r in rows],
        right=(6,),
    )
    click.echo(f"{len(rows)} of {total} case(s)")


@click.command()
@click.argument("case_key")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file (default: stdout).")
@click.pass_context
def export(ctx: click.Context, case_key: str, output: str | None) -> None:
    """Export one case (id or claim no.) as an adjuster.case/1 JSON file."""
    with open_store(ctx) as store:
        case = store.cases.resolve(case_key)
        text = casefile.dumps(casefile.case_document(store, case.id))
    if output:
        atomic_write_text(output, text)
        click.echo(f"exported {case.claim_no} to {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace a case with the same claim no.")
@click.pass_context
def import_(ctx: click.Context, file: Path, replace: bool) -> None:
    """Import a case file; a file with any bad field is rejected whole."""
    doc = casefile.read_casefile(file)
    with open_store(ctx) as store:
        case = casefile.import_case(store, doc, replace=replace)
    click.echo(f"imported {case.claim_no} ({case.id})")
