"""`flask fees remind`: the day's annual-fee reminders, in the inbox and by e-mail, each once."""

from __future__ import annotations

from flask import Flask
from flask.cli import AppGroup

from app.fees import reminders
from app.reminders.delivery import remind_and_echo

fees_cli = AppGroup("fees", help="Annual fees.")


@fees_cli.command("remind")
def remind_command() -> None:
    """Remind owners of fees due in 90/30/7 days, in grace (monthly) and 14 days before the grace deadline."""
    remind_and_echo(reminders.fee_reminder_drafts())


def register(app: Flask) -> None:
    app.cli.add_command(fees_cli)
