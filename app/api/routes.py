"""Tokens and the OpenAPI document; each resource lives in its own module listed in API_MODULES."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify
from werkzeug.wrappers import Response

from app.api.core import (
    ERROR_RESPONSE,
    OPENAPI_PATHS,
    OPENAPI_SCHEMAS,
    Unauthorised,
    api_user,
    bearer_token,
    bp,
    document,
    json_body,
    schema,
    token_required,
)
from app.auth.services import authenticate, issue_token, revoke_token
from app.extensions import db
from app.security import auth_rate_limit

schema(
    "Error",
    {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                },
                "required": ["code", "message", "fields"],
            }
        },
    },
)


@bp.post("/tokens")
@auth_rate_limit
def create_token() -> tuple[Response, int]:
    data = json_body()
    user = authenticate(str(data.get("email", "")), str(data.get("password", "")))
    if user is None:
        raise Unauthorised("邮箱或密码不正确。")
    plain, row = issue_token(user, current_app.config["API_TOKEN_TTL_HOURS"])
    db.session.commit()
    return jsonify({"token": plain, "token_type": "Bearer", "expires_at": row.expires_at.isoformat()}), 201


document(
    "/tokens",
    "post",
    {
        "summary": "Exchange e-mail and password for a bearer token",
        "security": [],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"email": {"type": "string"}, "password": {"type": "string"}},
                        "required": ["email", "password"],
                    }
                }
            },
        },
        "responses": {
            "201": {"description": "Token created (lifetime: API_TOKEN_TTL_HOURS, default 720 h)"},
            "401": ERROR_RESPONSE,
            "422": ERROR_RESPONSE,
            "429": ERROR_RESPONSE,
        },
    },
)


@bp.delete("/tokens")
@token_required()
def delete_token() -> tuple[str, int]:
    revoke_token(api_user(), bearer_token())
    db.session.commit()
    return "", 204


document(
    "/tokens",
    "delete",
    {
        "summary": "Revoke the bearer token this request is made with",
        "responses": {"204": {"description": "Token revoked"}, "401": ERROR_RESPONSE},
    },
)


@bp.get("/openapi.json")
def openapi() -> Response:
    doc: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "Open Licence Exchange API", "version": "1.0.0"},
        "servers": [{"url": "/api/v1"}],
        "paths": OPENAPI_PATHS,
        "components": {
            "schemas": OPENAPI_SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }
    return jsonify(doc)
