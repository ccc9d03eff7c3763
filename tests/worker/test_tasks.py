"""The Celery tasks, run eagerly in the test's process (no Redis): each does what its CLI command does."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import delete, select

from app import clock
from app.extensions import db
from app.matches import batch, runs
from app.matches.models import Feedback, MatchNotice, PushRun, PushRunStatus, PushTask
from app.recordals import services as recordal_svc
from app.reminders.models import Reminder
from app.worker import tasks
from tests.fees.test_reminders import DATES as FEE_DUE_IN_90_DAYS
from tests.matches.conftest import PRINTING, SODIUM_CATHODE, STONE_COATING, UPS_BATTERY, WOOD_COATING
from tests.recordals.test_recordals import licence as recordal_licence  # noqa: F401 (fixture)
from tests.rows import count


def _inbox() -> list[tuple[int, int, str, float, dict]]:
    rows = db.session.scalars(select(MatchNotice).order_by(MatchNotice.user_id, MatchNotice.declaration_id))
    return [(n.user_id, n.declaration_id, n.frequency.value, round(n.score, 6), n.reasons) for n in rows]


def _world(licence, enterprise) -> None:
    """Subscribers (filters, text, several frequencies), a profile-only enterprise and one told off."""
    enterprise(subs=(("ipc", "H01M", "immediately"),))
    enterprise(subs=(("text", "钠离子电池正极材料的制备", "daily"), ("keywords", "印刷", "weekly")))
    enterprise(needs="钠离子电池正极材料", industries=("C",))
    unhappy = enterprise(subs=(("ipc", "C09D", "immediately"),))
    old = licence(STONE_COATING)
    db.session.add(Feedback(user_id=unhappy.id, declaration_id=old.id, useful=False))
    db.session.commit()
    for patent in (SODIUM_CATHODE, UPS_BATTERY, PRINTING, WOOD_COATING):
        licence(patent)


def test_a_sharded_run_fills_the_inbox_as_flask_push_run_does(app, licence, enterprise):
    _world(licence, enterprise)
    assert app.test_cli_runner().invoke(args=["push", "run"]).exit_code == 0
    expected = _inbox()
    assert len({row[0] for row in expected}) >= 3
    for model in (MatchNotice, PushTask, PushRun):
        db.session.execute(delete(model))
    db.session.commit()

    app.config["PUSH_SHARD_SIZE"] = 1  # every enterprise a shard of its own
    run_id = tasks.push_run.delay().get()
    db.session.expire_all()
    assert _inbox() == expected
    run = db.session.get(PushRun, run_id)
    assert run.status == PushRunStatus.DONE
    assert (run.declarations, run.notices) == (5, len(expected))
    assert count(PushTask, PushTask.done_at.is_(None)) == 0


def test_a_failing_shard_fails_the_run_and_the_next_run_resumes_it(app, licence, enterprise, monkeypatch):
    buyer = enterprise(subs=(("ipc", "H01M", "immediately"),))
    licence(SODIUM_CATHODE)

    def broken(*args, **kwargs):
        raise RuntimeError("worker lost its database")

    monkeypatch.setattr(batch, "insert_notices", broken)
    with pytest.raises(RuntimeError):
        tasks.push_run.delay()
    run = db.session.scalar(select(PushRun))
    assert run.status == PushRunStatus.FAILED and "worker lost its database" in run.error
    assert count(PushTask, PushTask.done_at.is_(None)) == 1

    monkeypatch.undo()
    assert tasks.push_run.delay().get() == run.id
    db.session.refresh(run)
    assert (run.status, run.attempts, run.notices) == (PushRunStatus.DONE, 2, 1)
    assert db.session.scalars(select(MatchNotice.user_id)).all() == [buyer.id]


def test_a_push_run_mails_the_immediate_notices_and_a_second_run_adds_nothing(app, licence, enterprise, smtp):
    buyer = enterprise(subs=(("ipc", "H01M", "immediately"),))
    weekly = enterprise(needs="钠离子电池正极材料", industries=("C",))
    licence(SODIUM_CATHODE)
    tasks.push_run.delay()
    assert smtp.recipients() == [buyer.email]  # the weekly one waits for its digest

    second = tasks.push_run.delay().get()
    db.session.expire_all()
    assert db.session.get(PushRun, second).notices == 0
    assert len(smtp.messages) == 1
    assert tasks.send_digests.delay().get() == 1
    assert smtp.recipients() == [buyer.email, weekly.email]
    assert tasks.send_notices.delay().get() == 0 and tasks.send_digests.delay().get() == 0


def test_mail_tasks_without_a_mail_server_send_nothing(app, licence, enterprise):
    app.config["MAIL_SERVER"] = ""
    enterprise(subs=(("ipc", "H01M", "immediately"),))
    licence(SODIUM_CATHODE)
    tasks.push_run.delay()
    assert tasks.send_notices.delay().get() == 0
    assert db.session.scalars(select(MatchNotice.emailed_at)).all() == [None]


def test_a_failing_mail_server_fails_the_task_and_the_next_one_resumes(app, licence, enterprise, smtp):
    buyers = [enterprise(subs=(("ipc", "H01M", "immediately"),)) for _ in range(2)]
    app.config["MAIL_SERVER"] = ""
    licence(SODIUM_CATHODE)
    tasks.push_run.delay()
    app.config["MAIL_SERVER"] = "127.0.0.1"
    smtp.fail_on = {2}
    with pytest.raises(runs.RunFailed, match="451"):
        tasks.send_notices.delay()
    assert tasks.send_notices.delay().get() == 1
    assert sorted(smtp.recipients()) == sorted(b.email for b in buyers)


def test_reindex_task_indexes_the_published_declarations(app, licence):
    licence(SODIUM_CATHODE)
    licence(PRINTING)
    assert tasks.reindex.delay().get() == 2


def test_fee_reminder_task_reminds_once(app, smtp, make_patent):
    patent = make_patent(**FEE_DUE_IN_90_DAYS)
    first = tasks.fees_remind.delay().get()
    assert (first["created"], first["emailed"]) == (1, 1)
    assert smtp.recipients() == [patent.owner.email]
    assert tasks.fees_remind.delay().get()["created"] == 0 and len(smtp.messages) == 1


def test_recordal_reminder_task_reminds_both_parties_once(app, smtp, recordal_licence):  # noqa: F811
    due = recordal_svc.state_of(recordal_licence, clock.today()).due_on
    with clock.travel(datetime.combine(due - timedelta(days=7), time(2, 0), tzinfo=UTC)):
        assert tasks.recordals_remind.delay().get()["created"] == 2
        assert tasks.recordals_remind.delay().get()["created"] == 0
    assert count(Reminder) == 2 and len(smtp.messages) == 2
