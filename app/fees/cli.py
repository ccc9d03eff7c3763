"""`flask fees remind`: the day's annual-fee reminders, in the inbox and by e-mail, each once."""

from __future__ import annotations

from app.fees import reminders
from app.reminders.delivery import remind_group

fees_cli = remind_group(
    "fees",
    "Annual fees.",
    reminders.fee_reminder_drafts,
    "Remind owners of fees due in 90/30/7 days, in grace (monthly) and 14 days before the grace deadline.",
)
