"""The generic reminders: each key once, e-mailed once through a real SMTP server, listed for its user."""

from __future__ import annotations

from app.auth.models import Role
from app.extensions import db
from app.reminders import services as svc
from app.reminders.models import Reminder
from tests.matches.conftest import smtp  # noqa: F401 (the real local SMTP server fixture)
from tests.rows import count


def draft(user, due_key="2027-01-01/d30", **fields):
    values = dict(
        user_id=user.id,
        kind="annual_fee",
        subject="patent:1",
        due_key=due_key,
        title="年费提醒",
        body="第 8 年度年费将于 2027-01-01 到期。",
        link="/patents/1#fees",
    )
    return svc.ReminderDraft(**(values | fields))


def test_each_key_is_created_once_across_runs_and_within_a_batch(app, make_user):
    user = make_user(Role.PATENTEE)
    assert len(svc.create_reminders([draft(user), draft(user)])) == 1
    db.session.commit()
    assert svc.create_reminders([draft(user), draft(user, title="改了标题")]) == []
    assert len(svc.create_reminders([draft(user, due_key="2027-01-01/d7")])) == 1
    other = make_user(Role.PATENTEE)
    assert len(svc.create_reminders([draft(other), draft(user, kind="recordal")])) == 2
    assert count(Reminder) == 4


def test_a_reminder_is_e_mailed_once(app, smtp, make_user):  # noqa: F811
    user = make_user(Role.PATENTEE)
    app.config["PUBLIC_BASE_URL"] = "https://ole.example.cn"
    svc.create_reminders([draft(user)])
    sent = [svc.send_reminder_mail(r) for r in svc.pending_mail()]
    db.session.commit()
    assert sent == [True] and svc.pending_mail() == []
    (msg,) = smtp.messages
    assert msg["To"] == user.email and msg["Subject"] == "【开放许可撮合平台】年费提醒"
    body = msg.get_content()
    assert "第 8 年度年费将于 2027-01-01 到期。" in body and "https://ole.example.cn/patents/1#fees" in body


def test_a_failed_delivery_is_retried_then_given_up(app, smtp, make_user):  # noqa: F811
    user = make_user(Role.PATENTEE)
    smtp.fail_on = {1, 2, 3}
    (reminder,) = svc.create_reminders([draft(user)])
    for attempt in range(1, svc.MAX_MAIL_ATTEMPTS + 1):
        assert svc.pending_mail() == [reminder]
        assert svc.send_reminder_mail(reminder) is False
        assert reminder.mail_attempts == attempt and "451" in reminder.mail_error
    assert svc.pending_mail() == [] and reminder.emailed_at is None and smtp.messages == []


def test_the_page_lists_my_reminders_and_marks_them_read(client, login, make_user):
    user, other = make_user(Role.PATENTEE), make_user(Role.ENTERPRISE)
    svc.create_reminders([draft(user), draft(other, title="别人的提醒")])
    db.session.commit()
    login(user)
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "年费提醒" in dashboard and "1 条未读" in dashboard
    html = client.get("/reminders/").get_data(as_text=True)
    assert "年费提醒" in html and "别人的提醒" not in html
    assert svc.unread_count(user) == 0 and svc.unread_count(other) == 1


def test_anonymous_visitors_are_sent_to_login(client):
    assert client.get("/reminders/").status_code == 302
