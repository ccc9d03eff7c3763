"""Browser hardening and rate limits: security headers on every response, the 429 answer, the auth limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Flask, Response, current_app, make_response, render_template, request
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from app.errors import json_error, wants_json
from app.extensions import limiter

F = TypeVar("F", bound=Callable[..., Any])

# No inline script or style anywhere: scripts and styles are files under app/static/.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def add_security_headers(response: Response) -> Response:
    """Every response, pages, API, static files and errors alike; HSTS only when HSTS_SECONDS is set."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    seconds = int(current_app.config.get("HSTS_SECONDS") or 0)
    if seconds:
        response.headers.setdefault("Strict-Transport-Security", f"max-age={seconds}; includeSubDomains")
    return response


def too_many_requests(err: RateLimitExceeded) -> Response:
    """429: the JSON error shape on the API, a page on the web; the client may retry after a minute."""
    message = _("尝试过于频繁，请稍后再试（每分钟最多 %(limit)s 次）。", limit=err.limit.limit.amount)
    if wants_json():
        response = json_error(429, "too_many_requests", message)
    else:
        response = make_response(render_template("errors/error.html", status=429, message=message), 429)
    response.headers["Retry-After"] = "60"
    return response


def account_key() -> str:
    """The account a request is about: the e-mail submitted (form or JSON), else the logged-in user."""
    data = request.get_json(silent=True) if request.is_json else request.form
    email = str((data or {}).get("email") or "").strip().lower()
    if not email and current_user.is_authenticated:
        email = current_user.email
    return "account:" + (email or "-")


def _auth_limit() -> str:
    return str(current_app.config["AUTH_RATE_LIMIT"])


def auth_rate_limit(view: F) -> F:
    """AUTH_RATE_LIMIT POSTs per IP (per view) and per account (shared by all the account views)."""
    per_account = limiter.shared_limit(_auth_limit, scope="account", key_func=account_key, methods=["POST"])
    per_ip = limiter.limit(_auth_limit, methods=["POST"])
    return cast(F, per_ip(per_account(view)))


def _open_data_limit() -> str:
    return str(current_app.config["OPEN_DATA_RATE_LIMIT"])


def _has_token() -> bool:
    return bool(request.headers.get("Authorization"))


def open_data_rate_limit(view: F) -> F:
    """OPEN_DATA_RATE_LIMIT requests per IP, shared by the open-data API operations, for callers without a
    token (account holders are limited by their token instead)."""
    return cast(F, limiter.shared_limit(_open_data_limit, scope="open-data", exempt_when=_has_token)(view))


def register_security(app: Flask) -> None:
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    app.after_request(add_security_headers)
    app.register_error_handler(RateLimitExceeded, too_many_requests)
