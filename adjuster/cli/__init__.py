"""The ``adjuster`` command. This file only builds the click group; each command family lives in
its own ``cmd_*.py`` module with a ``register(group)`` function and is discovered here, so adding a
command touches no other file. Commands parse arguments and call the library, nothing more.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from adjuster import __version__
from adjuster.domain.errors import AdjusterError


class _Group(click.Group):
    """Prints user errors as one line and exits 1 instead of showing a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except AdjusterError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="adjuster")
@click.option(
    "--data-dir",
    envvar="ADJUSTER_HOME",
    type=click.Path(file_okay=False),
    default=None,
    help="Profile directory (database, media, settings). Default: the per-user data dir; env ADJUSTER_HOME.",
)
@click.option(
    "--self-test",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _self_test(ctx) if value else None,
    help="Check this installation end to end (temporary profile, photo, statement, PDF) and exit.",
)
@click.pass_context
def main(ctx: click.Context, data_dir: str | None) -> None:
    """Adjuster — loss adjusting and risk inspections, offline first."""
    ctx.ensure_object(dict)
    ctx.obj["data_dir"] = data_dir


def _self_test(ctx: click.Context) -> None:
    from adjuster.selftest import run_self_test

    try:
        run_self_test(click.echo)
    except Exception as err:  # report any failure as one line, exit non-zero
        click.echo(f"FAIL self-test: {err}", err=True)
        ctx.exit(1)
    ctx.exit(0)


def _register_all() -> None:
    package = sys.modules[__name__]
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            module.register(main)


_register_all()
