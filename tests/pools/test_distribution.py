"""The ledger splits each payment into the pool by the pool's rule; shares add up to the fen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.auth.models import Role
from app.extensions import db
from app.licences.models import Payment
from app.pools.ledger import ledger, record_pool_payment
from app.pools.models import Essentiality, PoolPatentStatus, Rule
from app.pools.services import judge_patent, leave_pool
from tests.pools.conftest import TODAY

D = Decimal
_ref = iter(range(10**6))


def pay(pool, amount: Decimal):
    payment = Payment(payer_id=pool.operator_id, amount=amount, reference=f"T-{next(_ref)}", purpose="pool")
    db.session.add(payment)
    db.session.flush()
    return record_pool_payment(pool, None, payment, TODAY)


@pytest.fixture
def three(make_user, pool_patent):
    """Three patentees with one patent each (same kind and filing date)."""
    owners = [make_user(Role.PATENTEE) for _ in range(3)]
    return [pool_patent(o, kind="utility_model") for o in owners]


@pytest.mark.parametrize(
    ("amount", "fee_pct", "rule", "extra", "admin_fee", "expected"),
    [
        # 10000 fen / 3: each 3333 fen, the 1 fen left goes to the lowest patent id.
        (D("100.00"), D("0"), Rule.COUNT, None, D("0.00"), ["33.34", "33.33", "33.33"]),
        # 9500 fen / 3 leaves 2 fen: the two lowest ids get one each.
        (D("100.00"), D("5"), Rule.COUNT, None, D("5.00"), ["31.67", "31.67", "31.66"]),
        (D("0.01"), D("0"), Rule.COUNT, None, D("0.00"), ["0.01", "0.00", "0.00"]),
        (D("0.02"), D("50"), Rule.COUNT, None, D("0.01"), ["0.01", "0.00", "0.00"]),
        # The fee 2.9997 rounds half up to 3.00; 9699 fen by 33.33/33.33/33.34 %.
        (D("99.99"), D("3"), Rule.SHARE, ["33.33", "33.33", "33.34"], D("3.00"), ["32.33", "32.33", "32.33"]),
        (D("1000.00"), D("10"), Rule.SHARE, ["50", "30", "20"], D("100.00"), ["450.00", "270.00", "180.00"]),
        # Same term and kind: essential (1) : relevant (0.5) : not relevant (0).
        (
            D("100.00"),
            D("0"),
            Rule.WEIGHTED,
            ["essential", "relevant", "not_relevant"],
            D("0.00"),
            ["66.67", "33.33", "0.00"],
        ),
        (
            D("7.00"),
            D("0"),
            Rule.WEIGHTED,
            ["essential", "essential", "essential"],
            D("0.00"),
            ["2.34", "2.33", "2.33"],
        ),
    ],
)
def test_split_table(make_pool, operator, three, amount, fee_pct, rule, extra, admin_fee, expected):
    pool = make_pool(three, open=False, admin_fee_pct=fee_pct, distribution_rule=rule)
    for row, value in zip(pool.patents, extra or [], strict=False):
        if rule is Rule.SHARE:
            judge_patent(operator, row.id, Essentiality.ESSENTIAL, "", D(value))
        else:
            judge_patent(operator, row.id, Essentiality(value), "", None)
    line = pay(pool, amount)
    assert line.admin_fee == admin_fee
    assert [str(s.amount) for s in sorted(line.shares, key=lambda s: s.patent_id)] == expected
    assert sum(s.amount for s in line.shares) + line.admin_fee == amount
    assert str(pool.admin_fee_pct) in line.rounding_note and "最大余额法" in line.rounding_note


def test_weighted_favours_longer_term_and_invention(make_pool, make_user, pool_patent):
    inv = pool_patent(make_user(Role.PATENTEE), kind="invention")
    um = pool_patent(make_user(Role.PATENTEE), kind="utility_model")
    pool = make_pool([inv, um], distribution_rule=Rule.WEIGHTED)
    shares = {s.patent_id: s for s in pay(pool, D("1000.00")).shares}
    # invention: ~14 years left × 1.0; utility model: ~4 years left × 0.6 (both unjudged, 0.5).
    assert shares[inv.id].amount > 3 * shares[um.id].amount
    assert shares[inv.id].amount + shares[um.id].amount == D("1000.00")
    assert shares[inv.id].basis > shares[um.id].basis > 0


def test_patent_leaving_keeps_past_shares_and_gets_no_later_ones(make_pool, three):
    pool = make_pool(three)
    first = pay(pool, D("100.00"))
    leaving = pool.patents[1]
    leave_pool(leaving.patent.owner, leaving.id)
    second = pay(pool, D("100.00"))
    db.session.commit()
    assert leaving.status is PoolPatentStatus.LEFT and leaving.left_at is not None
    assert {s.patent_id: str(s.amount) for s in first.shares}[leaving.patent_id] == "33.33"
    assert leaving.patent_id not in {s.patent_id for s in second.shares}
    assert sorted(str(s.amount) for s in second.shares) == ["50.00", "50.00"]
    lines = ledger(pool.operator, pool.id)
    assert [len(line.shares) for line in lines] == [3, 2]


def test_share_rule_refuses_payment_when_shares_do_not_add_up(make_pool, operator, three):
    from app.errors import RuleViolation

    pool = make_pool(three, open=False, distribution_rule=Rule.SHARE)
    for row in pool.patents:
        judge_patent(operator, row.id, Essentiality.ESSENTIAL, "", D("30"))
    with pytest.raises(RuleViolation, match="份额之和"):
        pay(pool, D("10.00"))


@pytest.fixture
def judged_pool(make_pool, operator, three):
    pool = make_pool(three, open=False)
    for row, pct in zip(pool.patents, ("33.33", "33.33", "33.34"), strict=True):
        judge_patent(operator, row.id, Essentiality.RELEVANT, "", D(pct))
    db.session.commit()
    return pool


# Function-scoped fixtures run once for all examples here; each example rolls its payment back.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fen=st.integers(min_value=0, max_value=10**11),
    fee_pct=st.decimals(min_value=0, max_value=100, places=2),
    rule=st.sampled_from(list(Rule)),
)
def test_property_shares_plus_fee_equal_payment(judged_pool, fen, fee_pct, rule):
    pool = judged_pool
    pool.admin_fee_pct, pool.distribution_rule = fee_pct, rule
    amount = D(fen) / 100
    line = pay(pool, amount)
    assert sum((s.amount for s in line.shares), D(0)) + line.admin_fee == amount
    assert all(s.amount >= 0 for s in line.shares)
    db.session.rollback()
