"""Helpers the command modules share: open the profile from ``--data-dir``, print tables, JSON."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from adjuster.profile import Profile
from adjuster.store import Store


def profile_from(ctx: click.Context) -> Profile:
    obj = ctx.find_root().obj or {}
    return Profile.at(obj.get("data_dir"))


@contextmanager
def open_store(ctx: click.Context) -> Iterator[Store]:
    store = profile_from(ctx).open_store()
    try:
        yield store
    finally:
        store.close()


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, right: Sequence[int] = ()) -> None:
    """Aligned plain-text table (CJK-aware widths)."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in cells:
        for i, v in enumerate(row):
            widths[i] = max(widths[i], display_width(v))
    click.echo("  ".join(_pad(h, widths[i], i in right) for i, h in enumerate(headers)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(_pad(v, widths[i], i in right) for i, v in enumerate(row)).rstrip())


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
