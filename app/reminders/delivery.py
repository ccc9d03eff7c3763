"""What every reminder command does after building its drafts: create the new ones, then e-mail them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.extensions import db
from app.matches import mail
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
