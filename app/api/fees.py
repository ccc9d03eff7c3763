"""Annual fees over the API: a patent's fee schedule and what is due now (Rules 2023 Art. 115)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_babel import gettext as _
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
from app.errors import DomainError, ValidationFailed
from app.extensions import db
from app.fees.services import NO_DATES, FeePaymentInput, patent_fees, record_fee_payment
from royalties.types import FeeStatus, FeeYear, ReductionBasis, YearStatus


def fee_year_json(fee: FeeYear) -> dict[str, Any]:
    return {
        "year": fee.year,
        "due_date": fee.due_date.isoformat(),
        "full_amount": str(fee.full_amount),
        "reduction_pct": str(fee.reduction_pct),
        "reduction_basis": fee.reduction_basis.value if fee.reduction_basis else None,
        "amount": str(fee.amount),
        "status": fee.status.value,
    }


def _grace_json(fee: FeeYear | None) -> dict[str, Any] | None:
    if fee is None or fee.status is not YearStatus.GRACE:
        return None
    return {
        "deadline": fee.grace_deadline.isoformat(),
        "months_late": fee.months_late,
        "surcharge": str(fee.surcharge),
    }


def position_json(position: FeeStatus) -> dict[str, Any]:
    return {
        "patent_year": position.patent_year,
        "paid_until": position.paid_until.isoformat() if position.paid_until else None,
        "next_due": fee_year_json(position.next_due) if position.next_due else None,
        "grace": _grace_json(position.next_due),
        "schedule": [fee_year_json(y) for y in position.schedule],
    }


def _fees_of(patent_id: int) -> dict[str, Any]:
    position = patent_fees(api_user(), patent_id)
    if position is None:
        raise DomainError(_(NO_DATES))
    return position_json(position)


def _payment_input(data: dict[str, Any]) -> FeePaymentInput:
    errors: dict[str, str] = {}
    year = data.get("year")
    paid_on, amount = parse_date(data, "paid_on", errors), parse_decimal(data, "amount", errors)
    if not isinstance(year, int) or isinstance(year, bool):
        errors["year"] = _("必须是整数（专利年度）。")
    for name, value in (("paid_on", paid_on), ("amount", amount)):
        if value is None:
            errors.setdefault(name, _("必填。"))
    if errors or not isinstance(year, int) or paid_on is None or amount is None:
        raise ValidationFailed(_("年费缴纳记录有误。"), errors)
    return FeePaymentInput(year=year, paid_on=paid_on, amount=amount)


@bp.get("/patents/<int:patent_id>/fees")
@token_required(Role.PATENTEE, Role.OPERATOR)
def patents_fees(patent_id: int) -> Response:
    return jsonify(_fees_of(patent_id))


@bp.post("/patents/<int:patent_id>/fee-payments")
@token_required(Role.PATENTEE)
def patents_fee_payments(patent_id: int) -> tuple[Response, int]:
    payment = record_fee_payment(api_user(), patent_id, _payment_input(json_body()))
    db.session.commit()
    body = {"year": payment.year, "paid_on": payment.paid_on.isoformat(), "amount": money_str(payment.amount)}
    return jsonify({"payment": body, "fees": _fees_of(patent_id)}), 201


_MONEY = {"type": "string", "description": "CNY as a decimal string", "example": "1200.00"}
schema(
    "FeeYear",
    {
        "type": "object",
        "properties": {
            "year": {"type": "integer", "description": "patent year, counted from the filing date"},
            "due_date": {"type": "string", "format": "date"},
            "full_amount": _MONEY,
            "reduction_pct": {"type": "string", "example": "15"},
            "reduction_basis": {"type": "string", "enum": list(ReductionBasis), "nullable": True},
            "amount": {**_MONEY, "description": "what to pay now, before any surcharge"},
            "status": {"type": "string", "enum": list(YearStatus)},
        },
    },
)
schema(
    "FeePosition",
    {
        "type": "object",
        "properties": {
            "patent_year": {"type": "integer"},
            "paid_until": {"type": "string", "format": "date", "nullable": True},
            "next_due": {"allOf": [{"$ref": "#/components/schemas/FeeYear"}], "nullable": True},
            "grace": {
                "type": "object",
                "nullable": True,
                "properties": {
                    "deadline": {"type": "string", "format": "date"},
                    "months_late": {"type": "integer"},
                    "surcharge": _MONEY,
                },
            },
            "schedule": {"type": "array", "items": {"$ref": "#/components/schemas/FeeYear"}},
        },
    },
)
document(
    "/patents/{id}/fees",
    "get",
    {
        "summary": "Annual fees: schedule, next fee due, grace and surcharge (owner, operation centre)",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {
            "200": {
                "description": "The fee position today",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FeePosition"}}},
            },
            "401": ERROR_RESPONSE,
            "403": ERROR_RESPONSE,
            "404": ERROR_RESPONSE,
            "409": ERROR_RESPONSE,
        },
    },
)
document(
    "/patents/{id}/fee-payments",
    "post",
    {
        "summary": "Record the annual fee paid for the next unpaid patent year (the patent's owner)",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["year", "paid_on", "amount"],
                        "properties": {
                            "year": {"type": "integer"},
                            "paid_on": {"type": "string", "format": "date"},
                            "amount": _MONEY,
                        },
                    }
                }
            },
        },
        "responses": {
            "201": {"description": "Recorded; the payment and the new fee position"},
            "401": ERROR_RESPONSE,
            "403": ERROR_RESPONSE,
            "404": ERROR_RESPONSE,
            "409": ERROR_RESPONSE,
            "422": ERROR_RESPONSE,
        },
    },
)
