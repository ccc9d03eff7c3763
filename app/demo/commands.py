"""`flask demo load` and `flask demo logins`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from app.demo.accounts import ACCOUNTS, DEMO_PASSWORD

demo = AppGroup("demo", help="Demo data.")


@demo.command("load")
def load_command() -> None:
    """Load the demo data (real patents, demo accounts); safe to rerun. Refused in production."""
    from app.demo.guard import is_production
    from app.demo.load import load_demo

    if is_production(current_app.config):
        raise click.ClickException(
            "OLE_ENV=production: the demo is never loaded in production (its accounts' password is public)."
        )

    counts = load_demo()
    click.echo(f"demo ready: {counts['patents']} patents, {counts['published']} published declarations")


@demo.command("scale")
@click.option("--enterprises", default=1000, show_default=True, type=click.IntRange(0, 1_000_000))
@click.option("--declarations", default=5000, show_default=True, type=click.IntRange(0, 1_000_000))
def scale_command(enterprises: int, declarations: int) -> None:
    """Add synthetic ([合成]) enterprises and published declarations for load tests; rerunnable."""
    from app.demo.guard import is_production
    from app.demo.scale import build

    if is_production(current_app.config):
        raise click.ClickException(
            "OLE_ENV=production: synthetic load-test data is never added in production."
        )
    added = build(enterprises, declarations, lambda line: click.echo(line, err=True))
    click.echo(
        f"synthetic data ready: {enterprises} enterprises, {declarations} declarations "
        f"(added {added['enterprises']} and {added['declarations']})"
    )


@demo.command("logins")
def logins_command() -> None:
    """Print the demo logins."""
    click.echo(f"\n演示账号 / demo logins (password for all: {DEMO_PASSWORD})")
    for a in ACCOUNTS:
        click.echo(f"  {a.role.value:<10} {a.email:<26} {a.name}")
    click.echo("")
