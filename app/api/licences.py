"""Licences over the API: take a licence (notice + payment, idempotent), list, read, sales reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

from app.api.core import (
    ERROR_RESPONSE,
    api_user,
    bp,
    document,
    json_body,
    money_str,
    parse_date,
    parse_decimal,
    schema,
    token_required,
)
from app.auth.models import Role
from app.errors import ValidationFailed
from app.extensions import db
from app.licences import services as svc
from app.licences.models import Licence, LicenceStatus, Payment, PaymentStatus, SalesReport
from app.payments.services import dispute_of


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def payment_json(p: Payment) -> dict[str, Any]:
    """A payment: the payer's claim, and its confirmation or dispute by the receiving side."""
    dispute = dispute_of(p)
    return {
        "id": p.id,
        "amount": money_str(p.amount),
        "currency": p.currency,
        "reference": p.reference,
        "purpose": p.purpose,
        "status": p.status.value,
        "paid_at": p.paid_at.isoformat(),
        "claimed_at": p.claimed_at.isoformat(),
        "confirmed_at": _at(p.confirmed_at),
        "confirmed_via": p.confirmed_via or None,
        "receipt_sha256": p.receipt_sha256 or None,
        "disputed_at": _at(dispute.raised_at) if dispute else None,
        "disputed_reason": dispute.reason if dispute else None,
        "dispute_outcome": dispute.outcome.value if dispute and dispute.outcome else None,
    }


def report_json(r: SalesReport) -> dict[str, Any]:
    return {
        "id": r.id,
        "licence_id": r.licence_id,
        "period_start": r.period_start.isoformat(),
        "period_end": r.period_end.isoformat(),
        "net_sales": money_str(r.net_sales),
        "units": r.units,
        "fee_due": money_str(r.fee_due),
        "payment": payment_json(r.payment) if r.payment else None,
    }


def licence_json(licence: Licence) -> dict[str, Any]:
    first = licence.upfront_payment
    return {
        "id": licence.id,
        "declaration_id": licence.declaration_id,
        "licensee_id": licence.licensee_id,
        "patentee_id": licence.declaration.owner_id,
        "patent_number": licence.declaration.patent.number,
        "notice": licence.notice,
        "notice_at": licence.notice_at.isoformat(),
        "in_force_at": licence.in_force_at.isoformat() if licence.in_force_at else None,
        "payment_reference": first.reference if first else None,
        "amount": money_str(first.amount) if first else "0.00",
        "currency": "CNY",
        "status": licence.status.value,
        "payment": payment_json(first) if first else None,
        "payments": [payment_json(p) for p in licence.payments],
        "reports": [report_json(r) for r in licence.reports],
    }


def _text(data: dict[str, Any], name: str, errors: dict[str, str]) -> str:
    value = data.get(name) or ""
    if not isinstance(value, str):
        errors[name] = "必须是字符串。"
        return ""
    return value


@bp.post("/declarations/<int:decl_id>/licences")
@token_required(Role.ENTERPRISE)
def licences_take(decl_id: int) -> tuple[Response, int]:
    data = json_body()
    errors: dict[str, str] = {}
    notice, reference = _text(data, "notice", errors), _text(data, "payment_reference", errors)
    amount = parse_decimal(data, "amount", errors)
    if errors:
        raise ValidationFailed("请求参数有误。", errors)
    licence, created = svc.take_licence(api_user(), decl_id, notice, reference, amount)
    db.session.commit()
    return jsonify(licence_json(licence)), 201 if created else 200


@bp.get("/licences")
@token_required(Role.ENTERPRISE, Role.PATENTEE)
def licences_index() -> Response:
    items = [licence_json(licence) for licence in svc.licences_for(api_user())]
    return jsonify({"items": items, "total": len(items)})


@bp.get("/licences/<int:licence_id>")
@token_required(Role.ENTERPRISE, Role.PATENTEE)
def licences_get(licence_id: int) -> Response:
    return jsonify(licence_json(svc.get_licence(api_user(), licence_id)))


@bp.post("/licences/<int:licence_id>/reports")
@token_required(Role.ENTERPRISE)
def licences_report(licence_id: int) -> tuple[Response, int]:
    data = json_body()
    errors: dict[str, str] = {}
    start, end = parse_date(data, "period_start", errors), parse_date(data, "period_end", errors)
    net_sales = parse_decimal(data, "net_sales", errors)
    units = data.get("units", 0)
    for name, value in (("period_start", start), ("period_end", end), ("net_sales", net_sales)):
        if value is None:
            errors.setdefault(name, "必填。")
    if not isinstance(units, int) or isinstance(units, bool):
        errors["units"] = "必须是整数。"
    reference = _text(data, "payment_reference", errors)
    if errors:
        raise ValidationFailed("请求参数有误。", errors)
    assert start is not None and end is not None and net_sales is not None
    report = svc.file_sales_report(api_user(), licence_id, start, end, net_sales, units, reference)
    db.session.commit()
    return jsonify(report_json(report)), 201


MONEY = {"type": "string", "example": "50000.00", "description": "CNY, decimal string"}
AT = {"type": "string", "format": "date-time", "nullable": True}
schema(
    "Payment",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "amount": MONEY,
            "currency": {"type": "string", "example": "CNY"},
            "reference": {"type": "string"},
            "purpose": {
                "type": "string",
                "enum": ["licence", "royalty", "pool_licence", "pool", "cross_balance"],
            },
            "status": {"type": "string", "enum": [s.value for s in PaymentStatus]},
            "claimed_at": {"type": "string", "format": "date-time"},
            "confirmed_at": AT,
            "confirmed_via": {"type": "string", "enum": ["payee", "provider", "mediation"], "nullable": True},
            "receipt_sha256": {"type": "string", "nullable": True},
            "disputed_at": AT,
            "disputed_reason": {"type": "string", "nullable": True},
            "dispute_outcome": {"type": "string", "enum": ["confirmed", "refunded"], "nullable": True},
        },
    },
)
schema(
    "Licence",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "declaration_id": {"type": "integer"},
            "notice": {"type": "string"},
            "notice_at": {"type": "string", "format": "date-time"},
            "in_force_at": AT,
            "payment_reference": {"type": "string", "nullable": True},
            "amount": MONEY,
            "status": {
                "type": "string",
                "enum": [s.value for s in LicenceStatus],
                "description": "payment_pending until the patentee or the payment provider confirms the "
                "payment due at taking; in_force at once when nothing is due",
            },
            "payment": {"allOf": [{"$ref": "#/components/schemas/Payment"}], "nullable": True},
        },
    },
)
schema(
    "SalesReport",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "period_start": {"type": "string", "format": "date"},
            "period_end": {"type": "string", "format": "date"},
            "net_sales": MONEY,
            "units": {"type": "integer"},
            "fee_due": MONEY,
        },
    },
)
LIC = {"application/json": {"schema": {"$ref": "#/components/schemas/Licence"}}}
ERRORS = {code: ERROR_RESPONSE for code in ("401", "403", "404", "409", "422")}
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]


def _body(props: dict[str, Any], required: list[str]) -> dict[str, Any]:
    body = {"type": "object", "properties": props, "required": required}
    return {"required": True, "content": {"application/json": {"schema": body}}}


document(
    "/declarations/{id}/licences",
    "post",
    {
        "summary": "Take a licence: written notice + the claimed payment due now (lump sum or entry fee); "
        "payment_pending until the patentee confirms; idempotent, also under concurrent duplicates",
        "parameters": ID,
        "requestBody": _body(
            {"notice": {"type": "string"}, "payment_reference": {"type": "string"}, "amount": MONEY},
            ["notice"],
        ),
        "responses": {
            "201": {"description": "Licence taken", "content": LIC},
            "200": {"description": "Already taken: the same licence, nothing recorded", "content": LIC},
            **ERRORS,
        },
    },
)
document(
    "/licences",
    "get",
    {
        "summary": "Licences where the caller is licensee or patentee",
        "responses": {"200": {"description": "OK"}, **ERRORS},
    },
)
document(
    "/licences/{id}",
    "get",
    {
        "summary": "One licence (parties only)",
        "parameters": ID,
        "responses": {"200": {"description": "OK", "content": LIC}, **ERRORS},
    },
)
document(
    "/licences/{id}/reports",
    "post",
    {
        "summary": "File a sales report; fee_due is computed from the announced standard",
        "parameters": ID,
        "requestBody": _body(
            {
                "period_start": {"type": "string", "format": "date"},
                "period_end": {"type": "string", "format": "date"},
                "net_sales": MONEY,
                "units": {"type": "integer", "minimum": 0},
                "payment_reference": {"type": "string"},
            },
            ["period_start", "period_end", "net_sales"],
        ),
        "responses": {
            "201": {
                "description": "Filed",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SalesReport"}}},
            },
            **ERRORS,
        },
    },
)
