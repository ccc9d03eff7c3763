"""Strategic emerging industries in profiles and subscriptions: the GB/T 4754 -> SEI table, picks, reasons."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.extensions import db
from app.integrations import sei
from app.integrations.matching import get_matcher
from app.matches import push
from app.matches.inbox import recommendations
from app.matches.models import MatchNotice, Subscription, SubscriptionKind
from app.matches.subscriptions import filter_accepts
from matching.sei_link import DERIVED, PICKED, SeiLink, bonus, covers, reason_zh, sei_links

# A real patent (data/cn_patent_titles_ipc.csv) recorded with a main group that the 2021 concordance puts in
# 1.1 下一代信息网络产业 (H04L1*).
VIDEO_5G = ("CN215452983U", "基于分布式架构的5G视频传输系统", ["H04L 1/00"])
NETWORK_REASON = "同属战略性新兴产业 1.1 下一代信息网络产业"


@pytest.mark.parametrize(
    ("industry", "expected"),
    [
        ("3919", ["1.1"]),  # 其他计算机制造 -> 1.1.1 网络设备制造
        ("391", ["1.1"]),  # a group covers its classes
        ("3841", ["1.2", "5.2"]),  # 锂离子电池制造: electronic core, new-energy vehicle parts
        ("2661", ["3", "4.4", "4.5"]),  # 新材料 rows lost their mid code: the top code "3" stands in
        ("4016", ["2.1", "7.1", "7.3"]),
        ("C", []),  # a section spans too many categories to mean anything
        ("9999", []),  # unknown
        ("0511", []),  # known GB/T code, not listed in the 2018 table
        ("", []),
    ],
)
def test_gbt4754_to_sei(industry, expected):
    assert sei.gbt_table().sei_of(industry) == expected


def test_categories_are_the_9_top_and_40_mid_codes_in_order():
    cats = sei.categories()
    assert len(cats) == 49 and list(cats)[:3] == ["1", "1.1", "1.2"]
    assert cats["1"] == "新一代信息技术产业" and cats["9.2"] == "其他相关服务"


@pytest.mark.parametrize(
    ("picked", "code", "expected"),
    [
        ("1", "1.1", True),
        ("1.1", "1.1", True),
        ("1.1", "1.2", False),
        ("1", "10.1", False),
        ("3", "3.6", True),
    ],
)
def test_covers(picked, code, expected):
    assert covers(picked, code) is expected


NET = [("1.1", "下一代信息网络产业")]


@pytest.mark.parametrize(
    ("picked", "industries", "expected"),
    [
        (["1"], {}, [SeiLink("1.1", "下一代信息网络产业", PICKED)]),
        ([], {"39": ["1.1", "1.2"]}, [SeiLink("1.1", "下一代信息网络产业", DERIVED, "39")]),
        (["1.1"], {"39": ["1.1"]}, [SeiLink("1.1", "下一代信息网络产业", PICKED)]),  # a pick wins
        (["4"], {"38": ["1.2"]}, []),
    ],
)
def test_links_prefer_a_pick_over_a_derived_industry(picked, industries, expected):
    assert sei_links(NET, picked, industries) == expected


def test_bonus_and_reasons():
    picked, derived = (
        SeiLink("1.1", "下一代信息网络产业", PICKED),
        SeiLink("1.1", "下一代信息网络产业", DERIVED, "39"),
    )
    assert (bonus([picked, derived]), bonus([derived]), bonus([])) == (0.1, 0.05, 0.0)
    assert reason_zh(picked) == NETWORK_REASON
    assert "据 2018 年国家统计局分类重构表推导" in reason_zh(derived, "计算机、通信和其他电子设备制造业")


@pytest.fixture
def network_licence(licence):
    return licence(VIDEO_5G)


def _recommended(user):
    [item] = recommendations(user, 5)
    return item


def test_a_picked_category_adds_the_bonus_and_the_reason(network_licence, enterprise):
    plain = enterprise(needs="5G视频传输")
    picked = enterprise(needs="5G视频传输")
    picked.organisation.sei_codes = ["1"]
    db.session.commit()
    base, item = _recommended(plain), _recommended(picked)
    assert item.score == pytest.approx(min(1.0, base.score + 0.1))
    assert item.reasons["sei_links"][0]["via"] == PICKED
    assert item.reasons["summary_zh"].startswith(NETWORK_REASON)
    assert base.reasons["sei_links"] == []


def test_an_industry_reaches_sei_through_the_2018_table_labelled_derived(network_licence, enterprise):
    user = enterprise(needs="5G视频传输", industries=("39",))
    item = _recommended(user)
    [link] = item.reasons["sei_links"]
    assert (link["via"], link["industry"], link["code"]) == (DERIVED, "39", "1.1")
    assert "据 2018 年国家统计局分类重构表推导" in link["text_zh"]


def test_the_reason_is_shown_in_chinese_and_english(network_licence, enterprise, login):
    user = enterprise(needs="5G视频传输")
    user.organisation.sei_codes = ["1.1"]
    db.session.commit()
    client = login(user)
    assert NETWORK_REASON in client.get("/matches/recommended").get_data(as_text=True)
    english = client.get("/matches/recommended?lang=en").get_data(as_text=True)
    assert "Same strategic emerging industry 1.1 下一代信息网络产业" in english


def test_an_sei_subscription_is_pushed_with_its_reason(network_licence, enterprise, login, make_user):
    user = enterprise()
    resp = login(user).post("/matches/subscriptions/sei", data={"codes": ["1", "1.1"], "frequency": "daily"})
    assert resp.status_code == 302
    subs = db.session.scalars(select(Subscription).where(Subscription.user_id == user.id)).all()
    assert [(s.kind, s.value) for s in subs] == [(SubscriptionKind.SEI, "1"), (SubscriptionKind.SEI, "1.1")]
    assert filter_accepts(subs[1], network_licence)
    push.queue(network_licence)
    run = push.start_run()
    push.push_task(get_matcher(), push.pending_tasks()[0], run, 0.35)
    notice = db.session.scalar(select(MatchNotice).where(MatchNotice.user_id == user.id))
    assert notice is not None and notice.reasons["sei_links"][0]["code"] == "1.1"


@pytest.mark.parametrize("codes", [[], ["10"], ["1.1", "x"]])
def test_bad_sei_subscriptions_write_nothing(enterprise, login, codes):
    user = enterprise()
    login(user).post("/matches/subscriptions/sei", data={"codes": codes, "frequency": "daily"})
    assert db.session.scalar(select(Subscription).where(Subscription.user_id == user.id)) is None


def test_a_repeated_sei_subscription_is_added_once(enterprise, login):
    user = enterprise()
    client = login(user)
    for _ in range(2):
        client.post("/matches/subscriptions/sei", data={"codes": ["2.1"], "frequency": "weekly"})
    assert len(db.session.scalars(select(Subscription).where(Subscription.user_id == user.id)).all()) == 1


def test_the_profile_saves_sei_picks_and_refuses_unknown_codes(make_user, login):
    user = make_user(Role.ENTERPRISE)
    client = login(user)
    data = {"name": "产业企业", "credit_code": "", "province": "", "city": "", "needs": "", "contact": ""}
    client.post("/auth/profile", data={**data, "sei_codes": ["1", "5.2"]})
    db.session.expire_all()
    assert user.organisation.sei_codes == ["1", "5.2"]
    client.post("/auth/profile", data={**data, "sei_codes": ["1", "42"]})
    db.session.expire_all()
    assert user.organisation.sei_codes == ["1", "5.2"]
