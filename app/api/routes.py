"""Tokens and the OpenAPI document; each resource lives in its own module listed in API_MODULES."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import current_app, jsonify
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.api.core import Unauthorised, api_user, bearer_token, bp, token_required
from app.api.schema import OPERATIONS, In, Instant, Out, Text, api_route, build, committed
from app.auth.services import authenticate, issue_token, revoke_token
from app.extensions import db
from app.security import auth_rate_limit


class Credentials(In):
    email: Text = ""
    password: Text = ""


class Token(Out):
    token: str
    token_type: str
    expires_at: Instant


@api_route(
    "post",
    "/tokens",
    {"201": ("Token created (lifetime: API_TOKEN_TTL_HOURS, default 720 h)", Token)},
    body=Credentials,
    errors=("401", "422", "429"),
    security=[],
)
@auth_rate_limit
def create_token() -> tuple[Response, int]:
    """Exchange e-mail and password for a bearer token"""
    data = Credentials.parse()
    user = authenticate(data.email, data.password)
    if user is None:
        raise Unauthorised(_("邮箱或密码不正确。"))
    plain, row = issue_token(user, current_app.config["API_TOKEN_TTL_HOURS"])
    return committed(Token(token=plain, token_type="Bearer", expires_at=row.expires_at), 201)


@api_route("delete", "/tokens", {"204": "Token revoked"}, errors=("401",))
@token_required()
def delete_token() -> tuple[str, int]:
    """Revoke the bearer token this request is made with"""
    revoke_token(api_user(), bearer_token())
    db.session.commit()
    return "", 204


@cache
def openapi_document() -> dict[str, Any]:
    """The whole document, every schema generated from the models of the operations."""
    paths, schemas = build(OPERATIONS)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Open Licence Exchange API", "version": "1.0.0"},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())
