"""API plumbing shared by every resource: token auth, role checks, JSON bodies."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, g, request
from flask_babel import gettext as _

from app.auth.models import Role, User
from app.auth.services import user_for_token
from app.errors import DomainError, Forbidden, ValidationFailed
from app.httpcache import public_cache
from app.security import open_data_rate_limit

F = TypeVar("F", bound=Callable[..., Any])

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class Unauthorised(DomainError):
    status = 401
    code = "unauthorised"


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
        raise Unauthorised(_("缺少或无效的访问令牌（Authorization: Bearer <token>）。"))
    return user


def token_required(*roles: Role) -> Callable[[F], F]:
    """Bearer-token auth; with roles, only those roles (and admins) pass."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = _bearer_user()
            if user is None:
                raise Unauthorised(_("缺少或无效的访问令牌（Authorization: Bearer <token>）。"))
            if roles and not user.has_role(*roles):
                raise Forbidden(_("您的角色无权调用此接口。"))
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


def cached_open_data(view: F) -> F:
    """Open data whose anonymous answers are kept by their ETag (app/httpcache.py). The token check and the
    open-data rate limit come first, so an answer from the cache counts against the limit too."""
    return token_optional(cast(F, public_cache(view)))


# OpenAPI `security` of an operation open to anonymous callers: a bearer token, or none at all.
OPTIONAL_BEARER: list[dict[str, list[str]]] = [{"bearer": []}, {}]


def json_body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed(_("请求体必须是 JSON 对象。"))
    return data
