"""One exact Money type: integer fen on SQLite and PostgreSQL, sums exactly, refuses what it cannot hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import insert, select, text

from app.auth.models import Role
from app.db import MONEY_MAX, Money, Percent, money_sum
from app.errors import ValidationFailed
from app.extensions import db
from app.licences.models import Payment
from tests.migrating import empty_database

BIG = Decimal("12345678901.23")


def _payment(payer_id: int, amount: Decimal | int, ref: str) -> Payment:
    payment = Payment(payer_id=payer_id, amount=amount, reference=ref)
    db.session.add(payment)
    return payment


def test_big_amount_round_trips_and_sums_exactly(app, make_user):
    payer = make_user(Role.ENTERPRISE)
    for n, amount in enumerate([BIG, BIG, Decimal("0.01"), Decimal("0.10")]):
        _payment(payer.id, amount, f"R{n}")
    db.session.commit()
    db.session.expire_all()
    stored = db.session.scalars(select(Payment.amount).order_by(Payment.id)).all()
    assert stored == [BIG, BIG, Decimal("0.01"), Decimal("0.10")]
    assert all(str(a) == f"{a:.2f}" for a in stored)  # always 2 places, never a float
    total = db.session.scalar(select(money_sum(Payment.amount)))
    assert total == Decimal("24691357802.57") and isinstance(total, Decimal)


def test_sum_of_nothing_is_zero(app):
    assert db.session.scalar(select(money_sum(Payment.amount))) == Decimal("0.00")


def test_stored_as_integer_fen(app, make_user):
    payer = make_user(Role.ENTERPRISE)
    _payment(payer.id, BIG, "R1")
    db.session.commit()
    assert db.session.scalar(text("SELECT amount FROM payments")) == 1234567890123


@pytest.mark.parametrize(
    ("value", "fits"),
    [
        (Decimal("0.01"), True),
        (Decimal("100.000"), True),  # trailing zeros are exact
        (MONEY_MAX, True),
        (-MONEY_MAX, True),
        (Decimal("0.001"), False),
        (MONEY_MAX + Decimal("0.01"), False),
        (Decimal("1e20"), False),
        (Decimal("1e999999"), False),
        (Decimal("NaN"), False),
        (Decimal("Infinity"), False),
        (5, True),
    ],
)
def test_money_bounds(value, fits):
    assert Money().fits(value) is fits


def test_percent_has_two_places():
    assert Percent().fits(Decimal("12.50")) and not Percent().fits(Decimal("12.505"))


@pytest.mark.parametrize("amount", [Decimal("1e20"), Decimal("0.001")])
def test_flush_refuses_money_it_cannot_hold(app, make_user, amount):
    payer = make_user(Role.ENTERPRISE)
    _payment(payer.id, amount, "R1")
    with pytest.raises(ValidationFailed) as err:
        db.session.flush()
    assert "amount" in err.value.fields
    db.session.rollback()
    assert db.session.scalar(select(money_sum(Payment.amount))) == 0


def _old_rows(conn) -> None:
    """Rows as the initial schema stored them (NUMERIC); foreign keys are off for this fixture data."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET session_replication_role = replica"))
    else:
        conn.execute(text("PRAGMA foreign_keys = OFF"))
    payments = [(1, "12345678901.23", "A"), (2, "0.10", "B"), (3, "999999999999.99", "C")]
    for pk, amount, ref in payments:
        conn.execute(
            text(
                "INSERT INTO payments (id, payer_id, amount, currency, reference, purpose, paid_at) VALUES"
                " (:id, 1, CAST(:amount AS NUMERIC(14, 2)), 'CNY', :ref, 'licence', '2026-11-25 02:00:00+00')"
            ),
            {"id": pk, "amount": amount, "ref": ref},
        )


def test_migration_converts_existing_money_to_fen_and_back(tmp_path):
    with empty_database(tmp_path) as config:
        command.upgrade(config, "79e1f86e7144")
        with db.engine.begin() as conn:
            _old_rows(conn)
        command.upgrade(config, "inputs_exact_money")
        with db.engine.connect() as conn:
            fen = conn.scalars(text("SELECT amount FROM payments ORDER BY id")).all()
            assert fen == [1234567890123, 10, 99999999999999]
            assert conn.scalar(select(money_sum(Payment.amount))) == Decimal("1012345678901.32")
        command.downgrade(config, "79e1f86e7144")
        with db.engine.connect() as conn:
            back = conn.scalars(text("SELECT amount FROM payments ORDER BY id")).all()
            assert [Decimal(str(v)).quantize(Decimal("0.01")) for v in back][:2] == [BIG, Decimal("0.10")]


def test_insert_through_core_uses_the_type(app, make_user):
    payer = make_user(Role.ENTERPRISE)
    db.session.execute(insert(Payment).values(payer_id=payer.id, amount=BIG, reference="core"))
    assert db.session.scalar(select(Payment.amount)) == BIG
