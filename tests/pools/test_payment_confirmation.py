"""Pool payments are claimed by the licensee and confirmed by the pool's operator (issue 8 §3)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.auth.models import Role
from app.errors import Forbidden
from app.extensions import db
from app.payments.services import confirm_payment, dispute_payment
from app.pools import ledger
from app.pools.models import PoolLicenceStatus
from app.stats.services import StatsFilter, market_stats
from tests.pools.conftest import TODAY


@pytest.fixture
def taken(make_user, make_pool, pool_patent):
    owners = [make_user(Role.PATENTEE) for _ in range(2)]
    pool = make_pool([pool_patent(o) for o in owners])
    licence = ledger.take_pool_licence(make_user(Role.ENTERPRISE), pool.id, "实施", "POOL-BANK-1", TODAY)
    db.session.commit()
    return pool, owners, licence


def test_pool_licence_waits_for_the_operator(taken, operator):
    pool, owners, licence = taken
    payment = ledger.upfront_payment(licence)
    assert licence.status is PoolLicenceStatus.PAYMENT_PENDING and payment.payee_id == operator.id
    lines = ledger.ledger(operator, pool.id)
    assert len(lines) == 1 and ledger.totals_by_patentee(lines) == {}  # unconfirmed: not counted
    assert market_stats(StatsFilter()).pool_payments == Decimal("0.00")
    for actor in (licence.licensee, owners[0]):
        with pytest.raises(Forbidden):
            confirm_payment(actor, payment.id)
    confirm_payment(operator, payment.id)
    db.session.commit()
    assert licence.status is PoolLicenceStatus.IN_FORCE and licence.in_force_at is not None
    totals = ledger.totals_by_patentee(ledger.ledger(operator, pool.id))
    assert sum(totals.values()) + lines[0].admin_fee == payment.amount
    assert market_stats(StatsFilter()).pool_payments == payment.amount


def test_operator_disputes_a_pool_payment(taken, operator):
    _pool, _owners, licence = taken
    dispute_payment(operator, ledger.upfront_payment(licence).id, "未收到该笔款项")
    assert licence.status is PoolLicenceStatus.DISPUTED


def test_taking_twice_returns_the_same_pool_licence(taken):
    pool, _owners, licence = taken
    again = ledger.take_pool_licence(licence.licensee, pool.id, "实施", "POOL-BANK-2", TODAY)
    assert again.id == licence.id
