"""Rate limits on login, tokens, sign-up and password change: 10 a minute per IP and per account."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.auth.models import Role
from app.config import TestConfig
from tests.conftest import PASSWORD, with_tables


def limited_app(**overrides: object) -> Iterator[Flask]:
    """The test app with the limits switched on (TestConfig switches them off for every other test)."""
    yield from with_tables(create_app(TestConfig, RATELIMIT_ENABLED=True, **overrides))


@pytest.fixture
def app() -> Iterator[Flask]:
    yield from limited_app()


@pytest.fixture
def proxied_app() -> Iterator[Flask]:
    """Behind one reverse proxy, which sets X-Forwarded-For."""
    yield from limited_app(TRUSTED_PROXIES=1)


def wrong_login(client: FlaskClient, email: str, ip: str = "10.0.0.1") -> int:
    data = {"email": email, "password": "wrong-password-x"}
    return client.post("/auth/login", data=data, environ_base={"REMOTE_ADDR": ip}).status_code


def test_the_eleventh_wrong_password_is_refused_with_a_chinese_page(client, make_user):
    user = make_user(Role.PATENTEE)
    assert [wrong_login(client, user.email) for _ in range(10)] == [200] * 10
    resp = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert resp.status_code == 429 and "尝试过于频繁" in resp.get_data(as_text=True)
    assert resp.headers["Retry-After"] == "60"
    assert client.get("/auth/login").status_code == 200  # reading the page is never limited


def test_the_account_limit_holds_across_addresses_and_the_ip_limit_across_accounts(client, make_user):
    user = make_user()
    statuses = [wrong_login(client, user.email, ip=f"10.0.1.{n}") for n in range(11)]
    assert statuses == [200] * 10 + [429]  # one account, eleven IP addresses
    statuses = [wrong_login(client, f"nobody{n}@example.cn", ip="10.0.2.1") for n in range(11)]
    assert statuses == [200] * 10 + [429]  # one IP address, eleven accounts


def test_api_tokens_are_limited_with_the_json_error_shape(client, make_user):
    user = make_user()
    body = {"email": user.email, "password": "wrong-password-x"}
    statuses = [client.post("/api/v1/tokens", json=body).status_code for _ in range(11)]
    assert statuses == [401] * 10 + [429]
    error = client.post("/api/v1/tokens", json=body).get_json()["error"]
    assert error["code"] == "too_many_requests" and "尝试过于频繁" in error["message"]


def test_sign_up_and_password_change_are_limited(client, make_user, login):
    signup = {"email": "x@corp.cn", "password": "short", "confirm": "short", "role": "patentee", "name": "某"}
    statuses = [client.post("/auth/signup", data=signup).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    login(make_user())  # one POST for this account already
    new = "tulip-orbit-77"
    change = {"old_password": "not-my-password", "new_password": new, "confirm": new}
    statuses = [client.post("/auth/password", data=change).status_code for _ in range(10)]
    assert statuses == [200] * 9 + [429]


def test_behind_a_trusted_proxy_the_limit_is_per_visitor(proxied_app):
    client = proxied_app.test_client()
    proxy = {"REMOTE_ADDR": "10.9.9.9"}

    def attempt(n: int, visitor: str) -> int:
        data = {"email": f"nobody{n}@example.cn", "password": "wrong-password-x"}
        headers = {"X-Forwarded-For": visitor}
        return client.post("/auth/login", data=data, headers=headers, environ_base=proxy).status_code

    assert [attempt(n, "203.0.113.1") for n in range(11)] == [200] * 10 + [429]
    assert attempt(99, "203.0.113.2") == 200  # another visitor through the same proxy


@pytest.fixture
def open_data_app() -> Iterator[Flask]:
    yield from limited_app(OPEN_DATA_RATE_LIMIT="3 per minute")


def test_anonymous_open_data_is_limited_per_ip_and_token_holders_are_not(open_data_app, make_user):
    client = open_data_app.test_client()
    urls = ["/api/v1/declarations", "/api/v1/stats", "/api/v1/declarations"]
    assert [client.get(u).status_code for u in urls] == [200, 200, 200]
    resp = client.get("/api/v1/stats")
    assert resp.status_code == 429 and resp.get_json()["error"]["code"] == "too_many_requests"
    assert client.get("/api/v1/stats", environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 200
    token = client.post("/api/v1/tokens", json={"email": make_user().email, "password": PASSWORD}).get_json()
    headers = {"Authorization": f"Bearer {token['token']}"}
    assert [client.get("/api/v1/stats", headers=headers).status_code for _ in range(5)] == [200] * 5
