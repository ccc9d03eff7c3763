"""Recordal reminders (Implementing Rules 2023 Art. 87): 30 and 7 days before a licence's recordal is due.

Both parties may record, so both the patentee and the licensee are reminded. Each occasion has its own key,
so ``flask recordals remind`` may run again and again; a job that missed day 30 still reminds once on day 25.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from flask import current_app
from flask_babel import gettext as _

from app import clock
from app.recordals import services as svc
from app.reminders.services import ReminderDraft

KIND = "recordal"
DAYS_BEFORE_DUE = (7, 30)  # most urgent first


def _threshold(days_left: int) -> int | None:
    """The most urgent threshold reached with ``days_left`` to go; None before 30 days and once overdue."""
    if days_left < 0:
        return None
    return next((t for t in DAYS_BEFORE_DUE if days_left <= t), None)


def _drafts(state: svc.RecordalState) -> Iterator[ReminderDraft]:
    threshold = _threshold(state.days_left)
    if threshold is None:
        return
    licence = state.licence
    # Built without a request: the command runs from the CLI.
    link = current_app.url_map.bind("localhost").build("licences.detail", {"licence_id": licence.id})
    patent = licence.declaration.patent
    body = _(
        "%(title)s（%(number)s）的许可（第 %(id)s 号）自 %(start)s 生效，应于 %(due)s 前向国家知识产权局办理"
        "备案（还有 %(days)s 天；《专利法实施细则》（2023）第八十七条）。已备案的，请在许可页面登记备案号。",
        title=patent.title, number=patent.number, id=licence.id, start=state.effective_on,
        due=state.due_on, days=state.days_left,
    )  # fmt: skip
    title = _("备案提醒：许可第 %(id)s 号，%(due)s 前", id=licence.id, due=state.due_on)
    for user_id in dict.fromkeys((licence.declaration.owner_id, licence.licensee_id)):
        yield ReminderDraft(
            user_id=user_id,
            kind=KIND,
            subject=f"licence:{licence.id}",
            due_key=f"{state.due_on}/d{threshold}",
            title=title[:200],
            body=body,
            link=link,
        )


def recordal_reminder_drafts(today: date | None = None) -> list[ReminderDraft]:
    """The recordal reminders every unrecorded licence in force calls for today (existing ones included)."""
    states = svc.unrecorded_states(today or clock.today())
    return [draft for state in states for draft in _drafts(state)]
