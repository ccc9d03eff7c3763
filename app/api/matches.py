"""API: recommended licences with reasons, feedback, and push subscriptions (enterprise tokens)."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from werkzeug.wrappers import Response

from app.api.core import ERROR_RESPONSE, api_user, bp, document, json_body, schema, token_required
from app.auth.models import Role
from app.errors import ValidationFailed
from app.extensions import db
from app.matches.feedback import record_feedback
from app.matches.inbox import MAX_K, recommendations
from app.matches.models import Subscription
from app.matches.subscriptions import (
    SubscriptionInput,
    create_subscription,
    delete_subscription,
    my_subscriptions,
)


def _subscription_json(sub: Subscription) -> dict[str, Any]:
    return {
        "id": sub.id,
        "kind": sub.kind.value,
        "value": sub.value,
        "frequency": sub.frequency.value,
        "created_at": sub.created_at.isoformat(),
    }


def _k() -> int:
    raw = request.args.get("k", "10")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_K:
        raise ValidationFailed(f"k 必须是 1 到 {MAX_K} 之间的整数。", {"k": f"1–{MAX_K}"})
    return int(raw)


@bp.get("/matches")
@token_required(Role.ENTERPRISE)
def list_matches() -> Response:
    items = [
        {
            "declaration_id": r.declaration.id,
            "title": r.declaration.patent.title,
            "patent_number": r.declaration.patent.number,
            "score": round(r.score, 4),
            "reasons": r.reasons,
        }
        for r in recommendations(api_user(), _k())
    ]
    return jsonify({"items": items})


@bp.post("/matches/<int:decl_id>/feedback")
@token_required(Role.ENTERPRISE)
def post_feedback(decl_id: int) -> tuple[Response, int]:
    useful = json_body().get("useful")
    if not isinstance(useful, bool):
        raise ValidationFailed("useful 必须是 true 或 false。", {"useful": "布尔值"})
    row = record_feedback(api_user(), decl_id, useful)
    db.session.commit()
    return jsonify(
        {"declaration_id": decl_id, "useful": row.useful, "updated_at": row.updated_at.isoformat()}
    ), 200


@bp.get("/subscriptions")
@token_required(Role.ENTERPRISE)
def list_subscriptions() -> Response:
    return jsonify({"items": [_subscription_json(s) for s in my_subscriptions(api_user())]})


@bp.post("/subscriptions")
@token_required(Role.ENTERPRISE)
def post_subscription() -> tuple[Response, int]:
    data = json_body()
    fields = {
        name: data.get(name, default)
        for name, default in (("kind", ""), ("value", ""), ("frequency", "immediately"))
    }
    bad = {name: "必须是字符串。" for name, value in fields.items() if not isinstance(value, str)}
    if bad:
        raise ValidationFailed("订阅字段类型错误。", bad)
    sub = create_subscription(api_user(), SubscriptionInput(**fields))
    db.session.commit()
    return jsonify(_subscription_json(sub)), 201


@bp.delete("/subscriptions/<int:sub_id>")
@token_required(Role.ENTERPRISE)
def remove_subscription(sub_id: int) -> tuple[str, int]:
    delete_subscription(api_user(), sub_id)
    db.session.commit()
    return "", 204


schema(
    "MatchReasons",
    {
        "type": "object",
        "description": "为什么推荐: shared key terms, IPC and industry links, per-channel scores (0..1).",
        "properties": {
            "shared_terms": {"type": "array", "items": {"type": "string"}},
            "ipc_links": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "subclass": {"type": "string"},
                        "title_zh": {"type": "string"},
                        "declared": {"type": "boolean"},
                    },
                },
            },
            "industry_links": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "industry": {"type": "string"},
                        "industry_name": {"type": "string"},
                        "subclass": {"type": "string"},
                    },
                },
            },
            "channel_scores": {"type": "object", "additionalProperties": {"type": "number"}},
            "summary_zh": {"type": "string"},
        },
    },
)
schema(
    "Subscription",
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer", "readOnly": True},
            "kind": {"type": "string", "enum": ["industry", "ipc", "keywords", "text"]},
            "value": {"type": "string", "maxLength": 500},
            "frequency": {"type": "string", "enum": ["immediately", "daily", "weekly"]},
            "created_at": {"type": "string", "format": "date-time", "readOnly": True},
        },
        "required": ["kind", "value"],
    },
)
_ref = {"$ref": "#/components/schemas/Subscription"}
_errors = {"401": ERROR_RESPONSE, "403": ERROR_RESPONSE}
document(
    "/matches",
    "get",
    {
        "summary": "Published licences recommended for the enterprise, with reasons",
        "parameters": [
            {"name": "k", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_K}}
        ],
        "responses": {
            "200": {
                "description": "Best first",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "items": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "declaration_id": {"type": "integer"},
                                            "title": {"type": "string"},
                                            "patent_number": {"type": "string"},
                                            "score": {"type": "number"},
                                            "reasons": {"$ref": "#/components/schemas/MatchReasons"},
                                        },
                                    },
                                }
                            },
                        }
                    }
                },
            },
            "422": ERROR_RESPONSE,
            **_errors,
        },
    },
)
document(
    "/matches/{declaration_id}/feedback",
    "post",
    {
        "summary": "Mark a matched licence useful or not useful (not useful stops similar pushes)",
        "parameters": [
            {"name": "declaration_id", "in": "path", "required": True, "schema": {"type": "integer"}}
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"useful": {"type": "boolean"}},
                        "required": ["useful"],
                    }
                }
            },
        },
        "responses": {
            "200": {"description": "Stored"},
            "404": ERROR_RESPONSE,
            "422": ERROR_RESPONSE,
            **_errors,
        },
    },
)
document(
    "/subscriptions",
    "get",
    {
        "summary": "The enterprise's push subscriptions",
        "responses": {
            "200": {"description": "List", "content": {"application/json": {"schema": {"type": "object"}}}},
            **_errors,
        },
    },
)
document(
    "/subscriptions",
    "post",
    {
        "summary": "Subscribe by industry, IPC class, keywords or free text, with a frequency",
        "requestBody": {"required": True, "content": {"application/json": {"schema": _ref}}},
        "responses": {
            "201": {"description": "Created", "content": {"application/json": {"schema": _ref}}},
            "422": ERROR_RESPONSE,
            **_errors,
        },
    },
)
document(
    "/subscriptions/{id}",
    "delete",
    {
        "summary": "Cancel a subscription",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"204": {"description": "Deleted"}, "404": ERROR_RESPONSE, **_errors},
    },
)
