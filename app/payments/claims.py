"""Claiming a payment: the payer's side of it (Patent Law 2020 Art. 51), shared by licences, sales reports
and pools. Imports no other domain, so every domain may use it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.errors import ValidationFailed
from app.extensions import db
from app.licences.models import Payment, PaymentStatus


@dataclass(frozen=True)
class ReceiptMeta:
    """A stored receipt: its SHA-256 (the file name under RECEIPT_DIR), the sender's name, the type."""

    sha256: str
    name: str
    content_type: str


def new_claim(
    payer: User,
    payee_id: int,
    amount: Decimal,
    reference: str,
    purpose: str,
    receipt: ReceiptMeta | None = None,
) -> Payment:
    """A claimed payment awaiting the payee's confirmation (not added to the session)."""
    payment = Payment(
        payer_id=payer.id,
        payee_id=payee_id,
        amount=amount,
        currency="CNY",
        reference=reference,
        purpose=purpose,
        paid_at=clock.now(),
        status=PaymentStatus.CLAIMED,
    )
    if receipt is not None:
        payment.receipt_sha256, payment.receipt_name = receipt.sha256, receipt.name
        payment.receipt_type = receipt.content_type
    return payment


def reference_taken(reference: str) -> bool:
    """Whether a payment with this reference was already claimed."""
    return db.session.scalar(select(Payment.id).where(Payment.reference == reference)) is not None


def require_reference(reference: str) -> str:
    """The payer's payment reference, stripped; 422 naming the field when empty or too long."""
    reference = reference.strip()
    if not reference:
        raise ValidationFailed(
            _("请填写付款凭证号（银行流水号等）。"), {"payment_reference": _("请填写付款凭证号。")}
        )
    if len(reference) > 100:
        raise ValidationFailed(_("付款凭证号过长。"), {"payment_reference": _("最多 100 个字符。")})
    return reference
