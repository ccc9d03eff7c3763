"""`flask recordals remind`: the day's recordal reminders, in the inbox and by e-mail, each once."""

from __future__ import annotations

from flask import Flask
from flask.cli import AppGroup

from app.recordals import reminders
from app.reminders.delivery import remind_and_echo

recordals_cli = AppGroup("recordals", help="Recordal of licences (Rules 2023 Art. 87).")


@recordals_cli.command("remind")
def remind_command() -> None:
    """Remind both parties of a licence whose recordal is due in 30 or 7 days."""
    remind_and_echo(reminders.recordal_reminder_drafts())


def register(app: Flask) -> None:
    app.cli.add_command(recordals_cli)
