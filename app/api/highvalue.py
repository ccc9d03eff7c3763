"""High-value invention patents over the API: the facts the five categories need (owner)."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from werkzeug.wrappers import Response

from app.api.core import ERROR_RESPONSE, api_user, bp, document, json_body, schema, token_required
from app.api.patents import patent_json
from app.auth.models import Role
from app.extensions import db
from app.highvalue.services import parse_high_value_input, update_high_value_facts


@bp.put("/patents/<int:patent_id>/high-value")
@token_required(Role.PATENTEE)
def patents_high_value(patent_id: int) -> Response:
    patent = update_high_value_facts(api_user(), patent_id, parse_high_value_input(json_body()))
    db.session.commit()
    return jsonify(patent_json(patent))


_AWARD: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "enum": ["china_patent_award", "national_sti_award"]},
        "level": {"type": "string", "example": "金奖"},
        "year": {"type": "integer"},
    },
}
schema(
    "HighValueFacts",
    {
        "type": "object",
        "properties": {
            "foreign_family": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Publications abroad (US10123456B2) or a PCT number (PCT/CN2021/123456)",
            },
            "pledge_amount": {"type": "string", "nullable": True, "description": "CNY financed by a pledge"},
            "pledgee": {"type": "string"},
            "awards": {"type": "array", "items": _AWARD},
        },
    },
)
document(
    "/patents/{id}/high-value",
    "put",
    {
        "summary": "Replace the facts of the high-value categories: family abroad, pledge financing, awards",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HighValueFacts"}}},
        },
        "responses": {
            "200": {
                "description": "The patent",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Patent"}}},
            },
            "401": ERROR_RESPONSE,
            "403": ERROR_RESPONSE,
            "404": ERROR_RESPONSE,
            "422": ERROR_RESPONSE,
        },
    },
)
