"""`flask recordals remind`: the day's recordal reminders, in the inbox and by e-mail, each once."""

from __future__ import annotations

from app.recordals import reminders
from app.reminders.delivery import remind_group

recordals_cli = remind_group(
    "recordals",
    "Recordal of licences (Rules 2023 Art. 87).",
    reminders.recordal_reminder_drafts,
    "Remind both parties of a licence whose recordal is due in 30 or 7 days.",
)
