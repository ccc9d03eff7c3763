"""Claims are confirmed or disputed by the receiving side only; mediation; overdue alerts (issue 8 §3)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app import clock
from app.auth.models import Role
from app.declarations.models import FeeMethod
from app.errors import Forbidden, RuleViolation, ValidationFailed
from app.extensions import db
from app.licences.models import LicenceStatus, PaymentStatus
from app.licences.services import file_sales_report, take_licence
from app.patents.models import PatentKind
from app.payments import mediation
from app.payments.models import DisputeOutcome, DisputeRoute, PaymentDispute
from app.payments.services import confirm_payment, dispute_payment
from app.stats.services import StatsFilter, market_stats
from tests.declarations.helpers import publish
from tests.payments.helpers import DUE, claimed_licence
from tests.rows import count


@pytest.fixture
def enterprise(make_user):
    return make_user(Role.ENTERPRISE)


def test_patentee_confirms_and_the_licence_goes_into_force(app, make_declaration, enterprise):
    licence = claimed_licence(make_declaration, enterprise)
    payment = licence.upfront_payment
    assert licence.status is LicenceStatus.PAYMENT_PENDING and licence.in_force_at is None
    assert market_stats(StatsFilter()).licence_payments == Decimal("0.00")  # a claim is not counted
    confirm_payment(licence.declaration.owner, payment.id)
    db.session.commit()
    assert licence.status is LicenceStatus.IN_FORCE and licence.in_force_at == payment.confirmed_at
    assert (payment.status, payment.confirmed_via, payment.confirmed_by_id) == (
        PaymentStatus.CONFIRMED,
        "payee",
        licence.declaration.owner_id,
    )
    assert market_stats(StatsFilter()).licence_payments == DUE


@pytest.mark.parametrize(
    "fields",
    [
        {"fee_method": FeeMethod.RUNNING_ROYALTY, "lump_sum": None, "royalty_rate_pct": Decimal("3")},
        {"fee_method": FeeMethod.PER_UNIT, "lump_sum": None, "unit_fee": Decimal("2.50")},
    ],
)
def test_nothing_due_at_taking_is_in_force_at_once(app, make_declaration, enterprise, fields):
    decl = publish(make_declaration(**fields))
    licence, created = take_licence(enterprise, decl.id, "书面通知", "", None)
    assert created and licence.status is LicenceStatus.IN_FORCE and licence.payments == []


@pytest.mark.parametrize("who", ["licensee", "other_patentee", "operator", "admin"])
def test_only_the_patentee_may_confirm_or_dispute(app, make_declaration, make_user, enterprise, who):
    licence = claimed_licence(make_declaration, enterprise)
    actor = {
        "licensee": enterprise,
        "other_patentee": make_user(Role.PATENTEE),
        "operator": make_user(Role.OPERATOR),
        "admin": make_user(Role.ADMIN),
    }[who]
    payment_id = licence.upfront_payment.id
    with pytest.raises(Forbidden):
        confirm_payment(actor, payment_id)
    with pytest.raises(Forbidden):
        dispute_payment(actor, payment_id, "没有收到")
    db.session.rollback()
    assert licence.upfront_payment.status is PaymentStatus.CLAIMED and count(PaymentDispute) == 0


def test_a_settled_payment_cannot_be_confirmed_or_disputed_again(app, make_declaration, enterprise):
    licence = claimed_licence(make_declaration, enterprise)
    owner, payment_id = licence.declaration.owner, licence.upfront_payment.id
    confirm_payment(owner, payment_id)
    for action in (
        lambda: confirm_payment(owner, payment_id),
        lambda: dispute_payment(owner, payment_id, "x"),
    ):
        with pytest.raises(RuleViolation) as err:
            action()
        assert err.value.rule == "payment_claimed"


@pytest.mark.parametrize("reason", ["", "   ", "理" * 2001])
def test_dispute_needs_a_reason(app, make_declaration, enterprise, reason):
    licence = claimed_licence(make_declaration, enterprise)
    with pytest.raises(ValidationFailed) as err:
        dispute_payment(licence.declaration.owner, licence.upfront_payment.id, reason)
    assert "reason" in err.value.fields and count(PaymentDispute) == 0


@pytest.mark.parametrize(
    ("outcome", "payment_status", "licence_status"),
    [
        (DisputeOutcome.CONFIRMED, PaymentStatus.CONFIRMED, LicenceStatus.IN_FORCE),
        (DisputeOutcome.REFUNDED, PaymentStatus.REFUNDED, LicenceStatus.CANCELLED),
    ],
)
def test_dispute_goes_to_mediation_and_the_outcome_applies(
    app, make_declaration, make_user, enterprise, outcome, payment_status, licence_status
):
    licence = claimed_licence(make_declaration, enterprise)
    dispute = dispute_payment(licence.declaration.owner, licence.upfront_payment.id, "银行未到账")
    db.session.commit()
    assert licence.status is LicenceStatus.DISPUTED
    operator = make_user(Role.OPERATOR)
    assert mediation.open_disputes(operator) == [dispute]
    mediation.resolve_dispute(operator, dispute.id, DisputeRoute.CNIPA_MEDIATION, outcome, "调解协议")
    db.session.commit()
    assert (licence.upfront_payment.status, licence.status) == (payment_status, licence_status)
    assert mediation.open_disputes(operator) == [] and mediation.resolved_disputes(operator) == [dispute]
    with pytest.raises(RuleViolation):
        mediation.resolve_dispute(operator, dispute.id, DisputeRoute.COURT, outcome, "")


def test_mediation_is_for_operators_who_are_not_a_party(app, make_declaration, make_user, enterprise):
    licence = claimed_licence(make_declaration, enterprise)
    dispute = dispute_payment(licence.declaration.owner, licence.upfront_payment.id, "金额不符")
    for actor in (enterprise, licence.declaration.owner):
        with pytest.raises(Forbidden):
            mediation.open_disputes(actor)
        with pytest.raises(Forbidden):
            mediation.resolve_dispute(
                actor, dispute.id, DisputeRoute.NEGOTIATION, DisputeOutcome.CONFIRMED, ""
            )
    with pytest.raises(ValidationFailed):
        mediation.resolve_dispute(
            make_user(Role.OPERATOR), dispute.id, DisputeRoute.COURT, DisputeOutcome.REFUNDED, "x" * 2001
        )
    assert dispute.resolved_at is None


def test_overdue_claims_alert_once(app, make_declaration, make_patent, make_user, enterprise):
    licence = claimed_licence(make_declaration, enterprise)
    other = make_patent(publication_number="CN215792497U", kind=PatentKind.INVENTION)
    settled = claimed_licence(make_declaration, make_user(Role.ENTERPRISE), "BANK-2", other)
    confirm_payment(settled.declaration.owner, settled.upfront_payment.id)
    db.session.commit()
    operator, days = make_user(Role.OPERATOR), app.config["PAYMENT_CONFIRM_DAYS"]
    with clock.travel(clock.now() + timedelta(days=days - 1)):
        assert mediation.alert_overdue(days) == [] and mediation.overdue_claims(operator, days) == []
    with clock.travel(clock.now() + timedelta(days=days, minutes=1)):
        assert mediation.alert_overdue(days) == [licence.upfront_payment]
        assert licence.upfront_payment.overdue_alerted_at is not None
        assert mediation.alert_overdue(days) == []  # idempotent: alerted once
        assert mediation.overdue_claims(operator, days) == [licence.upfront_payment]  # still listed


def test_overdue_command_is_idempotent(app, make_declaration, enterprise):
    claimed_licence(make_declaration, enterprise)
    runner = app.test_cli_runner()
    with clock.travel(clock.now() + timedelta(days=16)):
        first = runner.invoke(args=["payments", "overdue"])
        second = runner.invoke(args=["payments", "overdue"])
    assert first.exit_code == 0 and "BANK-2026-0001" in first.output and first.output.count("payment=") == 1
    assert second.exit_code == 0 and "payment=" not in second.output and second.output.startswith("0 ")


def test_sales_report_payment_is_claimed_then_confirmed_by_the_patentee(app, make_declaration, enterprise):
    fields = {"fee_method": FeeMethod.RUNNING_ROYALTY, "lump_sum": None, "royalty_rate_pct": Decimal("3.50")}
    decl = publish(make_declaration(**fields))
    licence, _ = take_licence(enterprise, decl.id, "书面通知", "", None)
    report = file_sales_report(
        enterprise,
        licence.id,
        decl.period_start,
        decl.period_start + timedelta(days=89),
        Decimal("200000"),
        0,
        "R-1",
    )
    db.session.commit()
    assert (report.payment.status, report.payment.payee_id) == (PaymentStatus.CLAIMED, decl.owner_id)
    assert market_stats(StatsFilter()).licence_payments == Decimal("0.00")
    with pytest.raises(Forbidden):
        confirm_payment(enterprise, report.payment.id)
    confirm_payment(decl.owner, report.payment.id)
    assert market_stats(StatsFilter()).licence_payments == Decimal("7000.00")
    assert licence.status is LicenceStatus.IN_FORCE  # a royalty payment does not move the licence
