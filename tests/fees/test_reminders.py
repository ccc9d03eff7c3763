"""`flask fees remind` (Rules 2023 Art. 115): 90/30/7 days before the due date, monthly in grace with the
surcharge, 14 days before the grace deadline; each once, in the inbox and through a real SMTP server."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.fees import services as fee_svc
from app.patents.models import LegalStatus
from app.reminders.models import Reminder
from tests.matches.conftest import smtp  # noqa: F401 (the real local SMTP server fixture)
from tests.reminders.cli import on, remind

# Year 11 of an invention filed 2017-02-23 (CNY 4,000) falls due 2027-02-23: 90 days after the tests' day.
DATES = dict(
    filing_date=date(2017, 2, 23), grant_date=date(2019, 8, 20), annual_fee_paid_until=date(2026, 6, 1)
)


def keys() -> list[str]:
    return [r.due_key.rsplit("/", 1)[1] for r in db.session.scalars(select(Reminder).order_by(Reminder.id))]


# (day, reminders new that day) walked in order; every day runs twice.
WALK = [
    (date(2026, 11, 25), ["d90"]),
    (date(2026, 12, 1), []),
    (date(2027, 1, 24), ["d30"]),
    (date(2027, 2, 15), []),
    (date(2027, 2, 16), ["d7"]),
    (date(2027, 2, 22), []),
    (date(2027, 2, 23), ["grace0"]),
    (date(2027, 3, 22), []),
    (date(2027, 3, 23), ["grace1"]),
    (date(2027, 7, 23), ["grace5"]),
    (date(2027, 8, 9), ["deadline14"]),
    (date(2027, 8, 22), []),
    (date(2027, 8, 23), []),  # the grace deadline: lapsed, nothing left to remind
]


def test_the_reminder_calendar_and_each_reminder_once(app, smtp, make_patent):  # noqa: F811
    patent = make_patent(**DATES)
    seen: list[str] = []
    for day, new in WALK:
        with clock.travel(on(day)):
            remind(app, "fees")
            assert "新提醒 0 条；邮件已发送 0 封" in remind(app, "fees")
        seen += new
        assert keys() == seen, day
        assert len(smtp.messages) == len(seen)
    assert {m["To"] for m in smtp.messages} == {patent.owner.email}


@pytest.mark.parametrize(
    ("day", "texts"),
    [
        (date(2026, 11, 25), ["¥4,000.00", "2027-02-23（还有 90 天）"]),
        (date(2027, 3, 23), ["滞纳期第 2 个月", "滞纳金 ¥200.00", "合计 ¥4,200.00", "2027-08-23 前"]),
        (date(2027, 6, 30), ["滞纳期第 5 个月", "滞纳金 ¥800.00", "合计 ¥4,800.00"]),
    ],
)
def test_the_e_mail_states_amount_surcharge_and_deadline(app, smtp, make_patent, day, texts):  # noqa: F811
    make_patent(**DATES)
    with clock.travel(on(day)):
        remind(app, "fees")
    (msg,) = smtp.messages
    body = msg.get_content()
    assert all(t in body for t in texts), body
    assert "第一百一十五条" in body and "/patents/" in body and "#fees" in body


def test_a_late_first_run_sends_the_most_urgent_reminder_only(app, smtp, make_patent):  # noqa: F811
    make_patent(**DATES)
    with clock.travel(on(date(2027, 2, 20))):  # 3 days before: d90 and d30 passed unsent
        remind(app, "fees")
    assert keys() == ["d7"]


def test_the_reduced_amount_is_reminded(app, smtp, make_patent):  # noqa: F811
    make_patent(fee_reduction_pct=85, **DATES)
    remind(app, "fees")
    assert "¥600.00" in smtp.messages[0].get_content()


def test_a_paid_fee_is_not_reminded_again(app, smtp, make_patent):  # noqa: F811
    patent = make_patent(**DATES)
    remind(app, "fees")
    fee_svc.record_fee_payment(
        patent.owner, patent.id, fee_svc.FeePaymentInput(11, date(2026, 11, 25), Decimal("4000.00"))
    )
    db.session.commit()
    with clock.travel(on(date(2027, 2, 16))):
        remind(app, "fees")
    assert keys() == ["d90"]


@pytest.mark.parametrize(
    "fields",
    [
        {"legal_status": LegalStatus.PENDING, "grant_date": None},
        {"legal_status": LegalStatus.LAPSED},
        {"filing_date": None},
        {"annual_fee_paid_until": date(2027, 6, 1)},  # year 11 paid: year 12 is a year away
    ],
)
def test_patents_with_nothing_to_remind(app, smtp, make_patent, fields):  # noqa: F811
    make_patent(**{**DATES, **fields})
    remind(app, "fees")
    assert keys() == [] and smtp.messages == []


def test_without_a_mail_server_reminders_wait_in_the_inbox_and_go_out_later(app, smtp, make_patent):  # noqa: F811
    make_patent(**DATES)
    server = app.config.pop("MAIL_SERVER")
    assert "未配置 MAIL_SERVER" in remind(app, "fees")
    assert keys() == ["d90"] and smtp.messages == []
    app.config["MAIL_SERVER"] = server
    assert "新提醒 0 条；邮件已发送 1 封" in remind(app, "fees")
    assert len(smtp.messages) == 1
