"""Tokens and the OpenAPI document; each resource lives in its own module listed in API_MODULES."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify
from werkzeug.wrappers import Response

from app.api import bp
from app.api.core import (
    ERROR_RESPONSE,
    OPENAPI_PATHS,
    OPENAPI_SCHEMAS,
    Unauthorised,
    document,
    json_body,
    schema,
)
from app.auth.services import authenticate, issue_token
from app.extensions import db

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
        "responses": {"201": {"description": "Token created"}, "401": ERROR_RESPONSE},
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
