""" "Who might need this": the visibility rule, introductions never repeating, limits, replies and access."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.auth.models import Role, User
from app.extensions import db
from app.inputs import INTRO_MESSAGE_MAX, INTRO_REPLY_MAX, INTRODUCTIONS_PER_DAY
from app.needs import services as svc
from app.needs.models import Introduction
from app.needs.ranking import needs_page
from tests.matches.conftest import SODIUM_CATHODE
from tests.rows import count

VISIBLE, HIDDEN = "可见储能材料有限公司", "隐身电池科技有限公司"
MESSAGE = "贵企业的钠离子电池需求与本专利相关，欢迎了解开放许可。"


@pytest.fixture
def market(licence, enterprise):
    """A published sodium-ion cathode licence and two battery enterprises: one visible, one hidden."""
    decl = licence(SODIUM_CATHODE)
    shown = enterprise(needs="钠离子电池正极材料", subs=(("ipc", "H01M", "weekly"),))
    hidden = enterprise(needs="钠离子电池正极材料", industries=("38",), subs=(("ipc", "H01M", "weekly"),))
    shown.organisation.name, shown.organisation.visible_to_patentees = VISIBLE, True
    hidden.organisation.name, hidden.organisation.province = HIDDEN, "江苏省"
    db.session.commit()
    return decl, shown, hidden


def test_both_are_ranked_but_the_patentee_sees_only_the_visible_name(market, login):
    decl, shown, hidden = market
    page = needs_page(decl.owner, decl.id)
    assert page.total == 2
    assert [r.user.id for r in page.named] == [shown.id]
    assert [(c.industry, c.region, c.count) for c in page.hidden] == [("制造业", "江苏省", 1)]
    html = login(decl.owner).get(f"/needs/declarations/{decl.id}").get_data(as_text=True)
    assert VISIBLE in html and "为什么推荐" in html
    assert HIDDEN not in html and f'value="{hidden.id}"' not in html
    assert "江苏省" in html and "未公开名称" in html


def test_the_operator_sees_every_ranked_name(market, make_user, login):
    decl, _shown, _hidden = market
    html = login(make_user(Role.OPERATOR)).get(f"/needs/declarations/{decl.id}").get_data(as_text=True)
    assert VISIBLE in html and HIDDEN in html


def test_a_hidden_enterprise_introduced_by_the_operator_stays_unnamed_to_the_patentee(
    market, make_user, login
):
    decl, _shown, hidden = market
    svc.introduce(make_user(Role.OPERATOR), decl.id, hidden.id, MESSAGE)
    db.session.commit()
    html = login(decl.owner).get(f"/needs/declarations/{decl.id}").get_data(as_text=True)
    assert MESSAGE in html and HIDDEN not in html


def test_the_patentee_cannot_introduce_to_a_hidden_enterprise(market, login):
    decl, _shown, hidden = market
    resp = login(decl.owner).post(
        f"/needs/declarations/{decl.id}/introduce",
        data={"enterprise_id": hidden.id, "message": MESSAGE},
        follow_redirects=True,
    )
    assert "不在可介绍的潜在需求方名单中" in resp.get_data(as_text=True)
    assert count(Introduction) == 0


def test_the_operator_may_introduce_to_a_hidden_enterprise(market, make_user):
    decl, _shown, hidden = market
    intro = svc.introduce(make_user(Role.OPERATOR), decl.id, hidden.id, MESSAGE)
    assert intro.enterprise_id == hidden.id and count(Introduction) == 1


def test_an_introduction_is_never_sent_twice(market, make_user, login):
    decl, shown, _hidden = market
    client = login(decl.owner)
    url = f"/needs/declarations/{decl.id}/introduce"
    first = client.post(url, data={"enterprise_id": shown.id, "message": MESSAGE}, follow_redirects=True)
    assert "介绍已发送" in first.get_data(as_text=True)
    second = client.post(url, data={"enterprise_id": shown.id, "message": "再说一次"}, follow_redirects=True)
    assert "已向该企业介绍过此开放许可" in second.get_data(as_text=True)
    with pytest.raises(svc.AlreadyIntroduced):  # an operator repeating the same pair is refused too
        svc.introduce(make_user(Role.OPERATOR), decl.id, shown.id, MESSAGE)
    db.session.rollback()
    rows = db.session.scalars(select(Introduction)).all()
    assert [(r.enterprise_id, r.message) for r in rows] == [(shown.id, MESSAGE)]


def test_the_database_refuses_a_repeated_pair(market):
    decl, shown, _hidden = market
    db.session.add(
        Introduction(declaration_id=decl.id, enterprise_id=shown.id, sender_id=decl.owner_id, message="a")
    )
    db.session.commit()
    db.session.add(
        Introduction(declaration_id=decl.id, enterprise_id=shown.id, sender_id=decl.owner_id, message="b")
    )
    with pytest.raises(Exception, match="(?i)unique"):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", "介绍内容无效"),
        ("你好", "介绍内容太短"),
        ("长" * (INTRO_MESSAGE_MAX + 1), "介绍内容无效"),
        ("含有\x00控制字符的介绍", "控制字符"),
    ],
)
def test_bad_messages_write_nothing(market, login, message, expected):
    decl, shown, _hidden = market
    resp = login(decl.owner).post(
        f"/needs/declarations/{decl.id}/introduce",
        data={"enterprise_id": shown.id, "message": message},
        follow_redirects=True,
    )
    assert expected in resp.get_data(as_text=True)
    assert count(Introduction) == 0


@pytest.mark.parametrize("enterprise_id", ["", "abc", "999999"])
def test_bad_enterprise_ids_write_nothing(market, login, enterprise_id):
    decl, _shown, _hidden = market
    login(decl.owner).post(
        f"/needs/declarations/{decl.id}/introduce", data={"enterprise_id": enterprise_id, "message": MESSAGE}
    )
    assert count(Introduction) == 0


def test_a_sender_is_limited_per_day(market, make_user):
    decl, _shown, hidden = market
    operator = make_user(Role.OPERATOR)
    others = [User(email=f"quota{n}@example.cn", password_hash="-", role=Role.ENTERPRISE) for n in range(20)]
    db.session.add_all(others)
    db.session.flush()
    yesterday = clock.now() - timedelta(hours=23)
    db.session.add_all(
        Introduction(
            declaration_id=decl.id,
            enterprise_id=u.id,
            sender_id=operator.id,
            message="x",
            created_at=yesterday,
        )
        for u in others[:INTRODUCTIONS_PER_DAY]
    )
    db.session.commit()
    with pytest.raises(svc.ValidationFailed, match="24 小时内最多"):
        svc.introduce(operator, decl.id, hidden.id, MESSAGE)


def test_a_stranger_patentee_sees_no_list_and_sends_nothing(market, make_user, login):
    decl, shown, _hidden = market
    client = login(make_user(Role.PATENTEE))
    resp = client.get(f"/needs/declarations/{decl.id}")
    assert resp.status_code == 403 and VISIBLE not in resp.get_data(as_text=True)
    client.post(
        f"/needs/declarations/{decl.id}/introduce", data={"enterprise_id": shown.id, "message": MESSAGE}
    )
    assert count(Introduction) == 0


def test_an_enterprise_cannot_see_the_list(market, login):
    decl, shown, _hidden = market
    assert login(shown).get(f"/needs/declarations/{decl.id}").status_code == 403


def test_a_draft_has_no_list(make_declaration, login):
    draft = make_declaration()
    assert login(draft.owner).get(f"/needs/declarations/{draft.id}").status_code == 404


def test_the_enterprise_reads_and_answers_once(market, login):
    decl, shown, _hidden = market
    intro = svc.introduce(decl.owner, decl.id, shown.id, MESSAGE)
    db.session.commit()
    client = login(shown)
    assert "1 条未读" in client.get("/dashboard").get_data(as_text=True)
    assert MESSAGE in client.get("/needs/introductions").get_data(as_text=True)
    assert db.session.get(Introduction, intro.id).read_at is not None
    client.post(f"/needs/introductions/{intro.id}/reply", data={"reply": "有兴趣，请联系采购部。"})
    again = client.post(
        f"/needs/introductions/{intro.id}/reply", data={"reply": "改主意了"}, follow_redirects=True
    )
    assert "您已回复过这条介绍" in again.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Introduction, intro.id).reply == "有兴趣，请联系采购部。"
    owner_page = login(decl.owner).get(f"/needs/declarations/{decl.id}").get_data(as_text=True)
    assert "有兴趣，请联系采购部。" in owner_page


@pytest.mark.parametrize(
    ("reply", "expected"), [("", "回复无效"), ("长" * (INTRO_REPLY_MAX + 1), "回复无效")]
)
def test_bad_replies_write_nothing(market, login, reply, expected):
    decl, shown, _hidden = market
    intro = svc.introduce(decl.owner, decl.id, shown.id, MESSAGE)
    db.session.commit()
    resp = login(shown).post(
        f"/needs/introductions/{intro.id}/reply", data={"reply": reply}, follow_redirects=True
    )
    assert expected in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Introduction, intro.id).replied_at is None


def test_another_enterprise_cannot_answer(market, login):
    decl, shown, hidden = market
    intro = svc.introduce(decl.owner, decl.id, shown.id, MESSAGE)
    db.session.commit()
    resp = login(hidden).post(
        f"/needs/introductions/{intro.id}/reply", data={"reply": "冒充回复"}, follow_redirects=True
    )
    assert "介绍不存在" in resp.get_data(as_text=True)
    assert MESSAGE not in login(hidden).get("/needs/introductions").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Introduction, intro.id).replied_at is None


def test_visibility_is_off_by_default_and_set_on_the_profile(make_user, login):
    user = make_user(Role.ENTERPRISE)
    assert user.organisation.visible_to_patentees is False
    client = login(user)
    form = client.get("/auth/profile").get_data(as_text=True)
    assert "向专利权人公开本企业名称" in form and "谁可能需要此专利" in form
    data = {"name": "可见企业", "credit_code": "", "province": "", "city": "", "needs": "", "contact": ""}
    client.post("/auth/profile", data={**data, "visible_to_patentees": "y"})
    db.session.expire_all()
    assert user.organisation.visible_to_patentees is True
    client.post("/auth/profile", data=data)
    db.session.expire_all()
    assert user.organisation.visible_to_patentees is False
