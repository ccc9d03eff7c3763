"""Small helpers shared by the declaration, licence and market tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.testing import FlaskClient

from app.auth.models import User
from app.extensions import db
from tests.conftest import PASSWORD

TODAY = date(2026, 6, 1)  # a fixed "today" for the rules: the fixture patent's fees are paid until 2027-03-01


def publish(decl: Any, today: date = TODAY) -> Any:
    """Publish through the service as the owner, and commit."""
    from app.declarations.services import publish_declaration

    publish_declaration(decl.owner, decl.id, today=today)
    db.session.commit()
    return decl


def bearer(client: FlaskClient, user: User) -> dict[str, str]:
    resp = client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD})
    assert resp.status_code == 201, resp.get_json()
    return {"Authorization": f"Bearer {resp.get_json()['token']}"}
