"""Patent verification over the API: an operation centre (or admin) verifies or rejects a patent."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

from app.api.core import ERROR_RESPONSE, api_user, bp, document, json_body, token_required
from app.api.patents import patent_json
from app.auth.models import Role
from app.errors import ValidationFailed
from app.extensions import db
from app.patents.verification import reject_patent, verify_patent


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise ValidationFailed(f"{name} 必须是字符串。", {name: "必须是字符串。"})
    return value


def _evidence_id(data: dict[str, Any]) -> int | None:
    value = data.get("evidence_id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationFailed("evidence_id 必须是整数。", {"evidence_id": "必须是整数。"})
    return value


@bp.post("/patents/<int:patent_id>/verify")
@token_required(Role.OPERATOR)
def patents_verify(patent_id: int) -> Response:
    data = json_body()
    patent = verify_patent(api_user(), patent_id, _text(data, "evidence"), _evidence_id(data))
    db.session.commit()
    return jsonify(patent_json(patent))


@bp.post("/patents/<int:patent_id>/reject")
@token_required(Role.OPERATOR)
def patents_reject(patent_id: int) -> Response:
    patent = reject_patent(api_user(), patent_id, _text(json_body(), "reason"))
    db.session.commit()
    return jsonify(patent_json(patent))


def _operation(summary: str, field: str, description: str, extra: dict[str, Any]) -> dict[str, Any]:
    body = {
        "type": "object",
        "required": [field],
        "properties": {
            field: {"type": "string", "minLength": 1, "maxLength": 1000, "description": description}
        }
        | extra,
    }
    return {
        "summary": summary,
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": {
            "200": {
                "description": "The patent with its new verification state",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Patent"}}},
            },
            **{code: ERROR_RESPONSE for code in ("401", "403", "404", "409", "422")},
        },
    }


document(
    "/patents/{id}/verify",
    "post",
    _operation(
        "Verify a patent against evidence (operation centre, admin); recorded in its audit trail",
        "evidence",
        "What the patent was checked against, e.g. a certificate number or a register extract",
        {"evidence_id": {"type": "integer", "description": "An uploaded evidence file of this patent"}},
    ),
)
document(
    "/patents/{id}/reject",
    "post",
    _operation(
        "Reject a patent's verification with a reason the patentee sees (operation centre, admin)",
        "reason",
        "Why the patent could not be verified",
        {},
    ),
)
