"""Logout and password change end every session and API token; tokens expire and can be revoked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from app import clock
from app.auth.models import ApiToken, Role
from app.extensions import db
from tests.conftest import PASSWORD

NEW_PASSWORD = "tulip-orbit-77"


def token_for(client: FlaskClient, email: str, password: str = PASSWORD) -> str:
    resp = client.post("/api/v1/tokens", json={"email": email, "password": password})
    assert resp.status_code == 201, resp.get_json()
    return str(resp.get_json()["token"])


def api_status(client: FlaskClient, token: str) -> int:
    return client.get("/api/v1/patents", headers={"Authorization": f"Bearer {token}"}).status_code


def dashboard_status(app, client: FlaskClient) -> int:
    """GET /dashboard in an app context of its own, as a real request has (no user cached in `g`)."""
    with app.app_context():
        return client.get("/dashboard").status_code


def logout_elsewhere(app, client: FlaskClient) -> None:
    client.post("/auth/logout")


def change_password_elsewhere(app, client: FlaskClient) -> None:
    data = {"old_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    assert client.post("/auth/password", data=data).status_code == 302


@pytest.mark.parametrize("end", [logout_elsewhere, change_password_elsewhere])
def test_old_session_cookie_and_old_token_stop_working(app, client, make_user, login, end):
    user = make_user(Role.PATENTEE)
    token = token_for(client, user.email)
    login(user)
    cookie = client.get_cookie("session")
    assert cookie is not None and api_status(client, token) == 200
    other = app.test_client()  # the same session copied to another browser, kept by an attacker
    other.set_cookie("session", cookie.value)
    assert dashboard_status(app, other) == 200
    end(app, client)
    assert dashboard_status(app, other) == 302  # the copied cookie no longer logs anyone in
    assert api_status(client, token) == 401
    assert db.session.query(ApiToken).filter(ApiToken.revoked_at.is_(None)).count() == 0


def test_password_change_keeps_the_current_session(app, client, make_user, login):
    login(make_user(Role.PATENTEE))
    change_password_elsewhere(app, client)
    assert dashboard_status(app, client) == 200


def test_delete_tokens_revokes_the_token_in_use_only(client, make_user):
    user = make_user(Role.PATENTEE)
    first, second = token_for(client, user.email), token_for(client, user.email)
    resp = client.delete("/api/v1/tokens", headers={"Authorization": f"Bearer {first}"})
    assert resp.status_code == 204 and resp.get_data() == b""
    assert api_status(client, first) == 401 and api_status(client, second) == 200
    again = client.delete("/api/v1/tokens", headers={"Authorization": f"Bearer {first}"})
    assert again.status_code == 401 and again.get_json()["error"]["code"] == "unauthorised"


def test_delete_tokens_needs_a_token(client):
    assert client.delete("/api/v1/tokens").status_code == 401


@pytest.mark.parametrize("hours, alive", [(1, True), (23, True), (24, False), (25, False)])
def test_token_lifetime_is_the_setting(app, client, make_user, hours, alive):
    app.config["API_TOKEN_TTL_HOURS"] = 24
    token = token_for(client, make_user(Role.PATENTEE).email)
    with clock.travel(clock.now() + timedelta(hours=hours)):
        assert (api_status(client, token) == 200) is alive


def test_token_expiry_is_reported(app, client, make_user):
    app.config["API_TOKEN_TTL_HOURS"] = 2
    resp = client.post("/api/v1/tokens", json={"email": make_user(Role.PATENTEE).email, "password": PASSWORD})
    assert resp.get_json()["expires_at"].startswith((clock.now() + timedelta(hours=2)).isoformat()[:16])


def test_a_session_from_before_the_version_scheme_is_not_accepted(app, make_user):
    user = make_user(Role.PATENTEE)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)  # the old id without a session version
        session["_fresh"] = True
    assert dashboard_status(app, client) == 302
