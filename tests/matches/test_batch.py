"""The batch push path gives the same inbox as the per-pair reference (app/matches/push.py), on the demo."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from app.auth.models import Role, User
from app.demo.accounts import ACCOUNTS
from app.demo.load import load_demo
from app.extensions import db
from app.integrations import profile_cache
from app.integrations.matching import get_matcher
from app.matches import batch, push
from app.matches.filters import DeclFacts, FilterIndex
from app.matches.models import (
    Feedback,
    Frequency,
    MatchNotice,
    MatchProfile,
    PushRun,
    PushTask,
    Subscription,
    SubscriptionKind,
)
from app.matches.subscriptions import filter_accepts
from tests.matches.conftest import (
    FLOW_METER,
    FOOD_TESTER,
    PRINTING,
    SODIUM_CATHODE,
    STONE_COATING,
    UPS_BATTERY,
    WOOD_COATING,
)

Inbox = dict[tuple[int, int], dict[str, Any]]
DEMO_SMES = [a.email for a in ACCOUNTS if a.role == Role.ENTERPRISE]


def _inbox(run: PushRun) -> Inbox:
    stmt = select(MatchNotice).where(MatchNotice.push_run_id == run.id)
    return {
        (n.user_id, n.declaration_id): {"score": n.score, "frequency": n.frequency, "reasons": n.reasons}
        for n in db.session.scalars(stmt)
    }


def _reference(threshold: float) -> Inbox:
    """The per-pair path over every queued declaration; its notices are then removed and tasks requeued."""
    m, run = get_matcher(), push.start_run()
    for task in push.pending_tasks():
        push.push_task(m, task, run, threshold)
    inbox = _inbox(run)
    _forget(run)
    return inbox


def _batch(threshold: float, **kwargs: Any) -> Inbox:
    run = push.start_run()
    for _ in batch.push_batch(get_matcher(), run, threshold, **kwargs):
        pass
    inbox = _inbox(run)
    _forget(run)
    return inbox


def _forget(run: PushRun) -> None:
    db.session.execute(delete(MatchNotice).where(MatchNotice.push_run_id == run.id))
    db.session.execute(update(PushTask).values(done_at=None, push_run_id=None))
    push.finish_run(run)
    db.session.commit()


def _same(got: Inbox, want: Inbox) -> None:
    assert sorted(got) == sorted(want)
    for pair, w in want.items():
        g = dict(got[pair])
        assert g.pop("score") == pytest.approx(w["score"], abs=1e-3), pair
        assert g["frequency"] == w["frequency"], pair
        gr, wr = dict(g["reasons"]), dict(w["reasons"])
        assert gr.pop("channel_scores") == pytest.approx(wr.pop("channel_scores"), abs=1e-3), pair
        assert gr == wr, pair


@pytest.fixture
def demo(app, enterprise, push_run):
    """The demo, plus enterprises with every kind of subscription, and an item already pushed."""
    load_demo()
    push.enqueue_missing()
    users = {
        "keywords": enterprise(subs=(("keywords", "电池，涂料", "daily"),)),
        "text": enterprise(subs=(("text", "锂离子电池正极材料及其制备方法", "immediately"),)),
        "sei": enterprise(subs=(("sei", "3", "weekly"), ("sei", "4.1", "daily"))),
        "industry": enterprise(
            industries=("38",), subs=(("industry", "C", "weekly"), ("ipc", "A01", "daily"))
        ),
        "plain": enterprise(needs="需要锂离子电池正极材料和电池管理系统的技术", industries=("38",)),
        "unhappy": enterprise(needs="需要锂离子电池正极材料和电池管理系统的技术", industries=("38",)),
        "mixed": enterprise(needs="农业机械的播种和施肥控制", subs=(("ipc", "H01M", "daily"),)),
    }
    decls = [t.declaration for t in push.pending_tasks()]
    battery = decls_with(decls, "H01M")
    first = push.start_run()
    db.session.add(
        MatchNotice(user_id=users["plain"].id, declaration_id=battery[0].id, score=0.9, reasons={},
                    frequency=Frequency.WEEKLY, push_run_id=first.id)
    )  # fmt: skip
    push.finish_run(first)
    db.session.commit()
    return users, decls


def test_the_batch_path_equals_the_reference_on_the_demo(app, demo, monkeypatch):
    users, decls = demo
    loose = _reference(0.2)  # below the default threshold, so that profile-only matches are many
    pushed = {u for u, _ in loose}
    assert {k for k, u in users.items() if u.id not in pushed} == set()  # every kind of enterprise is pushed
    demo_smes = db.session.scalars(select(User.id).where(User.email.in_(DEMO_SMES)))
    assert set(demo_smes) <= pushed  # sme1 by its needs, sme2 and sme3 through their subscriptions
    assert (users["plain"].id, decls_with(decls, "H01M")[0].id) not in loose  # already pushed
    _same(_batch(0.2), loose)
    _same(_batch(0.2, chunk=2), loose)  # chunks smaller than the enterprises
    app.extensions.pop(profile_cache.EXTENSION_KEY)  # a fresh process: the stored profiles are read back
    _same(_batch(0.2), loose)
    monkeypatch.setattr(batch, "FEW_DECLARATIONS", len(decls))  # "already told" looked up pair by pair
    _same(_batch(0.2), loose)
    monkeypatch.undo()
    ids = sorted(u.id for u in users.values())
    sharded = {**_batch(0.2, enterprises=(ids[0], ids[2])), **_batch(0.2, enterprises=(ids[3], ids[-1]))}
    _same(sharded, {p: v for p, v in loose.items() if ids[0] <= p[0] <= ids[-1]})
    _same(_batch(0.35), _reference(0.35))  # the default threshold


def test_feedback_drops_the_same_pairs_in_both_paths(demo):
    users, _ = demo
    before = _reference(0.2)
    liked = sorted(d for u, d in before if u == users["unhappy"].id)
    db.session.add(Feedback(user_id=users["unhappy"].id, declaration_id=liked[0], useful=False))
    db.session.commit()
    after = _reference(0.2)
    assert (users["unhappy"].id, liked[0]) not in after and len(after) < len(before)
    _same(_batch(0.2), after)


def decls_with(decls, ipc: str):
    return [d for d in decls if ipc in "".join(d.patent.ipc_codes or ())]


def _profiles(user) -> dict[int, tuple[int, str]]:
    rows = db.session.scalars(select(MatchProfile).where(MatchProfile.user_id == user.id))
    return {r.subscription_id: (r.id, r.fingerprint) for r in rows}


def _blobs(user) -> dict[int, tuple[str, bytes]]:
    rows = db.session.scalars(select(MatchProfile).where(MatchProfile.user_id == user.id))
    return {r.subscription_id: (r.fingerprint, bytes(r.features)) for r in rows}


def test_profiles_are_featurised_once_and_refreshed_when_they_change(licence, enterprise, push_run):
    user = enterprise(needs="锂离子电池正极材料", subs=(("text", "钠离子电池的正极材料", "daily"),))
    sub = db.session.scalar(select(Subscription).where(Subscription.user_id == user.id))
    licence(SODIUM_CATHODE)
    assert push_run().exit_code == 0
    first = _profiles(user)
    assert set(first) == {0, sub.id}

    licence(UPS_BATTERY)
    assert push_run().exit_code == 0
    assert _profiles(user) == first  # nothing changed: the stored rows are reused

    blobs = _blobs(user)
    db.session.execute(delete(MatchProfile).where(MatchProfile.user_id == user.id))
    db.session.commit()  # as after a run rolled back: the process holds features the database lacks
    licence(STONE_COATING)
    assert push_run().exit_code == 0
    assert _blobs(user) == blobs  # stored again from the process's features
    first = _profiles(user)

    user.organisation.needs = "工业污水处理设备"
    db.session.commit()
    licence(PRINTING)
    assert push_run().exit_code == 0
    changed = _profiles(user)
    assert changed[sub.id] == first[sub.id] and changed[0] != first[0]

    db.session.delete(sub)
    db.session.commit()
    licence(FOOD_TESTER)
    assert push_run().exit_code == 0
    assert set(_profiles(user)) == {0}



def test_the_enterprises_are_rebuilt_only_when_something_of_theirs_changed(
    licence, enterprise, push_run, make_user, monkeypatch
):
    """A run for a new declaration reuses the process's roster of enterprises; a new enterprise, a changed
    profile, a new or deleted subscription, or stored features gone rebuild it."""
    built: list[int] = []
    build = batch._enterprises
    monkeypatch.setattr(batch, "_enterprises", lambda span: built.append(1) or build(span))
    user = enterprise(needs="锂离子电池正极材料", subs=(("ipc", "H01M", "daily"),))

    def run(patent: tuple[str, str, list[str]]) -> set[int]:
        """Push a new declaration of ``patent``; the users told of it."""
        decl = licence(patent)
        assert push_run().exit_code == 0
        told = select(MatchNotice.user_id).where(MatchNotice.declaration_id == decl.id)
        return set(db.session.scalars(told))

    assert run(SODIUM_CATHODE) == {user.id} and len(built) == 1
    assert run(UPS_BATTERY) == {user.id} and len(built) == 1  # nothing of the enterprises changed
    other = enterprise(needs="工业污水处理设备")
    run(PRINTING)
    assert len(built) == 2
    user.organisation.needs = "食品检测仪器"
    db.session.commit()
    run(FOOD_TESTER)
    assert len(built) == 3
    ipc = Subscription(user_id=other.id, kind=SubscriptionKind.IPC, value="C09D", frequency=Frequency.DAILY)
    db.session.add(ipc)
    db.session.commit()
    assert other.id in run(WOOD_COATING) and len(built) == 4  # the new subscription is used at once
    db.session.delete(ipc)
    db.session.commit()
    assert other.id not in run(("CN113881303A", "一种水性外墙涂料", ["C09D"])) and len(built) == 5
    db.session.execute(delete(MatchProfile))
    db.session.commit()
    run(STONE_COATING)
    assert len(built) == 6 and db.session.scalar(select(func.count()).select_from(MatchProfile)) == 2
    make_user(Role.PATENTEE)  # not an enterprise: nothing to rebuild
    run(FLOW_METER)
    assert len(built) == 6


def test_each_shard_keeps_its_roster_within_the_bound(app, enterprise, monkeypatch):
    needs = ("锂离子电池正极材料", "工业污水处理设备", "食品检测仪器")
    users = [enterprise(needs=text).id for text in needs]
    m = get_matcher()
    low, high, middle = (users[0], users[0]), (users[1], users[2]), (users[0], users[1])
    first = batch._roster(m, low)
    assert batch._roster(m, high) is not first and batch._roster(m, low) is first  # both shards kept
    monkeypatch.setattr(batch, "ROSTER_ENTERPRISES", 3)
    batch._roster(m, middle)  # 1 + 2 + 2 enterprises: the least recently used span (high) goes
    assert list(app.extensions[batch.ROSTER_KEY]) == [low, middle]
    assert batch._roster(m, low) is first

SUBS = [
    ("industry", "C"),
    ("industry", "38"),
    ("industry", "384"),
    ("industry", "39"),
    ("industry", "A"),
    ("ipc", "H01M"),
    ("ipc", "H01"),
    ("ipc", "G01F"),
    ("ipc", "C09D5/00"),
    ("keywords", "涂料，钠"),
    ("keywords", "UPS"),
    ("keywords", "激光"),
    ("sei", "3"),
    ("sei", "3.4"),
    ("sei", "1"),
]


def test_filters_as_set_joins_accept_what_each_filter_accepts(licence, enterprise):
    decls = [
        licence(SODIUM_CATHODE, industry="3841"),
        licence(UPS_BATTERY, industry="C"),
        licence(FLOW_METER, industry="4016"),
        licence(STONE_COATING, industry="2641"),
        licence(WOOD_COATING),
    ]
    index = FilterIndex([DeclFacts.of(_facts(d)) for d in decls])
    owner = enterprise()
    for kind, value in SUBS:
        sub = Subscription(user_id=owner.id, kind=SubscriptionKind(kind), value=value)
        want = [n for n, d in enumerate(decls) if filter_accepts(sub, d)]
        assert index.accepts(sub.kind, value).tolist() == want, (kind, value)
    assert index.accepts(SubscriptionKind.IPC, "H01M").tolist() == [0, 1]  # the table is not all empty


def _facts(d):
    p = d.patent
    return (d.id, d.industry_code, p.ipc_codes, p.title, p.abstract, p.first_claim)
