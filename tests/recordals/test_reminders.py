"""`flask recordals remind` (Rules 2023 Art. 87): 30 and 7 days before the recordal is due, to both parties,
each once, in the inbox and through a real SMTP server; nothing once recorded or overdue."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.recordals import services as svc
from app.reminders.models import Reminder
from tests.matches.conftest import smtp  # noqa: F401 (the real local SMTP server fixture)
from tests.recordals.test_recordals import licence  # noqa: F401 (in force since 2026-09-10, due 2026-12-10)
from tests.reminders.cli import on, remind


def keys() -> list[tuple[int, str]]:
    rows = db.session.scalars(select(Reminder).where(Reminder.kind == "recordal").order_by(Reminder.id))
    return [(r.user_id, r.due_key) for r in rows]


# (day, thresholds new that day), walked in order; every day runs twice.
WALK = [
    (date(2026, 11, 9), []),  # 31 days before
    (date(2026, 11, 10), ["d30"]),
    (date(2026, 11, 25), []),
    (date(2026, 12, 3), ["d7"]),
    (date(2026, 12, 10), []),  # the due day
    (date(2026, 12, 11), []),  # overdue: the operator's list, not a reminder
]


def test_both_parties_are_reminded_30_and_7_days_before_each_once(app, smtp, licence):  # noqa: F811
    parties = [licence.declaration.owner_id, licence.licensee_id]
    seen: list[tuple[int, str]] = []
    for day, new in WALK:
        with clock.travel(on(day)):
            remind(app, "recordals")
            assert "新提醒 0 条" in remind(app, "recordals")
        seen += [(user, f"2026-12-10/{t}") for t in new for user in parties]
        assert keys() == seen, day
    assert len(smtp.messages) == 4
    body = smtp.messages[0].get_content()
    assert "2026-12-10" in body and "第八十七条" in body and f"/licences/{licence.id}" in body


def test_a_late_first_run_sends_the_most_urgent_only(app, smtp, licence):  # noqa: F811
    with clock.travel(on(date(2026, 12, 5))):
        remind(app, "recordals")
    assert {k for _, k in keys()} == {"2026-12-10/d7"}


def test_a_recorded_licence_is_not_reminded(app, smtp, licence):  # noqa: F811
    svc.mark_recorded(licence.licensee, licence.id, date(2026, 11, 20), "X2026980000123")
    db.session.commit()
    with clock.travel(on(date(2026, 12, 3))):
        remind(app, "recordals")
    assert keys() == [] and smtp.messages == []
