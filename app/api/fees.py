"""Annual fees over the API: a patent's fee schedule and what is due now (Rules 2023 Art. 115)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.api import bp
from app.api.core import ERROR_RESPONSE, api_user, document, schema, token_required
from app.auth.models import Role
from app.errors import DomainError
from app.fees.services import patent_fees
from app.i18n import N_
from royalties.annual_fees import FeeYear, ReductionBasis, YearStatus


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


NO_DATES = N_("未填写申请日或授权公告日，无法计算年费（《专利法实施细则》（2023）第一百一十五条）。")


@bp.get("/patents/<int:patent_id>/fees")
@token_required(Role.PATENTEE, Role.OPERATOR)
def patents_fees(patent_id: int) -> Response:
    position = patent_fees(api_user(), patent_id)
    if position is None:
        raise DomainError(_(NO_DATES))
    return jsonify(
        {
            "patent_year": position.patent_year,
            "paid_until": position.paid_until.isoformat() if position.paid_until else None,
            "next_due": fee_year_json(position.next_due) if position.next_due else None,
            "grace": _grace_json(position.next_due),
            "schedule": [fee_year_json(y) for y in position.schedule],
        }
    )


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
