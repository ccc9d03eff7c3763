"""Payments over the API: the receiving side confirms or disputes; the provider's signed webhook."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from werkzeug.wrappers import Response

from app.api.core import ERROR_RESPONSE, api_user, bp, document, json_body, token_required
from app.api.licences import licence_json, payment_json
from app.auth.models import Role
from app.errors import ValidationFailed
from app.extensions import db
from app.payments import services as svc
from app.payments.provider import configured_provider
from app.payments.webhook import apply_callback

PAYEES = (Role.PATENTEE, Role.OPERATOR)


def _reason() -> str:
    reason = json_body().get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ValidationFailed("请说明争议理由。", {"reason": "必填，字符串。"})
    return reason


@bp.post("/licences/<int:licence_id>/confirm-payment")
@token_required(Role.PATENTEE)
def licences_confirm_payment(licence_id: int) -> Response:
    licence = svc.confirm_licence_payment(api_user(), licence_id)
    db.session.commit()
    return jsonify(licence_json(licence))


@bp.post("/licences/<int:licence_id>/dispute")
@token_required(Role.PATENTEE)
def licences_dispute(licence_id: int) -> Response:
    licence = svc.dispute_licence_payment(api_user(), licence_id, _reason())
    db.session.commit()
    return jsonify(licence_json(licence))


@bp.post("/payments/<int:payment_id>/confirm")
@token_required(*PAYEES)
def payments_confirm(payment_id: int) -> Response:
    payment = svc.confirm_payment(api_user(), payment_id)
    db.session.commit()
    return jsonify(payment_json(payment))


@bp.post("/payments/<int:payment_id>/dispute")
@token_required(*PAYEES)
def payments_dispute(payment_id: int) -> Response:
    dispute = svc.dispute_payment(api_user(), payment_id, _reason())
    db.session.commit()
    return jsonify(payment_json(dispute.payment))


@bp.post("/payments/webhook")
def payments_webhook() -> tuple[Response, int]:
    payment, applied = apply_callback(configured_provider(), request.headers, request.get_data())
    db.session.commit()
    return jsonify({"payment": payment_json(payment), "applied": applied}), 200


ERRORS = {code: ERROR_RESPONSE for code in ("401", "403", "404", "409", "422")}
PAY = {"application/json": {"schema": {"$ref": "#/components/schemas/Payment"}}}
LIC = {"application/json": {"schema": {"$ref": "#/components/schemas/Licence"}}}


def _id(name: str) -> list[dict[str, Any]]:
    return [{"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}]


REASON = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"reason": {"type": "string", "maxLength": svc.REASON_MAX}},
                "required": ["reason"],
            }
        }
    },
}
document(
    "/licences/{id}/confirm-payment",
    "post",
    {
        "summary": "The licence's patentee confirms receipt of the payment due at taking; the licence goes "
        "into force (Patent Law 2020 Art. 51). Patentee of that licence only.",
        "parameters": _id("id"),
        "responses": {"200": {"description": "Confirmed", "content": LIC}, **ERRORS},
    },
)
document(
    "/licences/{id}/dispute",
    "post",
    {
        "summary": "The licence's patentee disputes the claimed payment; the case goes to the operators' "
        "mediation queue (Patent Law 2020 Art. 52). Patentee of that licence only.",
        "parameters": _id("id"),
        "requestBody": REASON,
        "responses": {"200": {"description": "Disputed", "content": LIC}, **ERRORS},
    },
)
document(
    "/payments/{id}/confirm",
    "post",
    {
        "summary": "The payee (patentee for licence and sales-report payments, the pool's operator for pool "
        "payments) confirms receipt of a claimed payment",
        "parameters": _id("id"),
        "responses": {"200": {"description": "Confirmed", "content": PAY}, **ERRORS},
    },
)
document(
    "/payments/{id}/dispute",
    "post",
    {
        "summary": "The payee disputes a claimed payment; it goes to the mediation queue (Art. 52)",
        "parameters": _id("id"),
        "requestBody": REASON,
        "responses": {"200": {"description": "Disputed", "content": PAY}, **ERRORS},
    },
)
document(
    "/payments/webhook",
    "post",
    {
        "summary": "Payment provider callback (no bearer token): HMAC-SHA256 over '<timestamp>.' + body with "
        "PAYMENT_WEBHOOK_SECRET, headers X-OLE-Timestamp (unix seconds, within "
        "PAYMENT_WEBHOOK_TOLERANCE_SECONDS) and X-OLE-Signature: sha256=<hex>; confirms the licence's "
        "claimed payment; idempotent on event_id. 404 while no secret is configured.",
        "security": [],
        "parameters": [
            {"name": "X-OLE-Timestamp", "in": "header", "required": True, "schema": {"type": "string"}},
            {"name": "X-OLE-Signature", "in": "header", "required": True, "schema": {"type": "string"}},
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "event_id": {"type": "string", "maxLength": 100},
                            "licence_id": {"type": "integer"},
                            "amount": {"type": "string", "example": "50000.00"},
                            "currency": {"type": "string", "enum": ["CNY"]},
                        },
                        "required": ["event_id", "licence_id", "amount"],
                    }
                }
            },
        },
        "responses": {
            "200": {"description": "Applied, or already applied (applied: false)"},
            **ERRORS,
        },
    },
)
