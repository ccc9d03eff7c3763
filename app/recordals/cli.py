"""`flask recordals remind`: the day's recordal reminders, in the inbox and by e-mail, each once."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.recordals import reminders
from app.reminders.delivery import run_reminders

recordals_cli = AppGroup("recordals", help="Recordal of licences (Rules 2023 Art. 87).")


@recordals_cli.command("remind")
def remind_command() -> None:
    """Remind both parties of a licence whose recordal is due in 30 or 7 days."""
    report = run_reminders(reminders.recordal_reminder_drafts())
    click.echo(
        _(
            "新提醒 %(created)s 条；邮件已发送 %(emailed)s 封，失败 %(failed)s 封。",
            created=report.created, emailed=report.emailed, failed=report.failed,
        )
    )  # fmt: skip
    if not report.mail_enabled:
        click.echo(_("未配置 MAIL_SERVER：提醒仅在站内显示，未发送邮件。"))


def register(app: Flask) -> None:
    app.cli.add_command(recordals_cli)
