"""``adjuster templates list | show | validate | import-sheet | export-sheet``: checklist templates.

Shipped templates live in ``resources/templates``; a profile may add its own in
``<data-dir>/templates``. The commands only parse arguments and call ``adjuster.inspect``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from adjuster.cli.common import echo_json, print_table, profile_from
from adjuster.domain.errors import ValidationError
from adjuster.inspect.scoring import SEVERITY_NAMES, grade_rule_lines
from adjuster.inspect.sheet_import import import_sheet, write_sheet
from adjuster.inspect.templates import (
    Item,
    Template,
    check_template,
    find_template,
    list_templates,
    read_json,
    tr,
)
from adjuster.util.atomic import atomic_write_text


def register(group: click.Group) -> None:
    group.add_command(templates)


def _user_dirs(ctx: click.Context) -> list[Path]:
    return [profile_from(ctx).root / "templates"]


@click.group()
def templates() -> None:
    """Inspection checklist templates (防灾防损检查表)."""


@templates.command("list")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def list_(ctx: click.Context, lang: str, as_json: bool) -> None:
    """List the available templates and versions."""
    found = list_templates(_user_dirs(ctx))
    if as_json:
        echo_json([
            {"id": t.id, "version": t.version, "title": t.title, "categories": len(t.categories),
             "items": len(t.items), "perils": list(t.perils), "source": t.source}
            for t in found
        ])
        return
    print_table(
        ["id", "version", "title", "categories", "items", "perils"],
        [[t.id, t.version, tr(t.title, lang), len(t.categories), len(t.items), ", ".join(t.perils)] for t in found],
        right=(1, 3, 4),
    )


def _item_line(item: Item, lang: str) -> str:
    if item.answer == "number":
        bounds = []
        if item.ok_min is not None:
            bounds.append(f"≥ {item.ok_min}")
        if item.ok_max is not None:
            bounds.append(f"≤ {item.ok_max}")
        kind = f"number [{item.unit}] ok {' and '.join(bounds)}"
    elif item.answer == "choice":
        kind = "choice: " + " / ".join(f"{c.value}={c.result}" for c in item.choices)
    else:
        kind = item.answer
    sev = f" sev {item.severity} {tr(SEVERITY_NAMES[item.severity], lang)}" if item.severity else ""
    photo = "" if item.photo == "optional" else f" photo {item.photo}"
    return f"    {item.key}  w{item.weight}{sev}{photo}  ({kind})\n      {tr(item.question, lang)}"


@templates.command()
@click.argument("template_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the template JSON.")
@click.pass_context
def show(ctx: click.Context, template_id: str, lang: str, as_json: bool) -> None:
    """Show a template (ID or ID@VERSION; the newest version by default)."""
    tpl = find_template(template_id, extra_dirs=_user_dirs(ctx))
    if as_json:
        echo_json(tpl.doc)
        return
    click.echo(f"{tpl.ref}  {tr(tpl.title, lang)}")
    if tpl.description:
        click.echo(tr(tpl.description, lang))
    for cat in tpl.categories:
        click.echo(f"\n  [{cat.key}] {tr(cat.title, lang)}  (weight {cat.weight})")
        for item in cat.items:
            click.echo(_item_line(item, lang))
    click.echo("\nGrade rule:")
    for line in grade_rule_lines(lang):
        click.echo(f"  - {line}")


@templates.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def validate(files: tuple[str, ...]) -> None:
    """Check template files; prints every problem with its JSON path and exits 1 if any."""
    bad = 0
    for name in files:
        try:
            doc = read_json(name)
            errors = check_template(doc)
        except ValidationError as err:
            doc, errors = None, [err]
        if errors or not isinstance(doc, dict):
            bad += 1
            for err in errors:
                click.echo(f"{name}: {err}", err=True)
        else:
            click.echo(f"{name}: ok ({doc['id']}@{doc['version']})")
    if bad:
        sys.exit(1)


@templates.command("import-sheet")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Template JSON to write.")
@click.option("--id", "template_id", default=None, help="Template id (default: the sheet's or the file name).")
@click.option("--version", "version", type=int, default=None, help="Template version (default 1).")
@click.option("--title-zh", default=None)
@click.option("--title-en", default=None)
def import_sheet_cmd(sheet: str, output: str, template_id: str | None, version: int | None,
                     title_zh: str | None, title_en: str | None) -> None:
    """Build a template from a CSV/XLSX sheet (one row per item); errors name row and column."""
    tpl: Template = import_sheet(sheet, id=template_id, version=version, title_zh=title_zh, title_en=title_en)
    atomic_write_text(output, json.dumps(tpl.doc, ensure_ascii=False, indent=2) + "\n")
    click.echo(f"wrote {output}: {tpl.ref}, {len(tpl.categories)} categories, {len(tpl.items)} items")


@templates.command("export-sheet")
@click.argument("template_id")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help=".csv or .xlsx")
@click.pass_context
def export_sheet_cmd(ctx: click.Context, template_id: str, output: str) -> None:
    """Write a template as a sheet, a starting point for a department's own checklist."""
    tpl = find_template(template_id, extra_dirs=_user_dirs(ctx))
    write_sheet(tpl, output)
    click.echo(f"wrote {output}: {tpl.ref}, {len(tpl.items)} items")
