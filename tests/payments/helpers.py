"""Helpers for the payment tests: a licence taken with a claimed lump sum, a signed webhook call."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from flask.testing import FlaskClient

from app import clock
from app.extensions import db
from app.licences.services import take_licence
from app.payments.provider import sign
from tests.declarations.helpers import publish

SECRET = "whsec-test-0123456789"
DUE = Decimal("50000.00")


def claimed_licence(
    make_declaration: Any, enterprise: Any, reference: str = "BANK-2026-0001", patent: Any = None
) -> Any:
    """A published lump-sum declaration and a licence taken on it, its payment claimed, committed."""
    decl = publish(make_declaration(patent))
    licence, _ = take_licence(enterprise, decl.id, "依《专利法》第五十一条书面通知。", reference, DUE)
    db.session.commit()
    return licence


def post_webhook(
    client: FlaskClient, body: dict[str, Any], *, secret: str = SECRET, ts: int | None = None, sig: str = ""
) -> Any:
    """POST a callback signed as the provider would sign it (or with the given signature)."""
    raw = json.dumps(body).encode()
    ts = int(clock.now().timestamp()) if ts is None else ts
    headers = {"X-OLE-Timestamp": str(ts), "X-OLE-Signature": sig or sign(secret, ts, raw)}
    return client.post("/api/v1/payments/webhook", data=raw, headers=headers, content_type="application/json")
