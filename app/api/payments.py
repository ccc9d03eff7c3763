"""Payments over the API: the receiving side confirms or disputes; the provider's signed webhook."""

from __future__ import annotations

from typing import Literal

from flask import jsonify, request
from flask_babel import lazy_gettext as _l
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, bp, token_required
from app.api.licences import Licence, Payment
from app.api.schema import In, NonBlank, Out, operation
from app.auth.models import Role
from app.extensions import db
from app.payments import services as svc
from app.payments.provider import configured_provider
from app.payments.webhook import apply_callback

PAYEES = (Role.PATENTEE, Role.OPERATOR)


class DisputeReason(In):
    problem = _l("请说明争议理由。")
    reason: NonBlank = Field(json_schema_extra={"maxLength": svc.REASON_MAX})


class PaymentCallback(In):
    """The provider's callback body; checked by app.payments.webhook after its signature (raw bytes)."""

    event_id: str = Field(max_length=100)
    licence_id: int
    amount: str = Field(examples=["50000.00"])
    currency: Literal["CNY"] = "CNY"


class CallbackAnswer(Out):
    payment: Payment
    applied: bool = Field(description="false: this event_id was applied before, nothing changed")


@bp.post("/licences/<int:licence_id>/confirm-payment")
@token_required(Role.PATENTEE)
def licences_confirm_payment(licence_id: int) -> Response:
    licence = svc.confirm_licence_payment(api_user(), licence_id)
    db.session.commit()
    return jsonify(Licence.of(licence).dump())


@bp.post("/licences/<int:licence_id>/dispute")
@token_required(Role.PATENTEE)
def licences_dispute(licence_id: int) -> Response:
    licence = svc.dispute_licence_payment(api_user(), licence_id, DisputeReason.parse().reason)
    db.session.commit()
    return jsonify(Licence.of(licence).dump())


@bp.post("/payments/<int:payment_id>/confirm")
@token_required(*PAYEES)
def payments_confirm(payment_id: int) -> Response:
    payment = svc.confirm_payment(api_user(), payment_id)
    db.session.commit()
    return jsonify(Payment.of(payment).dump())


@bp.post("/payments/<int:payment_id>/dispute")
@token_required(*PAYEES)
def payments_dispute(payment_id: int) -> Response:
    dispute = svc.dispute_payment(api_user(), payment_id, DisputeReason.parse().reason)
    db.session.commit()
    return jsonify(Payment.of(dispute.payment).dump())


@bp.post("/payments/webhook")
def payments_webhook() -> tuple[Response, int]:
    payment, applied = apply_callback(configured_provider(), request.headers, request.get_data())
    db.session.commit()
    return jsonify(CallbackAnswer(payment=Payment.of(payment), applied=applied).dump()), 200


ERRORS = ("401", "403", "404", "409", "422")
operation(
    "/licences/{id}/confirm-payment",
    "post",
    "The licence's patentee confirms receipt of the payment due at taking; the licence goes into force "
    "(Patent Law 2020 Art. 51). Patentee of that licence only.",
    {"200": ("Confirmed", Licence)},
    errors=ERRORS,
)
operation(
    "/licences/{id}/dispute",
    "post",
    "The licence's patentee disputes the claimed payment; the case goes to the operators' mediation queue "
    "(Patent Law 2020 Art. 52). Patentee of that licence only.",
    {"200": ("Disputed", Licence)},
    body=DisputeReason,
    errors=ERRORS,
)
operation(
    "/payments/{id}/confirm",
    "post",
    "The payee (patentee for licence and sales-report payments, the pool's operator for pool payments) "
    "confirms receipt of a claimed payment",
    {"200": ("Confirmed", Payment)},
    errors=ERRORS,
)
operation(
    "/payments/{id}/dispute",
    "post",
    "The payee disputes a claimed payment; it goes to the mediation queue (Art. 52)",
    {"200": ("Disputed", Payment)},
    body=DisputeReason,
    errors=ERRORS,
)
operation(
    "/payments/webhook",
    "post",
    "Payment provider callback (no bearer token): HMAC-SHA256 over '<timestamp>.' + body with "
    "PAYMENT_WEBHOOK_SECRET, headers X-OLE-Timestamp (unix seconds, within "
    "PAYMENT_WEBHOOK_TOLERANCE_SECONDS) and X-OLE-Signature: sha256=<hex>; confirms the licence's claimed "
    "payment; idempotent on event_id. 404 while no secret is configured.",
    {"200": ("Applied, or already applied (applied: false)", CallbackAnswer)},
    body=PaymentCallback,
    params=[
        {"name": "X-OLE-Timestamp", "in": "header", "required": True, "schema": {"type": "string"}},
        {"name": "X-OLE-Signature", "in": "header", "required": True, "schema": {"type": "string"}},
    ],
    errors=ERRORS,
    security=[],
)
