"""Licences over the API: take (201, then 200 with the same licence), list, reports, ownership."""

from __future__ import annotations

from decimal import Decimal

from app.auth.models import Role
from app.declarations.models import FeeMethod
from app.licences.models import Licence, Payment
from tests.declarations.helpers import publish
from tests.rows import count

TAKE = {"notice": "依《专利法》第五十一条书面通知。", "payment_reference": "CCB-0001", "amount": "50000.00"}


def test_take_twice_is_idempotent(app, client, make_user, make_declaration, auth_headers):
    decl = publish(make_declaration())
    auth = auth_headers(make_user(Role.ENTERPRISE))
    first = client.post(f"/api/v1/declarations/{decl.id}/licences", json=TAKE, headers=auth)
    assert first.status_code == 201
    body = first.get_json()
    assert (
        body["status"] == "payment_pending"
        and body["amount"] == "50000.00"
        and body["declaration_id"] == decl.id
    )
    assert body["payment"]["status"] == "claimed" and body["payment"]["confirmed_at"] is None
    second = client.post(f"/api/v1/declarations/{decl.id}/licences", json=TAKE, headers=auth)
    assert second.status_code == 200 and second.get_json()["id"] == body["id"]
    assert count(Licence) == 1 and count(Payment) == 1
    patentee = auth_headers(decl.owner)
    assert [lic["id"] for lic in client.get("/api/v1/licences", headers=patentee).get_json()["items"]] == [
        body["id"]
    ]


def test_take_refusals(app, client, make_user, make_declaration, auth_headers):
    decl = publish(make_declaration())
    auth = auth_headers(make_user(Role.ENTERPRISE))
    wrong = client.post(
        f"/api/v1/declarations/{decl.id}/licences", json={**TAKE, "amount": "1.00"}, headers=auth
    )
    assert wrong.status_code == 422 and "50,000.00" in wrong.get_json()["error"]["fields"]["amount"]
    no_notice = client.post(
        f"/api/v1/declarations/{decl.id}/licences", json={**TAKE, "notice": ""}, headers=auth
    )
    assert no_notice.status_code == 422 and "notice" in no_notice.get_json()["error"]["fields"]
    own = client.post(f"/api/v1/declarations/{decl.id}/licences", json=TAKE, headers=auth_headers(decl.owner))
    assert own.status_code == 403
    draft = make_declaration(decl.patent)
    unpublished = client.post(f"/api/v1/declarations/{draft.id}/licences", json=TAKE, headers=auth)
    assert unpublished.status_code == 409 and unpublished.get_json()["error"]["code"] == "rule_violation"
    assert count(Licence) == 0 and count(Payment) == 0


def test_sales_reports_over_api(app, client, make_user, make_declaration, auth_headers):
    fields = {"fee_method": FeeMethod.RUNNING_ROYALTY, "lump_sum": None, "royalty_rate_pct": Decimal("3.50")}
    decl = publish(make_declaration(**fields))
    auth = auth_headers(make_user(Role.ENTERPRISE))
    licence = client.post(
        f"/api/v1/declarations/{decl.id}/licences", json={"notice": "通知"}, headers=auth
    ).get_json()
    url = f"/api/v1/licences/{licence['id']}/reports"
    report = {"period_start": "2026-01-01", "period_end": "2026-06-30", "net_sales": "200000.00", "units": 0}
    created = client.post(url, json={**report, "payment_reference": "ROY-1"}, headers=auth)
    assert created.status_code == 201 and created.get_json()["fee_due"] == "7000.00"
    assert created.get_json()["payment"]["amount"] == "7000.00"
    negative = client.post(
        url,
        json={**report, "period_start": "2026-07-01", "period_end": "2026-09-30", "net_sales": "-1"},
        headers=auth,
    )
    assert negative.status_code == 422 and "net_sales" in negative.get_json()["error"]["fields"]
    assert client.post(url, json=report, headers=auth).status_code == 409  # overlapping
    stranger = auth_headers(make_user(Role.ENTERPRISE))
    assert (
        client.post(
            url, json={**report, "period_start": "2026-07-01", "period_end": "2026-09-30"}, headers=stranger
        ).status_code
        == 403
    )
    assert client.get(f"/api/v1/licences/{licence['id']}", headers=stranger).status_code == 403
