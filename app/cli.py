"""Flask CLI commands; each feature module contributes a click group or command here."""

from __future__ import annotations

import importlib

import click
from flask import Flask
from flask.cli import AppGroup

from app.auth.models import Role
from app.extensions import db

users = AppGroup("users", help="Manage accounts.")

COMMAND_MODULES: tuple[str, ...] = (
    "app.backup",
    "app.declarations.commands",
    "app.demo.commands",
    "app.fees.cli",
    "app.matches.cli",
    "app.payments.cli",
    "app.recordals.cli",
)


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
    app.cli.add_command(users)
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(app)
