"""A push run split by enterprise id range: the ranges, one shard's rows, two workers on one shard."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from app import clock
from app.auth.models import Role
from app.extensions import db
from app.matches import batch, shards
from app.matches.models import Frequency, MatchNotice, PushRun
from tests.matches.conftest import SODIUM_CATHODE, UPS_BATTERY
from tests.rows import count

H01M_NOW = ("ipc", "H01M", "immediately")


def _buyers(enterprise, make_user, n: int) -> list:
    """`n` subscribers to H01M, with a patentee's id between each two (ids that are no enterprise)."""
    users = []
    for _ in range(n):
        users.append(enterprise(subs=(H01M_NOW,)))
        make_user(Role.PATENTEE)
    return users


def test_ranges_cover_every_enterprise_once(app, enterprise, make_user):
    ids = [u.id for u in _buyers(enterprise, make_user, 5)]
    ranges = shards.enterprise_ranges(2)
    assert len(ranges) == 3
    assert [[i for i in ids if lo <= i < hi] for lo, hi in ranges] == [ids[0:2], ids[2:4], ids[4:]]
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))  # no gap between shards


def test_a_shard_writes_only_its_enterprises(app, licence, enterprise, make_user):
    buyers = _buyers(enterprise, make_user, 3)
    licence(SODIUM_CATHODE)
    plan = shards.plan(shard_size=1)
    assert len(plan.ranges) == 3
    assert shards.push_shard(plan.run_id, plan.task_ids, plan.ranges[1], 0.35) == 1
    assert db.session.scalars(select(MatchNotice.user_id)).all() == [buyers[1].id]


def test_the_same_shard_twice_writes_each_row_once(app, licence, enterprise, make_user):
    _buyers(enterprise, make_user, 3)
    licence(SODIUM_CATHODE)
    last = licence(UPS_BATTERY)
    plan = shards.plan(shard_size=10)
    (whole,) = plan.ranges
    assert shards.push_shard(plan.run_id, plan.task_ids, whole, 0.35) == 6
    assert shards.push_shard(plan.run_id, plan.task_ids, whole, 0.35) == 0
    first = shards.complete(plan.run_id, plan.task_ids)
    assert (first.declarations, first.notices, first.cursor) == (2, 6, last.id)
    again = shards.complete(plan.run_id, plan.task_ids)
    assert (again.declarations, again.notices, again.cursor) == (2, 6, last.id)
    assert count(MatchNotice) == 6


def test_inserting_rows_already_there_adds_nothing(app, licence, enterprise, make_user):
    buyers = _buyers(enterprise, make_user, 2)
    decl = licence(SODIUM_CATHODE)
    run = PushRun()
    db.session.add(run)
    db.session.flush()
    rows = [
        dict(user_id=u.id, declaration_id=decl.id, score=0.5, reasons={}, frequency=Frequency.IMMEDIATELY,
             push_run_id=run.id, created_at=clock.now(), email_error="")
        for u in buyers
    ]  # fmt: skip
    assert batch.insert_notices(rows) == 2
    assert batch.insert_notices(rows) == 0
    assert batch.insert_notices(rows + rows) == 0
    db.session.commit()
    assert count(MatchNotice) == 2


def test_two_workers_on_the_same_shard_at_once_write_each_row_once(
    app, licence, enterprise, make_user, monkeypatch
):
    """Both score the shard before either inserts (a barrier), so both insert the same rows: one wins.

    A first run stores the enterprises' features, so the two workers' first write is the inbox insert."""
    _buyers(enterprise, make_user, 4)
    licence(SODIUM_CATHODE)
    first = shards.plan(shard_size=100)
    shards.push_shard(first.run_id, first.task_ids, first.ranges[0], 0.35)
    shards.complete(first.run_id, first.task_ids)
    licence(UPS_BATTERY)
    plan = shards.plan(shard_size=100)
    (whole,) = plan.ranges
    barrier, real_insert = threading.Barrier(2, timeout=30), batch.insert_notices

    def insert_together(rows):
        barrier.wait()
        return real_insert(rows)

    monkeypatch.setattr(batch, "insert_notices", insert_together)
    db.session.commit()

    def worker() -> int:
        with app.app_context():
            return shards.push_shard(plan.run_id, plan.task_ids, whole, 0.35)

    with ThreadPoolExecutor(2) as pool:
        written = [f.result() for f in [pool.submit(worker), pool.submit(worker)]]
    db.session.expire_all()
    assert sorted(written) == [0, 4]  # one thread wins the rows; a plain insert would raise in the other
    assert count(MatchNotice) == 8
    pairs = db.session.execute(select(MatchNotice.user_id, MatchNotice.declaration_id)).all()
    assert len(set(pairs)) == 8
