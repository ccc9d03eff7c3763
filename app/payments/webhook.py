"""Applying a payment provider's signed callback: the licence's claimed payment is confirmed once."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from app.errors import RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.licences.models import Licence, Payment, PaymentStatus
from app.payments.models import ProviderEvent
from app.payments.provider import ConfirmedPayment, Headers, PaymentProvider
from app.payments.services import confirm
from app.savepoint import create_once


def _seen(provider: str, event_id: str) -> ProviderEvent | None:
    stmt = select(ProviderEvent).where(ProviderEvent.provider == provider, ProviderEvent.event_id == event_id)
    return db.session.scalar(stmt)


def _pending_payment(event: ConfirmedPayment) -> Payment:
    licence = get_or_404(Licence, event.licence_id, _("许可不存在。"))
    payment = licence.upfront_payment
    if payment is None or payment.status is not PaymentStatus.CLAIMED:
        raise RuleViolation(_("该许可没有待确认的付款。"), rule="payment_claimed")
    if event.amount != payment.amount:
        raise ValidationFailed(
            _("回调金额与应付金额不符。"), {"amount": _("应为 ¥%(due)s。", due=f"{payment.amount:,.2f}")}
        )
    return payment


def apply_callback(provider: PaymentProvider, headers: Headers, body: bytes) -> tuple[Payment, bool]:
    """Verify a callback and confirm the licence's payment; (payment, applied now). A repeat is a no-op."""
    event = provider.verify_callback(headers, body)
    if (seen := _seen(provider.name, event.event_id)) is not None:
        return seen.payment, False
    payment = _pending_payment(event)

    def apply() -> ProviderEvent:
        row = ProviderEvent(provider=provider.name, event_id=event.event_id, payment=payment)
        db.session.add(row)
        confirm(payment, None, "provider")
        return row

    # The same event delivered twice at once: the other delivery applied it.
    row, applied = create_once(apply, lambda: _seen(provider.name, event.event_id))
    return row.payment, applied
