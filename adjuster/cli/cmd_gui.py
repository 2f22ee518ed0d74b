"""``adjuster gui``: start the desktop app on the profile (Qt is imported only here, lazily)."""

from __future__ import annotations

import sys

import click

from adjuster.cli.common import profile_from


def register(group: click.Group) -> None:
    group.add_command(gui)


@click.command()
@click.option("--no-welcome", is_flag=True, help="Skip the first-start welcome screen.")
@click.pass_context
def gui(ctx: click.Context, no_welcome: bool) -> None:
    """Open the desktop application (one window per profile)."""
    from adjuster.profile import GuiLock

    obj = ctx.find_root().obj or {}
    profile = profile_from(ctx)
    # Take the lock before Qt loads: a second instance is refused in a line, not after a splash.
    lock = GuiLock(profile)
    lock.acquire()
    lock.release()
    try:
        from ui.app import main as run_app
    except ImportError as err:  # pragma: no cover - PySide6 missing
        raise click.ClickException(f"the desktop app needs PySide6 ({err}); pip install PySide6-Essentials") from None
    sys.exit(run_app(sys.argv[:1], data_dir=obj.get("data_dir") or None, show_welcome=not no_welcome))
