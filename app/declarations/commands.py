"""`flask declarations expire`: end announced declarations whose licence period is over."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from app.extensions import db

declarations = AppGroup("declarations", help="Open-licence declarations.")


@declarations.command("expire")
@click.option("--today", default="", help="Run as of this date (YYYY-MM-DD); default: today in Beijing.")
def expire_command(today: str) -> None:
    """Mark published declarations whose period ended before today as expired."""
    from app.declarations.services import expire_due_declarations

    as_of = date.fromisoformat(today) if today else None
    expired = expire_due_declarations(as_of)
    db.session.commit()
    click.echo(f"expired {len(expired)} declaration(s)")
