"""The demo loader creates an alliance, an open pool with licences and a ledger, and a cross-licence, once."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.alliances.models import Alliance, MemberStatus
from app.auth.models import Role
from app.crosslicences.models import CrossLicence, CrossStatus
from app.demo.pools import load_pool_demo
from app.extensions import db
from app.pools.models import Pool, PoolLicence, PoolPayment, PoolStatus
from tests.rows import count


def test_demo_is_complete_and_idempotent(operator, make_user, pool_patent):
    patentees = [make_user(Role.PATENTEE) for _ in range(3)]
    # Filed recently enough that every kind keeps at least three years of term.
    by_owner = {
        u.id: [pool_patent(u, filing_date=date(2024, 5, 1), grant_date=date(2025, 3, 1))] for u in patentees
    }
    enterprises = [make_user(Role.ENTERPRISE) for _ in range(2)]
    for _ in range(2):
        load_pool_demo(operator, patentees, enterprises, by_owner)
        db.session.commit()
    alliance = db.session.scalar(select(Alliance))
    assert count(Alliance) == 1 and {m.status for m in alliance.members} == {MemberStatus.ACCEPTED}
    pool = db.session.scalar(select(Pool))
    assert count(Pool) == 1 and pool.status is PoolStatus.OPEN and len(pool.consented) == 3
    assert count(PoolLicence) == 2 and count(PoolPayment) == 2
    for line in db.session.scalars(select(PoolPayment)):
        assert sum(s.amount for s in line.shares) + line.admin_fee == line.amount
        # The operator confirmed each lump sum it received, so the pool licences are in force.
        assert line.payment.status.value == "confirmed" and line.payment.confirmed_by_id == operator.id
        assert line.licence.status.value == "in_force" and line.licence.in_force_at is not None
    cross = db.session.scalars(select(CrossLicence)).all()
    assert len(cross) == 1 and cross[0].status is CrossStatus.ACCEPTED and len(cross[0].grants) == 2
