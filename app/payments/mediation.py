"""The operator's queue: disputed payments to mediate (Patent Law 2020 Art. 52) and overdue claims."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import Select, select

from app import clock
from app.auth.models import Role, User
from app.errors import Forbidden, RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.licences.models import Payment, PaymentStatus
from app.payments.models import DisputeOutcome, DisputeRoute, PaymentDispute
from app.payments.services import confirm, set_status

NOTE_MAX = 2000


def _require_operator(actor: User) -> None:
    if not actor.has_role(Role.OPERATOR):
        raise Forbidden(_("只有运营中心或管理员可以处理付款争议。"))


def open_disputes(actor: User) -> list[PaymentDispute]:
    """Disputes not yet resolved, oldest first."""
    _require_operator(actor)
    stmt = select(PaymentDispute).where(PaymentDispute.resolved_at.is_(None)).order_by(PaymentDispute.id)
    return list(db.session.scalars(stmt))


def resolved_disputes(actor: User, limit: int = 20) -> list[PaymentDispute]:
    """The most recently resolved disputes."""
    _require_operator(actor)
    stmt = select(PaymentDispute).where(PaymentDispute.resolved_at.is_not(None))
    return list(db.session.scalars(stmt.order_by(PaymentDispute.resolved_at.desc()).limit(limit)))


def _overdue_stmt(now: datetime, days: int) -> Select[Payment]:
    cutoff = now - timedelta(days=days)
    return select(Payment).where(Payment.status == PaymentStatus.CLAIMED, Payment.paid_at <= cutoff)


def overdue_claims(actor: User, days: int) -> list[Payment]:
    """Claims neither confirmed nor disputed within ``days`` days, oldest first."""
    _require_operator(actor)
    return list(db.session.scalars(_overdue_stmt(clock.now(), days).order_by(Payment.paid_at)))


def alert_overdue(days: int) -> list[Payment]:
    """Mark overdue claims not yet alerted as alerted now and return them (each claim alerts once)."""
    now = clock.now()
    stmt = _overdue_stmt(now, days).where(Payment.overdue_alerted_at.is_(None))
    payments = list(db.session.scalars(stmt.order_by(Payment.paid_at)))
    for payment in payments:
        payment.overdue_alerted_at = now
    db.session.flush()
    return payments


def _check_resolution(actor: User, dispute: PaymentDispute, note: str) -> None:
    if dispute.resolved_at is not None:
        raise RuleViolation(_("该争议已处理完毕。"), rule="dispute_open")
    if actor.id in (dispute.payment.payer_id, dispute.payment.payee_id):
        raise Forbidden(_("争议当事方不能处理自己的争议，请由其他运营中心或管理员处理。"))
    if len(note) > NOTE_MAX:
        raise ValidationFailed(_("处理说明过长。"), {"note": _("最多 %(n)s 个字符。", n=NOTE_MAX)})


def resolve_dispute(
    actor: User, dispute_id: int, route: DisputeRoute, outcome: DisputeOutcome, note: str
) -> PaymentDispute:
    """Record how the case ended (Art. 52: negotiation, CNIPA mediation or a court) and apply it."""
    _require_operator(actor)
    dispute = get_or_404(PaymentDispute, dispute_id, _("争议不存在。"))
    note = note.strip()
    _check_resolution(actor, dispute, note)
    dispute.route, dispute.outcome, dispute.outcome_note = route, outcome, note
    dispute.resolved_at, dispute.resolved_by_id = clock.now(), actor.id
    if outcome is DisputeOutcome.CONFIRMED:
        confirm(dispute.payment, actor, "mediation")
    else:
        set_status(dispute.payment, PaymentStatus.REFUNDED, dispute.resolved_at)
    db.session.flush()
    return dispute
