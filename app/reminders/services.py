"""Reminder services: create each reminder once, e-mail it once, list a user's reminders.

Domains build ReminderDraft values (who, what kind, about what, for which occasion, the text) and call
``create_reminders``; a draft whose key already exists is skipped, so a daily job may run any number of times.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage

from flask_babel import gettext as _
from sqlalchemy import func, select

from app import clock, mail
from app.auth.models import User
from app.extensions import db
from app.reminders.models import Reminder

MAX_MAIL_ATTEMPTS = 3
MAX_ERROR = 500


@dataclass(frozen=True)
class ReminderDraft:
    user_id: int
    kind: str
    subject: str
    due_key: str
    title: str
    body: str
    link: str = ""

    @property
    def key(self) -> tuple[int, str, str, str]:
        return self.user_id, self.kind, self.subject, self.due_key


def _existing(drafts: list[ReminderDraft]) -> set[tuple[int, str, str, str]]:
    if not drafts:
        return set()
    # (user, kind) narrows the rows; the whole key is compared here.
    rows = db.session.execute(
        select(Reminder.user_id, Reminder.kind, Reminder.subject, Reminder.due_key).where(
            Reminder.user_id.in_({d.user_id for d in drafts}), Reminder.kind.in_({d.kind for d in drafts})
        )
    )
    return {(r.user_id, r.kind, r.subject, r.due_key) for r in rows}


def create_reminders(drafts: Iterable[ReminderDraft]) -> list[Reminder]:
    """Add the drafts whose key is new (in the database and in this batch); return the new reminders."""
    drafts = list(drafts)
    seen = _existing(drafts)
    created = []
    for draft in drafts:
        if draft.key in seen:
            continue
        seen.add(draft.key)
        created.append(
            Reminder(
                user_id=draft.user_id,
                kind=draft.kind,
                subject=draft.subject,
                due_key=draft.due_key,
                title=draft.title[:200],
                body=draft.body,
                link=draft.link[:300],
            )
        )
    db.session.add_all(created)
    db.session.flush()
    return created


def pending_mail(limit: int = 500) -> list[Reminder]:
    """Reminders not yet e-mailed that may still be tried, oldest first."""
    query = select(Reminder).where(Reminder.emailed_at.is_(None), Reminder.mail_attempts < MAX_MAIL_ATTEMPTS)
    return list(db.session.scalars(query.order_by(Reminder.id).limit(limit)))


def reminder_message(reminder: Reminder) -> EmailMessage:
    """The e-mail of one reminder: its text and an absolute link back to the platform."""
    lines = [_("您好！"), "", reminder.body, ""]
    if reminder.link:
        lines.append(_("查看详情：") + f"{mail.public_base()}{reminder.link}")
    lines += ["", "——", _("开放许可撮合平台：您可在站内“提醒”中查看全部提醒。")]
    return mail.message(reminder.user.email, _("【开放许可撮合平台】") + reminder.title, lines)


def send_reminder_mail(reminder: Reminder) -> bool:
    """E-mail one reminder; on failure count the attempt and keep the error. True when sent."""
    try:
        mail.send(reminder_message(reminder))
    except (smtplib.SMTPException, OSError, ValueError) as err:
        reminder.mail_attempts += 1
        reminder.mail_error = str(err)[:MAX_ERROR]
        db.session.flush()
        return False
    reminder.emailed_at = clock.now()
    reminder.mail_attempts += 1
    db.session.flush()
    return True


def reminders_of(actor: User, limit: int = 100) -> list[Reminder]:
    """The actor's reminders, newest first."""
    query = select(Reminder).where(Reminder.user_id == actor.id).order_by(Reminder.id.desc())
    return list(db.session.scalars(query.limit(limit)))


def open_reminders(actor: User, limit: int = 100) -> tuple[list[Reminder], set[int]]:
    """The actor's reminders and the ids that were unread; those shown become read."""
    items = reminders_of(actor, limit)
    unread = {r.id for r in items if r.read_at is None}
    now = clock.now()
    for reminder in items:
        reminder.read_at = reminder.read_at or now
    db.session.flush()
    return items, unread


def unread_count(actor: User) -> int:
    query = select(func.count(Reminder.id)).where(Reminder.user_id == actor.id, Reminder.read_at.is_(None))
    return db.session.scalar(query) or 0
