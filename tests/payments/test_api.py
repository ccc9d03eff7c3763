"""The payment operations over the API, and the provider's signed webhook end to end (issue 8 §3)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app import clock
from app.auth.models import Role
from app.declarations.models import FeeMethod
from app.licences.models import LicenceStatus, PaymentStatus
from app.payments.models import PaymentDispute, ProviderEvent
from tests.declarations.helpers import publish
from tests.payments.helpers import SECRET, post_webhook
from tests.rows import count


def test_patentee_confirms_over_the_api(client, licence, auth_headers):
    url = f"/api/v1/licences/{licence.id}/confirm-payment"
    resp = client.post(url, headers=auth_headers(licence.declaration.owner))
    body = resp.get_json()
    assert resp.status_code == 200 and body["status"] == "in_force" and body["in_force_at"]
    assert body["payment"]["status"] == "confirmed" and body["payment"]["confirmed_at"]
    assert body["payment"]["claimed_at"] and body["payment"]["reference"] == "BANK-2026-0001"
    again = client.post(url, headers=auth_headers(licence.declaration.owner))
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "rule_violation"


@pytest.mark.parametrize(("who", "status"), [("licensee", 403), ("other_patentee", 403), ("operator", 403)])
@pytest.mark.parametrize("action", ["confirm-payment", "dispute"])
def test_others_cannot_confirm_or_dispute(client, make_user, licence, who, status, action, auth_headers):
    user = {
        "licensee": licence.licensee,
        "other_patentee": make_user(Role.PATENTEE),
        "operator": make_user(Role.OPERATOR),
    }[who]
    resp = client.post(
        f"/api/v1/licences/{licence.id}/{action}", json={"reason": "x"}, headers=auth_headers(user)
    )
    assert resp.status_code == status
    assert licence.upfront_payment.status is PaymentStatus.CLAIMED and count(PaymentDispute) == 0
    assert client.post(f"/api/v1/licences/{licence.id}/{action}", json={"reason": "x"}).status_code == 401


def test_unknown_licence_and_free_licence(
    client, make_declaration, make_user, make_patent, licence, auth_headers
):
    owner = auth_headers(licence.declaration.owner)
    assert client.post("/api/v1/licences/99999/confirm-payment", headers=owner).status_code == 404
    fields = {"fee_method": FeeMethod.RUNNING_ROYALTY, "lump_sum": None, "royalty_rate_pct": Decimal("3")}
    patent = make_patent(licence.declaration.owner, publication_number="CN215792497U")
    decl = publish(make_declaration(patent, **fields))
    taken = client.post(
        f"/api/v1/declarations/{decl.id}/licences",
        json={"notice": "通知"},
        headers=auth_headers(make_user(Role.ENTERPRISE)),
    ).get_json()
    assert taken["status"] == "in_force" and taken["payment"] is None
    free = client.post(f"/api/v1/licences/{taken['id']}/confirm-payment", headers=owner)
    assert free.status_code == 409


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": 5}, {"reason": "理" * 2001}])
def test_dispute_needs_a_reason(client, licence, body, auth_headers):
    resp = client.post(
        f"/api/v1/licences/{licence.id}/dispute", json=body, headers=auth_headers(licence.declaration.owner)
    )
    assert resp.status_code == 422 and "reason" in resp.get_json()["error"]["fields"]
    assert count(PaymentDispute) == 0 and licence.status is LicenceStatus.PAYMENT_PENDING


def test_dispute_over_the_api(client, licence, auth_headers):
    resp = client.post(
        f"/api/v1/licences/{licence.id}/dispute",
        json={"reason": "银行流水查无此笔"},
        headers=auth_headers(licence.declaration.owner),
    )
    body = resp.get_json()
    assert resp.status_code == 200 and body["status"] == "disputed"
    assert body["payment"]["disputed_reason"] == "银行流水查无此笔" and body["payment"]["disputed_at"]


def test_generic_payment_operations(client, make_user, licence, auth_headers):
    payment_id = licence.upfront_payment.id
    assert (
        client.post(
            f"/api/v1/payments/{payment_id}/confirm", headers=auth_headers(licence.licensee)
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/api/v1/payments/99999/confirm", headers=auth_headers(licence.declaration.owner)
        ).status_code
        == 404
    )
    other = client.post(
        f"/api/v1/payments/{payment_id}/dispute",
        json={"reason": "x"},
        headers=auth_headers(make_user(Role.PATENTEE)),
    )
    assert other.status_code == 403
    ok = client.post(
        f"/api/v1/payments/{payment_id}/confirm", headers=auth_headers(licence.declaration.owner)
    )
    assert (
        ok.status_code == 200
        and ok.get_json()["status"] == "confirmed"
        and ok.get_json()["confirmed_via"] == "payee"
    )


# --- the provider's webhook -------------------------------------------------------------------------


@pytest.fixture
def webhook(app):
    app.config["PAYMENT_WEBHOOK_SECRET"] = SECRET
    return app


def _event(licence, **fields):
    return {
        "event_id": "evt_001",
        "licence_id": licence.id,
        "amount": "50000.00",
        "currency": "CNY",
        **fields,
    }


def test_signed_callback_confirms_once(client, webhook, licence):
    first = post_webhook(client, _event(licence))
    assert first.status_code == 200 and first.get_json()["applied"] is True
    assert licence.status is LicenceStatus.IN_FORCE and licence.upfront_payment.confirmed_via == "provider"
    repeat = post_webhook(client, _event(licence))
    assert repeat.status_code == 200 and repeat.get_json()["applied"] is False
    assert count(ProviderEvent) == 1
    other_event = post_webhook(client, _event(licence, event_id="evt_002"))
    assert other_event.status_code == 409 and count(ProviderEvent) == 1  # nothing left to confirm


def _stale():
    return int((clock.now() - timedelta(minutes=10)).timestamp())


@pytest.mark.parametrize(
    ("case", "status", "field"),
    [
        ("bad signature", 401, None),
        ("wrong secret", 401, None),
        ("stale timestamp", 401, None),
        ("future timestamp", 401, None),
        ("no timestamp", 401, None),
        ("unknown licence", 404, None),
        ("wrong amount", 422, "amount"),
        ("amount not a number", 422, "amount"),
        ("no event id", 422, "event_id"),
        ("other currency", 422, "currency"),
    ],
)
def test_rejected_callbacks_write_nothing(client, webhook, licence, case, status, field):
    event, kwargs = _event(licence), {}
    if case == "bad signature":
        kwargs["sig"] = "sha256=" + "0" * 64
    elif case == "wrong secret":
        kwargs["secret"] = "not-the-secret"
    elif case == "stale timestamp":
        kwargs["ts"] = _stale()
    elif case == "future timestamp":
        kwargs["ts"] = int((clock.now() + timedelta(minutes=10)).timestamp())
    elif case == "no timestamp":
        kwargs["ts"], kwargs["sig"] = 0, "sha256=x"
    else:
        event.update(
            {
                "unknown licence": {"licence_id": 99999},
                "wrong amount": {"amount": "49999.99"},
                "amount not a number": {"amount": "五万"},
                "no event id": {"event_id": ""},
                "other currency": {"currency": "USD"},
            }[case]
        )
    resp = post_webhook(client, event, **kwargs)
    assert resp.status_code == status, resp.get_json()
    if field:
        assert field in resp.get_json()["error"]["fields"]
    assert count(ProviderEvent) == 0 and licence.upfront_payment.status is PaymentStatus.CLAIMED


def test_webhook_is_off_without_a_secret(client, licence):
    assert post_webhook(client, _event(licence)).status_code == 404
    assert licence.upfront_payment.status is PaymentStatus.CLAIMED


def test_body_is_not_json(client, webhook):
    from app.payments.provider import sign

    ts = int(clock.now().timestamp())
    headers = {"X-OLE-Timestamp": str(ts), "X-OLE-Signature": sign(SECRET, ts, b"not json")}
    assert client.post("/api/v1/payments/webhook", data=b"not json", headers=headers).status_code == 422


def test_openapi_documents_the_payment_operations(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/licences/{id}/confirm-payment", "/licences/{id}/dispute", "/payments/{id}/confirm",
                 "/payments/{id}/dispute", "/payments/webhook"):  # fmt: skip
        assert "post" in paths[path] and paths[path]["post"]["responses"]
    assert paths["/payments/webhook"]["post"]["security"] == []
