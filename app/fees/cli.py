"""`flask fees remind`: the day's annual-fee reminders, in the inbox and by e-mail, each once."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.fees import reminders
from app.reminders.delivery import run_reminders

fees_cli = AppGroup("fees", help="Annual fees.")


@fees_cli.command("remind")
def remind_command() -> None:
    """Remind owners of fees due in 90/30/7 days, in grace (monthly) and 14 days before the grace deadline."""
    report = run_reminders(reminders.fee_reminder_drafts())
    click.echo(
        _(
            "新提醒 %(created)s 条；邮件已发送 %(emailed)s 封，失败 %(failed)s 封。",
            created=report.created,
            emailed=report.emailed,
            failed=report.failed,
        )
    )
    if not report.mail_enabled:
        click.echo(_("未配置 MAIL_SERVER：提醒仅在站内显示，未发送邮件。"))


def register(app: Flask) -> None:
    app.cli.add_command(fees_cli)
