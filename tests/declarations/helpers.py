"""Small helpers shared by the declaration, licence and market tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.extensions import db

TODAY = date(2026, 6, 1)  # a fixed "today" for the rules: the fixture patent's fees are paid until 2027-03-01


def publish(decl: Any, today: date = TODAY) -> Any:
    """Publish through the service as the owner, and commit."""
    from app.declarations.services import publish_declaration

    publish_declaration(decl.owner, decl.id, today=today)
    db.session.commit()
    return decl
