"""``adjuster calc FILE``: the claim calculation statement of a case file, as a table or JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import cast

import click

from adjuster.calc import calculate_casefile, render_text
from adjuster.calc.statement import Lang
from adjuster.domain.errors import ValidationError


def read_casefile(path: str) -> object:
    """The JSON document in a file. JSON numbers are read exactly from their text (``parse_float=
    Decimal``, as ``adjuster.casefile`` does); unreadable or malformed files are a ValidationError."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ValidationError(path, f"cannot read: {err}") from None
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as err:
        raise ValidationError(path, f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None


def register(group: click.Group) -> None:
    @group.command("calc")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the table.")
    @click.option("--lang", type=click.Choice(["zh", "en", "both"]), default="both", show_default=True,
                  help="Language of labels and formulas.")
    def calc(file: str, as_json: bool, lang: str) -> None:
        """Compute the claim calculation statement (赔款计算书) of a case file (adjuster.case/1)."""
        statement = calculate_casefile(read_casefile(file))
        if as_json:
            click.echo(json.dumps(statement.to_dict(cast(Lang, lang)), ensure_ascii=False, indent=2))
        else:
            click.echo(render_text(statement, cast(Lang, lang)), nl=False)
