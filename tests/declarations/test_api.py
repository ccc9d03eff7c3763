"""Declarations over the API: create, read, ownership, and every legal refusal as a 409 naming the rule."""

from __future__ import annotations

from datetime import date

import pytest

from app.auth.models import Role
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.patents.models import LegalStatus, PatentKind
from tests.declarations.helpers import publish

BODY = {
    "fee_method": "running_royalty",
    "royalty_rate_pct": "3.50",
    "period_start": "2026-12-01",
    "period_end": "2029-11-30",
    "contact": "许可办公室 024-23456789",
}

# One refusal per rule, through the API (the service-level table is in test_rules.py).
API_CASES = [
    ({"legal_status": LegalStatus.PENDING}, {}, "granted_in_force"),
    ({"exclusive_licence_until": date(2099, 1, 1)}, {}, "no_exclusive_licence"),
    ({"ownership_dispute": True}, {}, "no_ownership_dispute"),
    ({"pledged": True}, {}, "pledgee_consent"),
    (
        {"kind": PatentKind.UTILITY_MODEL, "filing_date": date(2021, 3, 1)},
        {"period_end": "2030-12-31"},
        "evaluation_report",
    ),
    ({}, {"royalty_rate_pct": None}, "fee_standard_complete"),
    ({}, {"period_end": "2045-01-01"}, "period_valid"),
    ({}, {"contact": ""}, "contact_given"),
]


@pytest.mark.parametrize(("patent_fields", "body", "rule"), API_CASES, ids=[c[2] for c in API_CASES])
def test_publish_refusal_is_409_with_rule(app, client, make_patent, patent_fields, body, rule, auth_headers):
    patent = make_patent(**patent_fields)
    auth = auth_headers(patent.owner)
    created = client.post("/api/v1/declarations", json={**BODY, **body, "patent_id": patent.id}, headers=auth)
    assert created.status_code == 201, created.get_json()
    resp = client.post(f"/api/v1/declarations/{created.get_json()['id']}/publish", headers=auth)
    assert resp.status_code == 409
    error = resp.get_json()["error"]
    assert error["code"] == "rule_violation" and rule in error["fields"]
    assert db.session.get(Declaration, created.get_json()["id"]).status == DeclarationStatus.DRAFT


def test_one_open_declaration_via_api(app, client, make_declaration, auth_headers):
    first = publish(make_declaration())
    second = make_declaration(first.patent)
    resp = client.post(f"/api/v1/declarations/{second.id}/publish", headers=auth_headers(first.owner))
    assert resp.status_code == 409 and "one_open_declaration" in resp.get_json()["error"]["fields"]


def test_create_publish_get_withdraw(app, client, make_patent, make_user, auth_headers):
    patent = make_patent()
    auth = auth_headers(patent.owner)
    created = client.post("/api/v1/declarations", json={**BODY, "patent_id": patent.id}, headers=auth)
    data = created.get_json()
    assert created.status_code == 201 and data["id"] and data["status"] == "draft"
    assert data["royalty_rate_pct"] == "3.50" and data["events"][0]["action"] == "created"
    stranger = auth_headers(make_user(Role.ENTERPRISE))
    assert client.get(f"/api/v1/declarations/{data['id']}", headers=stranger).status_code == 404
    published = client.post(f"/api/v1/declarations/{data['id']}/publish", headers=auth)
    assert published.status_code == 200 and published.get_json()["status"] == "published"
    seen = client.get(f"/api/v1/declarations/{data['id']}", headers=stranger).get_json()
    assert seen["amount_due_at_taking"] == "0.00" and "events" not in seen
    assert (
        client.post(f"/api/v1/declarations/{data['id']}/withdraw", json={}, headers=auth).status_code == 422
    )
    done = client.post(
        f"/api/v1/declarations/{data['id']}/withdraw", json={"reason": "停止许可"}, headers=auth
    )
    assert done.status_code == 200 and done.get_json()["status"] == "withdrawn"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"fee_method": "barter"}, "fee_method"),
        ({"lump_sum": "lots"}, "lump_sum"),
        ({"period_start": "2026/01/01"}, "period_start"),
        ({"patent_id": "1"}, "patent_id"),
    ],
)
def test_bad_input_is_422_and_saves_nothing(app, client, make_patent, body, field, auth_headers):
    patent = make_patent()
    resp = client.post(
        "/api/v1/declarations",
        json={**BODY, "patent_id": patent.id, **body},
        headers=auth_headers(patent.owner),
    )
    assert resp.status_code == 422 and field in resp.get_json()["error"]["fields"]
    assert db.session.query(Declaration).count() == 0


def test_roles_and_ownership(app, client, make_patent, make_user, make_declaration, auth_headers):
    patent = make_patent()
    enterprise = auth_headers(make_user(Role.ENTERPRISE))
    assert (
        client.post(
            "/api/v1/declarations", json={**BODY, "patent_id": patent.id}, headers=enterprise
        ).status_code
        == 403
    )
    other = auth_headers(make_user(Role.PATENTEE))
    assert (
        client.post("/api/v1/declarations", json={**BODY, "patent_id": patent.id}, headers=other).status_code
        == 403
    )
    decl = make_declaration(patent)
    assert client.post(f"/api/v1/declarations/{decl.id}/publish", headers=other).status_code == 403
    # the search is open data; a caller's own list (drafts included) still needs a token
    assert client.get("/api/v1/declarations").status_code == 200
    assert client.get("/api/v1/declarations?mine=1").status_code == 401


def test_search_and_mine(app, client, make_declaration, make_user, auth_headers):
    decl = publish(make_declaration())
    draft = make_declaration(decl.patent)
    auth = auth_headers(decl.owner)
    public = client.get(
        "/api/v1/declarations?q=计量&ipc_section=G", headers=auth_headers(make_user())
    ).get_json()
    assert [d["id"] for d in public["items"]] == [decl.id]
    mine = client.get("/api/v1/declarations?mine=1", headers=auth).get_json()
    assert {d["id"] for d in mine["items"]} == {decl.id, draft.id}
    bad = client.get("/api/v1/declarations?kind=plant", headers=auth)
    assert bad.status_code == 422 and "kind" in bad.get_json()["error"]["fields"]


def test_openapi_documents_the_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/declarations",
        "/declarations/{id}/publish",
        "/declarations/{id}/licences",
        "/licences/{id}/reports",
    ):
        assert path in paths
