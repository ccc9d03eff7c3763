"""Flask CLI commands: `flask users`, and the command group each feature module defines, added here."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from app.auth.models import Role
from app.backup import backup
from app.declarations.commands import declarations
from app.demo.commands import demo
from app.extensions import db
from app.fees.cli import fees_cli
from app.matches.cli import matching_cli, push_cli
from app.payments.cli import payments_cli
from app.recordals.cli import recordals_cli

users = AppGroup("users", help="Manage accounts.")
GROUPS = (users, backup, declarations, demo, fees_cli, matching_cli, push_cli, payments_cli, recordals_cli)


@users.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--org", "org_name", default="", help="Organisation profile name.")
def create_user_command(email: str, password: str, role: str, org_name: str) -> None:
    """Create an account (operators and admins are created this way)."""
    from app.auth.services import ProfileInput, create_user, save_profile
    from app.errors import DomainError

    try:
        user = create_user(email, password, Role(role), display_name=org_name)
        if org_name:
            save_profile(user, ProfileInput(name=org_name))
        db.session.commit()
    except DomainError as err:
        db.session.rollback()
        raise click.ClickException(err.message) from err
    click.echo(f"created {user.role.value} {user.email} (id {user.id})")


def register(app: Flask) -> None:
    """Add every command group to `flask`."""
    for group in GROUPS:
        app.cli.add_command(group)
