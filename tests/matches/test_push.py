"""`flask push run`: who is told, idempotency, resumability, digests and feedback."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.matches import batch
from app.matches.models import DigestState, Feedback, Frequency, MatchNotice, PushRun, PushRunStatus
from tests.matches.conftest import (
    FLOW_METER,
    FOOD_TESTER,
    PRINTING,
    SODIUM_CATHODE,
    STONE_COATING,
    UPS_BATTERY,
    WOOD_COATING,
)
from tests.rows import count


def _notices(user=None) -> list[MatchNotice]:
    stmt = select(MatchNotice).order_by(MatchNotice.id)
    if user is not None:
        stmt = stmt.where(MatchNotice.user_id == user.id)
    return list(db.session.scalars(stmt))


def test_running_twice_sends_nothing_new(licence, enterprise, smtp, push_run):
    buyer = enterprise(subs=(("ipc", "H01M", "immediately"),))
    licence(SODIUM_CATHODE)
    licence(PRINTING)
    first = push_run()
    assert first.exit_code == 0, first.output
    assert "新增站内推荐 1 条" in first.output and "发送邮件 1 封" in first.output
    assert smtp.recipients() == [buyer.email]

    second = push_run()
    assert second.exit_code == 0, second.output
    assert "新增站内推荐 0 条" in second.output and "发送邮件 0 封" in second.output
    assert len(smtp.messages) == 1
    assert len(_notices(buyer)) == 1
    runs = db.session.scalars(select(PushRun).order_by(PushRun.id)).all()
    assert [r.status for r in runs] == [PushRunStatus.DONE, PushRunStatus.DONE]
    assert _notices(buyer)[0].emailed_run_id == runs[0].id


def test_a_failing_mail_server_is_resumed_without_duplicates(licence, enterprise, smtp, push_run):
    buyers = [enterprise(subs=(("ipc", "H01M", "immediately"),)) for _ in range(3)]
    licence(SODIUM_CATHODE)
    smtp.fail_on = {2}
    crashed = push_run()
    assert crashed.exit_code != 0
    assert "进度已保存" in crashed.output
    run = db.session.scalar(select(PushRun))
    assert run.status == PushRunStatus.FAILED and "451" in run.error
    assert len(smtp.messages) == 1 and len(_notices()) == 3

    resumed = push_run()
    assert resumed.exit_code == 0, resumed.output
    assert sorted(smtp.recipients()) == sorted(b.email for b in buyers)
    db.session.refresh(run)
    assert run.status == PushRunStatus.DONE and run.attempts == 2
    assert count(PushRun) == 1


def test_a_crash_mid_run_is_resumed_from_the_last_chunk(licence, enterprise, push_run, monkeypatch):
    buyers = [enterprise(subs=(("ipc", "H01M", "immediately"),)) for _ in range(3)]
    decls = [licence(SODIUM_CATHODE), licence(UPS_BATTERY), licence(PRINTING)]
    real, calls = batch._push_chunk, []

    def crash_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "_push_chunk", crash_on_second)
    assert push_run("--batch-size", "1").exit_code != 0
    run = db.session.scalar(select(PushRun))
    assert run.status == PushRunStatus.FAILED and run.declarations == 0  # tasks are done only at the end
    assert [n.declaration_id for n in _notices(buyers[0])] == [decls[0].id, decls[1].id]  # first chunk kept
    assert _notices(buyers[1]) == []

    monkeypatch.setattr(batch, "_push_chunk", real)
    assert push_run("--batch-size", "1").exit_code == 0
    for buyer in buyers:  # printing never matched; nothing written twice
        assert [n.declaration_id for n in _notices(buyer)] == [decls[0].id, decls[1].id]
    db.session.refresh(run)
    assert run.cursor == decls[2].id and run.declarations == 3 and run.status == PushRunStatus.DONE


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("industry", "38", True),  # division covers the declared class 3841
        ("industry", "C", True),  # section C covers division 38
        ("industry", "39", False),
        ("ipc", "H01M", True),
        ("ipc", "H01", True),  # a class covers its subclasses
        ("ipc", "h01m 4/00", False),  # the patent is not classified that deep
        ("ipc", "G01F", False),
        ("keywords", "钠离子电池，涂料", True),
        ("keywords", "印刷", False),
        ("text", "钠离子电池正极材料的制备", True),
        ("text", "农林种植驱虫装置", False),
    ],
)
def test_subscription_filters(licence, enterprise, push_run, kind, value, expected):
    buyer = enterprise(needs="印刷设备", subs=((kind, value, "daily"),))
    decl = licence(SODIUM_CATHODE, industry="3841")
    assert push_run().exit_code == 0
    got = _notices(buyer)
    assert bool(got) is expected
    if expected:
        assert got[0].declaration_id == decl.id and got[0].frequency == Frequency.DAILY


@pytest.mark.parametrize(("needs", "expected"), [("钠离子电池正极材料", True), ("食品安全检测仪器", False)])
def test_profile_without_subscriptions_uses_the_threshold(licence, enterprise, push_run, needs, expected):
    buyer = enterprise(needs=needs, industries=("C",))
    licence(SODIUM_CATHODE)
    assert push_run().exit_code == 0
    got = _notices(buyer)
    assert bool(got) is expected
    if expected:
        assert got[0].score >= 0.35 and got[0].frequency == Frequency.WEEKLY


def test_fastest_accepting_subscription_sets_the_frequency(licence, enterprise, push_run):
    buyer = enterprise(
        subs=(
            ("ipc", "H01M", "weekly"),
            ("keywords", "钠离子", "immediately"),
            ("ipc", "G01F", "immediately"),
        )
    )
    licence(SODIUM_CATHODE)
    push_run()
    (notice,) = _notices(buyer)
    assert notice.frequency == Frequency.IMMEDIATELY
    # The reason names the two subscriptions that let it through, in the order they were made.
    assert notice.reasons["subscriptions"] == [
        {"kind": "ipc", "label": "IPC 分类", "value": "H01M"},
        {"kind": "keywords", "label": "关键词", "value": "钠离子"},
    ]
    assert notice.reasons["summary_zh"].startswith("符合您的订阅：IPC 分类 H01M、关键词 钠离子；")


def test_licensee_and_withdrawn_licences_are_not_pushed(licence, enterprise, push_run):
    from app.declarations.models import DeclarationStatus
    from app.licences.models import Licence

    buyer = enterprise(subs=(("ipc", "H01M", "immediately"),))
    taken = licence(SODIUM_CATHODE)
    db.session.add(Licence(declaration_id=taken.id, licensee_id=buyer.id, notice="书面通知"))
    licence(UPS_BATTERY, status=DeclarationStatus.WITHDRAWN)
    db.session.commit()
    push_run()
    assert _notices(buyer) == []


@pytest.mark.parametrize(
    ("frequency", "period"), [("daily", timedelta(days=1)), ("weekly", timedelta(days=7))]
)
def test_digests_group_items_and_wait_for_their_period(
    licence, enterprise, smtp, push_run, frequency, period
):
    buyer = enterprise(subs=(("ipc", "H01M", frequency),))
    licence(SODIUM_CATHODE)
    push_run()
    assert len(smtp.messages) == 1  # the first digest is due at once
    licence(UPS_BATTERY)
    push_run()
    assert len(smtp.messages) == 1  # inbox only until the period has passed
    later = _notices(buyer)[-1]
    assert later.emailed_at is None and later.read_at is None

    state = db.session.scalar(select(DigestState).where(DigestState.user_id == buyer.id))
    state.last_sent_at = clock.now() - period + timedelta(minutes=1)
    db.session.commit()
    push_run()
    assert len(smtp.messages) == 1
    state.last_sent_at = clock.now() - period
    db.session.commit()
    push_run()
    assert len(smtp.messages) == 2
    assert "共 1 项" in str(smtp.messages[1]["Subject"])
    assert all(n.emailed_at is not None for n in _notices(buyer))


def test_without_mail_server_the_inbox_is_filled_but_nothing_marked_sent(licence, enterprise, push_run, app):
    app.config["MAIL_SERVER"] = ""
    buyer = enterprise(subs=(("ipc", "H01M", "immediately"),))
    licence(SODIUM_CATHODE)
    result = push_run()
    assert result.exit_code == 0 and "未配置 MAIL_SERVER" in result.output
    assert [n.emailed_at for n in _notices(buyer)] == [None]


@pytest.mark.parametrize(("disliked", "pushed"), [(None, True), (STONE_COATING, False), (FOOD_TESTER, True)])
def test_not_useful_feedback_stops_similar_pushes(licence, enterprise, push_run, disliked, pushed):
    buyer = enterprise(subs=(("ipc", "C09D", "immediately"),))
    if disliked:
        old = licence(disliked)
        db.session.add(Feedback(user_id=buyer.id, declaration_id=old.id, useful=False))
        db.session.commit()
    new = licence(WOOD_COATING)
    push_run()
    assert any(n.declaration_id == new.id for n in _notices(buyer)) is pushed


def test_reasons_are_stored_with_each_notice(licence, enterprise, push_run):
    buyer = enterprise(needs="钠离子电池", subs=(("ipc", "H01M", "immediately"),))
    licence(SODIUM_CATHODE)
    licence(FLOW_METER)
    push_run()
    (notice,) = _notices(buyer)
    reasons = notice.reasons
    assert set(reasons["channel_scores"]) == {"lexical", "dense", "ipc", "topic"}
    assert reasons["ipc_links"][0]["subclass"] == "H01M" and reasons["ipc_links"][0]["title_zh"]
    assert "钠离子" in reasons["shared_terms"]
    assert reasons["summary_zh"].startswith("符合您的订阅：IPC 分类 H01M；共同关键词")


def test_a_profile_match_names_no_subscription(licence, enterprise, push_run):
    buyer = enterprise(needs="钠离子电池正极材料", industries=("C",))
    licence(SODIUM_CATHODE)
    push_run()
    (notice,) = _notices(buyer)
    assert notice.reasons["subscriptions"] == []
    assert not notice.reasons["summary_zh"].startswith("符合您的订阅")
