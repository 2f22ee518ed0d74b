"""``adjuster demo``: fill the profile with realistic demo data."""

from __future__ import annotations

import click

from adjuster.cli.common import profile_from


def register(group: click.Group) -> None:
    group.add_command(demo)


@click.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Create demo claims (Chinese and English), photos, sites and prevention visits."""
    from adjuster.demo import create_demo

    profile = profile_from(ctx)
    counts = create_demo(profile)
    click.echo(
        f"demo data in {profile.root}: {counts['cases']} case(s), {counts['items']} item(s), "
        f"{counts['photos']} photo(s), {counts['sites']} site(s), {counts['visits']} visit(s)"
    )
