"""Payment claims and their confirmation (Patent Law 2020 Art. 51: the licence needs the payment, not a
typed reference): the payer claims, the receiving side confirms or disputes (Art. 52)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.errors import Forbidden, RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.licences.models import Licence, Payment, PaymentStatus
from app.payments.models import PaymentDispute
from app.pools.models import PoolLicence, PoolPayment

REASON_MAX = 2000
# What a licence (or pool licence) becomes when the payment due at taking changes state.
HOLDER_FOLLOWS = {
    PaymentStatus.CONFIRMED: "in_force",
    PaymentStatus.DISPUTED: "disputed",
    PaymentStatus.REFUNDED: "cancelled",
}


def holder_of(payment: Payment) -> Licence | PoolLicence | None:
    """The licence whose coming into force waits for this payment (the payment due at taking)."""
    if payment.purpose == "licence":
        return payment.licence
    if payment.purpose == "pool_licence":
        stmt = select(PoolLicence).join(PoolPayment, PoolPayment.pool_licence_id == PoolLicence.id)
        return db.session.scalar(stmt.where(PoolPayment.payment_id == payment.id))
    return None


def set_status(payment: Payment, status: PaymentStatus, now: datetime) -> None:
    """Move the payment and the licence that waits for it together."""
    payment.status = status
    holder = holder_of(payment)
    if holder is not None:
        holder.status = type(holder.status)(HOLDER_FOLLOWS[status])
        if status is PaymentStatus.CONFIRMED:
            holder.in_force_at = now


def confirm(payment: Payment, by: User | None, via: str) -> Payment:
    """Record the confirmation (by the payee, a provider or mediation); the licence goes into force."""
    now = clock.now()
    payment.confirmed_at, payment.confirmed_via = now, via
    payment.confirmed_by_id = by.id if by is not None else None
    set_status(payment, PaymentStatus.CONFIRMED, now)
    db.session.flush()
    return payment


def payment_for_payee(actor: User, payment_id: int) -> Payment:
    """A payment the actor received (only the payee may confirm or dispute it); 404 / 403 otherwise."""
    payment = get_or_404(Payment, payment_id, _("付款记录不存在。"))
    if actor.id == payment.payer_id:
        raise Forbidden(
            _("付款方不能确认或争议自己的付款；须由收款方确认（《专利法》（2020年）第五十一条）。")
        )
    if actor.id != payment.payee_id:
        raise Forbidden(_("只有收款方（专利权人或专利池运营中心）可以确认或争议该付款。"))
    return payment


def _require_claimed(payment: Payment) -> None:
    if payment.status is not PaymentStatus.CLAIMED:
        raise RuleViolation(
            _("该付款已处理（%(s)s），不能再确认或提出争议。", s=_(payment.status.label)),
            rule="payment_claimed",
        )


def confirm_payment(actor: User, payment_id: int) -> Payment:
    """The payee confirms receipt; a licence waiting for this payment goes into force (Art. 51)."""
    payment = payment_for_payee(actor, payment_id)
    _require_claimed(payment)
    return confirm(payment, actor, "payee")


def dispute_payment(actor: User, payment_id: int, reason: str) -> PaymentDispute:
    """The payee disputes the claim; the case goes to the operator's mediation queue (Art. 52)."""
    payment = payment_for_payee(actor, payment_id)
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX:
        raise ValidationFailed(
            _("请说明争议理由。"), {"reason": _("请填写争议理由（最多 %(n)s 个字符）。", n=REASON_MAX)}
        )
    _require_claimed(payment)
    now = clock.now()
    dispute = PaymentDispute(payment=payment, raised_by_id=actor.id, reason=reason, raised_at=now)
    db.session.add(dispute)
    set_status(payment, PaymentStatus.DISPUTED, now)
    db.session.flush()
    return dispute


def upfront_payment_of(actor: User, licence_id: int) -> Payment:
    """The payment claimed with a licence's notice, for its patentee to confirm or dispute."""
    licence = get_or_404(Licence, licence_id, _("许可不存在。"))
    if actor.id != licence.declaration.owner_id:
        raise Forbidden(_("只有该许可的专利权人可以确认或争议其付款。"))
    payment = licence.upfront_payment
    if payment is None:
        raise RuleViolation(_("该许可在获取时无需付款，没有待确认的付款。"), rule="payment_claimed")
    return payment


def confirm_licence_payment(actor: User, licence_id: int) -> Licence:
    """The licence's patentee confirms the payment claimed with the notice; the licence goes into force."""
    payment = upfront_payment_of(actor, licence_id)
    confirm_payment(actor, payment.id)
    return payment.licence  # type: ignore[return-value]


def dispute_licence_payment(actor: User, licence_id: int, reason: str) -> Licence:
    """The licence's patentee disputes the payment claimed with the notice (Art. 52)."""
    payment = upfront_payment_of(actor, licence_id)
    dispute_payment(actor, payment.id, reason)
    return payment.licence  # type: ignore[return-value]


def dispute_of(payment: Payment) -> PaymentDispute | None:
    return db.session.scalar(select(PaymentDispute).where(PaymentDispute.payment_id == payment.id))


def shown_on(payment_id: int) -> tuple[str, dict[str, Any]]:
    """The page (endpoint, arguments) where a payment is listed: its licence, or its pool's ledger."""
    payment = db.session.get(Payment, payment_id)
    if payment is not None and payment.licence_id is not None:
        return "licences.detail", {"licence_id": payment.licence_id}
    line = db.session.scalar(select(PoolPayment).where(PoolPayment.payment_id == payment_id))
    if line is not None:
        return "pools.ledger", {"pool_id": line.pool_id}
    return "market.dashboard", {}
