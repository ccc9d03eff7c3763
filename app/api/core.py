"""API plumbing shared by every resource: token auth, role checks, JSON bodies, OpenAPI fragments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, g, request

from app.auth.models import Role, User
from app.auth.services import user_for_token
from app.errors import DomainError, Forbidden, ValidationFailed
from app.inputs import decimal_problem
from app.security import open_data_rate_limit

F = TypeVar("F", bound=Callable[..., Any])

bp = Blueprint("api", __name__, url_prefix="/api/v1")

OPENAPI_PATHS: dict[str, dict[str, Any]] = {}
OPENAPI_SCHEMAS: dict[str, dict[str, Any]] = {}


class Unauthorised(DomainError):
    status = 401
    code = "unauthorised"


def document(path: str, method: str, spec: dict[str, Any]) -> None:
    """Add one operation to the OpenAPI document (path in OpenAPI form, e.g. /patents/{id})."""
    OPENAPI_PATHS.setdefault(path, {})[method.lower()] = spec


def schema(name: str, spec: dict[str, Any]) -> None:
    OPENAPI_SCHEMAS[name] = spec


def api_user() -> User:
    """The user of this request (set by token_required)."""
    user: User = g.api_user
    return user


def bearer_token() -> str:
    """The token of `Authorization: Bearer <token>`, or "" when there is none."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def api_viewer() -> User | None:
    """The user of this request, or None for an anonymous caller of a token_optional operation."""
    viewer: User | None = g.get("api_user")
    return viewer


def _bearer_user() -> User | None:
    """The user of a valid bearer token; None without an Authorization header; Unauthorised for a bad one."""
    if not request.headers.get("Authorization", ""):
        return None
    token = bearer_token()
    user = user_for_token(token) if token else None
    if user is None:
        raise Unauthorised("缺少或无效的访问令牌（Authorization: Bearer <token>）。")
    return user


def token_required(*roles: Role) -> Callable[[F], F]:
    """Bearer-token auth; with roles, only those roles (and admins) pass."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = _bearer_user()
            if user is None:
                raise Unauthorised("缺少或无效的访问令牌（Authorization: Bearer <token>）。")
            if roles and not user.has_role(*roles):
                raise Forbidden("您的角色无权调用此接口。")
            g.api_user = user
            return view(*args, **kwargs)

        wrapped.api_roles = tuple(roles)  # type: ignore[attr-defined]
        return cast(F, wrapped)

    return decorator


def roles_of(view: Callable[..., Any]) -> tuple[Role, ...] | None:
    """The roles `token_required` gave a view (empty: any signed-in role); None when it takes no token."""
    roles: tuple[Role, ...] | None = getattr(view, "api_roles", None)
    return roles


def token_optional(view: F) -> F:
    """Open data: anonymous callers pass (api_viewer() is None); a token sent must still be valid."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        g.api_user = _bearer_user()
        return view(*args, **kwargs)

    return open_data_rate_limit(cast(F, wrapped))


# OpenAPI `security` of an operation open to anonymous callers: a bearer token, or none at all.
OPTIONAL_BEARER: list[dict[str, list[str]]] = [{"bearer": []}, {}]


def json_body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed("请求体必须是 JSON 对象。")
    return data


def parse_decimal(data: dict[str, Any], name: str, errors: dict[str, str]) -> Decimal | None:
    """A money/rate field sent as a decimal string (or number); records a field error when malformed."""
    raw = data.get(name)
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        errors[name] = '必须是十进制数字字符串，例如 "1000.00"。'
        return None
    problem = decimal_problem(value)
    if problem:
        errors[name] = problem
        return None
    return value


def parse_date(data: dict[str, Any], name: str, errors: dict[str, str]) -> date | None:
    raw = data.get(name)
    if raw in (None, ""):
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        errors[name] = "日期格式应为 YYYY-MM-DD。"
        return None


def money_str(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


ERROR_RESPONSE = {
    "description": "Error",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
