"""Enterprise pages: inbox with Chinese reasons, feedback, subscriptions, dashboard panel, role checks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.extensions import db
from app.matches.models import Feedback, MatchNotice, Subscription
from tests.matches.conftest import FLOW_METER, SODIUM_CATHODE, UPS_BATTERY


def test_inbox_shows_reasons_in_chinese_and_marks_read(licence, enterprise, push_run, login):
    buyer = enterprise(needs="钠离子电池", subs=(("ipc", "H01M", "immediately"),))
    licence(SODIUM_CATHODE)
    push_run()
    page = login(buyer).get("/matches/inbox").get_data(as_text=True)
    assert "为什么推荐" in page and "共同关键词" in page
    assert "用于直接转变化学能为电能的方法或装置" in page  # the Chinese title of IPC H01M
    assert "IPC分类" in page and "钠离子" in page
    assert "符合订阅：IPC 分类 H01M" in page  # the subscription that let it through
    assert db.session.scalar(select(MatchNotice)).read_at is not None


@pytest.mark.parametrize(("role", "status"), [(Role.PATENTEE, 403), (Role.OPERATOR, 403)])
def test_other_roles_cannot_see_the_inbox(make_user, login, role, status):
    client = login(make_user(role))
    for url in ("/matches/inbox", "/matches/subscriptions", "/matches/recommended"):
        assert client.get(url).status_code == status


def test_anonymous_is_sent_to_login(client):
    resp = client.get("/matches/inbox")
    assert resp.status_code == 302 and "/auth/login" in resp.headers["Location"]


def test_feedback_is_stored_and_updatable(licence, enterprise, login):
    buyer = enterprise(needs="钠离子电池")
    decl = licence(SODIUM_CATHODE)
    client = login(buyer)
    for value, useful in (("0", False), ("1", True)):
        resp = client.post(f"/matches/{decl.id}/feedback", data={"useful": value, "next": "/matches/inbox"})
        assert resp.status_code == 302 and resp.headers["Location"].endswith("/matches/inbox")
        rows = db.session.scalars(select(Feedback)).all()
        assert [(r.user_id, r.declaration_id, r.useful) for r in rows] == [(buyer.id, decl.id, useful)]


@pytest.mark.parametrize("value", ["", "maybe"])
def test_bad_feedback_changes_nothing(licence, enterprise, login, value):
    decl = licence(SODIUM_CATHODE)
    resp = login(enterprise()).post(
        f"/matches/{decl.id}/feedback", data={"useful": value}, follow_redirects=True
    )
    assert "反馈无效" in resp.get_data(as_text=True)
    assert db.session.scalar(select(Feedback)) is None


def test_feedback_on_unknown_licence_is_404(enterprise, login):
    assert login(enterprise()).post("/matches/999/feedback", data={"useful": "1"}).status_code == 404


def test_create_and_delete_subscription(enterprise, login):
    buyer = enterprise()
    client = login(buyer)
    resp = client.post(
        "/matches/subscriptions", data={"kind": "ipc", "value": "h01m 4/00", "frequency": "weekly"}
    )
    assert resp.status_code == 302
    sub = db.session.scalar(select(Subscription))
    assert (sub.user_id, sub.value, sub.frequency.value) == (buyer.id, "H01M 4/00", "weekly")
    assert "H01M 4/00" in client.get("/matches/subscriptions").get_data(as_text=True)
    assert client.post(f"/matches/subscriptions/{sub.id}/delete").status_code == 302
    assert db.session.scalar(select(Subscription)) is None


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("ipc", "XYZ", "IPC 分类号格式不正确"),
        ("ipc", "H1M", "IPC 分类号格式不正确"),
        ("industry", "9999", "行业代码不存在"),
        ("keywords", " ，、 ", "请至少填写一个关键词"),
        ("text", "电池", "需求描述太短"),
        ("text", "", "请填写订阅内容"),
        ("colour", "红色", "请检查订阅内容"),
    ],
)
def test_bad_subscription_is_refused_with_a_message(enterprise, login, kind, value, message):
    resp = login(enterprise()).post(
        "/matches/subscriptions", data={"kind": kind, "value": value, "frequency": "daily"}
    )
    assert resp.status_code == 422
    assert message in resp.get_data(as_text=True)
    assert db.session.scalar(select(Subscription)) is None


def test_duplicate_subscription_is_refused(enterprise, login):
    client = login(enterprise(subs=(("keywords", "电池", "daily"),)))
    resp = client.post(
        "/matches/subscriptions", data={"kind": "keywords", "value": "电池", "frequency": "weekly"}
    )
    assert resp.status_code == 422 and "相同的内容" in resp.get_data(as_text=True)
    assert len(db.session.scalars(select(Subscription)).all()) == 1


@pytest.mark.parametrize(("owner", "status"), [(False, 403), (None, 404)])
def test_cannot_delete_someone_elses_or_missing_subscription(enterprise, login, owner, status):
    other = enterprise(subs=(("ipc", "H01M", "daily"),))
    sub_id = db.session.scalar(select(Subscription.id)) if owner is False else 999
    assert login(enterprise()).post(f"/matches/subscriptions/{sub_id}/delete").status_code == status
    assert db.session.scalar(select(Subscription.user_id)) == other.id


def test_forms_need_a_csrf_token(app, enterprise, licence, login):
    buyer = enterprise()
    decl = licence(SODIUM_CATHODE)
    client = login(buyer)
    app.config["WTF_CSRF_ENABLED"] = True
    client.post("/matches/subscriptions", data={"kind": "ipc", "value": "H01M", "frequency": "daily"})
    client.post(f"/matches/{decl.id}/feedback", data={"useful": "0"})
    assert db.session.scalar(select(Subscription)) is None and db.session.scalar(select(Feedback)) is None


def test_dashboard_panel_recommends_and_excludes_disliked(licence, enterprise, login):
    buyer = enterprise(needs="锂电池组 钠离子电池 正极材料", subs=(("ipc", "H01M", "daily"),))
    sodium = licence(SODIUM_CATHODE)
    licence(UPS_BATTERY)
    licence(FLOW_METER)
    client = login(buyer)
    page = client.get("/dashboard").get_data(as_text=True)
    assert "为您推荐" in page and SODIUM_CATHODE[1] in page and UPS_BATTERY[1] in page
    assert FLOW_METER[1] not in page and "为什么推荐" in page
    db.session.add(Feedback(user_id=buyer.id, declaration_id=sodium.id, useful=False))
    db.session.commit()
    page = client.get("/dashboard").get_data(as_text=True)
    assert SODIUM_CATHODE[1] not in page and UPS_BATTERY[1] in page
