"""Payments over the API: the receiving side confirms or disputes; the provider's signed webhook."""

from __future__ import annotations

from typing import Literal

from flask import request
from flask_babel import lazy_gettext as _l
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, token_required
from app.api.licences import Licence, Payment
from app.api.schema import In, NonBlank, Out, api_route, committed
from app.auth.models import Role
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


@api_route("post", "/licences/<int:licence_id>/confirm-payment", {"200": ("Confirmed", Licence)})
@token_required(Role.PATENTEE)
def licences_confirm_payment(licence_id: int) -> tuple[Response, int]:
    """The licence's patentee confirms receipt of the payment due at taking; the licence goes into force
    (Patent Law 2020 Art. 51). Patentee of that licence only."""
    return committed(Licence.of(svc.confirm_licence_payment(api_user(), licence_id)))


@api_route("post", "/licences/<int:licence_id>/dispute", {"200": ("Disputed", Licence)}, body=DisputeReason)
@token_required(Role.PATENTEE)
def licences_dispute(licence_id: int) -> tuple[Response, int]:
    """The licence's patentee disputes the claimed payment; the case goes to the operators' mediation queue
    (Patent Law 2020 Art. 52). Patentee of that licence only."""
    licence = svc.dispute_licence_payment(api_user(), licence_id, DisputeReason.parse().reason)
    return committed(Licence.of(licence))


@api_route("post", "/payments/<int:payment_id>/confirm", {"200": ("Confirmed", Payment)})
@token_required(*PAYEES)
def payments_confirm(payment_id: int) -> tuple[Response, int]:
    """The payee (patentee for licence and sales-report payments, the pool's operator for pool payments)
    confirms receipt of a claimed payment"""
    return committed(Payment.of(svc.confirm_payment(api_user(), payment_id)))


@api_route("post", "/payments/<int:payment_id>/dispute", {"200": ("Disputed", Payment)}, body=DisputeReason)
@token_required(*PAYEES)
def payments_dispute(payment_id: int) -> tuple[Response, int]:
    """The payee disputes a claimed payment; it goes to the mediation queue (Art. 52)"""
    dispute = svc.dispute_payment(api_user(), payment_id, DisputeReason.parse().reason)
    return committed(Payment.of(dispute.payment))


@api_route(
    "post",
    "/payments/webhook",
    {"200": ("Applied, or already applied (applied: false)", CallbackAnswer)},
    body=PaymentCallback,
    params=[
        {"name": "X-OLE-Timestamp", "in": "header", "required": True, "schema": {"type": "string"}},
        {"name": "X-OLE-Signature", "in": "header", "required": True, "schema": {"type": "string"}},
    ],
    security=[],
)
def payments_webhook() -> tuple[Response, int]:
    """Payment provider callback (no bearer token): HMAC-SHA256 over '<timestamp>.' + body with
    PAYMENT_WEBHOOK_SECRET, headers X-OLE-Timestamp (unix seconds, within PAYMENT_WEBHOOK_TOLERANCE_SECONDS)
    and X-OLE-Signature: sha256=<hex>; confirms the licence's claimed payment; idempotent on event_id. 404
    while no secret is configured."""
    payment, applied = apply_callback(configured_provider(), request.headers, request.get_data())
    return committed(CallbackAnswer(payment=Payment.of(payment), applied=applied))
