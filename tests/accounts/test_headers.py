"""Browser hardening: security headers on pages, API and errors; cookie flags; no inline script or style."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.config import ProductionConfig, TestConfig
from tests.conftest import PASSWORD, with_tables

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"
EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


@pytest.mark.parametrize(
    "path, status",
    [
        ("/", 200),  # a page
        ("/api/v1/openapi.json", 200),  # an API response
        ("/api/v1/patents", 401),  # an API error
        ("/no-such-page", 404),  # an error page
        ("/static/style.css", 200),
    ],
)
def test_security_headers_everywhere_and_no_hsts_outside_production(client, path, status):
    resp = client.get(path)
    assert resp.status_code == status
    assert {name: resp.headers.get(name) for name in EXPECTED} == EXPECTED
    assert "Strict-Transport-Security" not in resp.headers


def test_a_server_error_page_has_the_headers(app, client):
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    resp = client.get("/boom")
    assert resp.status_code == 500 and resp.headers["X-Frame-Options"] == "DENY"


@pytest.fixture
def production_app() -> Iterator[Flask]:
    """The production settings on the test database."""
    app = create_app(
        ProductionConfig,
        SQLALCHEMY_DATABASE_URI=TestConfig.SQLALCHEMY_DATABASE_URI,
        SECRET_KEY="production-test-secret",
        RATELIMIT_ENABLED=False,
        WTF_CSRF_ENABLED=False,
    )
    yield from with_tables(app)


def test_production_cookies_are_secure_httponly_lax_and_hsts_is_sent(production_app, make_user):
    user = make_user()
    client = production_app.test_client()
    data = {"email": user.email, "password": PASSWORD, "remember": "y"}
    resp = client.post("/auth/login", data=data, base_url="https://ole.example")
    cookie = next(c for c in resp.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= {part.strip() for part in cookie.split(";")}
    assert resp.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    assert production_app.config["REMEMBER_COOKIE_SECURE"] is True
    assert production_app.config["REMEMBER_COOKIE_SAMESITE"] == "Lax"


def test_development_cookie_is_httponly_and_lax_but_not_secure(client, make_user):
    user = make_user()
    resp = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    cookie = next(c for c in resp.headers.getlist("Set-Cookie") if c.startswith("session="))
    parts = {part.strip() for part in cookie.split(";")}
    assert {"HttpOnly", "SameSite=Lax"} <= parts and "Secure" not in parts


# A JSON data block is data, not script (HTML: a non-JavaScript type is never executed, so CSP
# script-src 'self' holds without a nonce or hash): allowed only in exactly this form, no src, its whole body
# one `| tojson` expression (which escapes <, >, & and ' so the data cannot close the element).
DATA_BLOCK = re.compile(
    r'<script type="application/json"(?: (?:class|id)="[\w-]+")*>\{\{[^{}<>]*\|\s*tojson\s*\}\}</script>'
)
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on* event handler attribute"),
    (re.compile(r"<style", re.I), "inline <style>"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def inline_found(text: str) -> list[str]:
    """What the CSP would block (or what could run) in a template, once its JSON data blocks are set aside."""
    text = DATA_BLOCK.sub("", text)
    return [what for pattern, what in INLINE if pattern.search(text)]


ON, SCRIPT = "on* event handler attribute", "inline <script>"


@pytest.mark.parametrize(
    "text, found",
    [
        ('<script type="application/json" class="chart-data">{{ data | tojson }}</script>', []),
        ('<script type="application/json" id="d">{{ x|tojson }}</script>', []),
        ('<script src="/static/charts.js"></script>', []),
        ("<script>draw()</script>", ["inline <script>"]),
        ('<script type="module">draw()</script>', ["inline <script>"]),
        ('<script type="application/json">{"a": 1}</script>', ["inline <script>"]),  # not tojson
        ('<script type="application/json">{{ data }}</script>', ["inline <script>"]),  # not escaped
        ('<script type="application/json" onload="x()">{{ d | tojson }}</script>', [SCRIPT, ON]),
        ('<script type="application/json">{{ d | tojson }}</script><script>x()</script>', [SCRIPT]),
        ('<script type="text/javascript">{{ d | tojson }}</script>', ["inline <script>"]),
    ],
)  # fmt: skip
def test_the_scan_lets_through_only_json_data_blocks(text, found):
    assert inline_found(text) == found


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_script_or_style(template):
    """The CSP forbids them: put scripts in app/static/js/ and styles in app/static/*.css."""
    found = inline_found(template.read_text(encoding="utf-8"))
    assert not found, f"{template.relative_to(TEMPLATES)}: {', '.join(found)}"
