"""What every reminder command does after building its drafts: create the new ones, e-mail them, report;
and the `flask <domain> remind` command group that does it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app import mail
from app.extensions import db
from app.reminders import services as svc


@dataclass(frozen=True)
class RunReport:
    created: int
    emailed: int
    failed: int
    mail_enabled: bool


def run_reminders(drafts: Iterable[svc.ReminderDraft]) -> RunReport:
    """Create the drafts not yet reminded, commit, then e-mail every pending reminder (one commit each).

    A second run the same day creates nothing and sends nothing: each key exists once, each e-mail is marked.
    """
    created = svc.create_reminders(drafts)
    db.session.commit()
    if not mail.mail_enabled():
        return RunReport(len(created), 0, 0, False)
    sent = failed = 0
    for reminder in svc.pending_mail():
        if svc.send_reminder_mail(reminder):
            sent += 1
        else:
            failed += 1
        db.session.commit()  # a crash later must not send this one again
    return RunReport(len(created), sent, failed, True)


def remind_and_echo(drafts: Iterable[svc.ReminderDraft]) -> None:
    """A `flask <domain> remind` command's work: run the drafts, then say what was created and sent."""
    report = run_reminders(drafts)
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


def remind_group(
    name: str, help: str, drafts: Callable[[], Iterable[svc.ReminderDraft]], what: str
) -> AppGroup:
    """The `flask <name> remind` command group; its command (help text `what`) reminds of `drafts()`."""
    group = AppGroup(name, help=help)

    @group.command("remind", help=what)
    def remind_command() -> None:
        remind_and_echo(drafts())

    return group
