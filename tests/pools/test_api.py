"""/api/v1/pools, /alliances and /cross-licences: the same rules as the pages, as JSON."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.auth.models import Role
from app.extensions import db
from app.pools.models import PoolPatent

BODY = {
    "name": "流量计量专利池",
    "field_ipc": ["G01F"],
    "term_start": "2026-12-01",
    "term_end": "2029-11-30",
    "fee_method": "lump_sum",
    "lump_sum": "100.00",
    "admin_fee_pct": "10",
}


def test_pool_lifecycle_over_the_api(client, auth_headers, operator, make_user, pool_patent):
    op = auth_headers(operator)
    owners = [make_user(Role.PATENTEE) for _ in range(3)]
    patents = [pool_patent(o) for o in owners]
    pool = client.post("/api/v1/pools", json=BODY, headers=op).get_json()
    rows = client.post(
        f"/api/v1/pools/{pool['id']}/invitations", json={"patent_ids": [p.id for p in patents]}, headers=op
    )
    assert rows.status_code == 201
    for owner, row in zip(owners, rows.get_json()["items"], strict=True):
        resp = client.post(f"/api/v1/pools/patents/{row['id']}/consent", headers=auth_headers(owner))
        assert resp.get_json()["status"] == "consented"
    assert client.post(f"/api/v1/pools/{pool['id']}/open", headers=op).get_json()["status"] == "open"
    ent = auth_headers(make_user(Role.ENTERPRISE))
    taken = client.post(
        f"/api/v1/pools/{pool['id']}/licences",
        json={"notice": "实施", "payment_reference": "P-1"},
        headers=ent,
    )
    assert taken.status_code == 201 and taken.get_json()["status"] == "payment_pending"
    payment_id = taken.get_json()["payment"]["id"]
    assert client.post(f"/api/v1/payments/{payment_id}/confirm", headers=ent).status_code == 403  # payer
    assert (
        client.post(f"/api/v1/payments/{payment_id}/confirm", headers=op).get_json()["status"] == "confirmed"
    )
    ledger = client.get(f"/api/v1/pools/{pool['id']}/ledger", headers=auth_headers(owners[0])).get_json()
    line = ledger["items"][0]
    assert line["admin_fee"] == "10.00" and [s["amount"] for s in line["shares"]] == ["30.00"] * 3
    assert sum(Decimal(s["amount"]) for s in line["shares"]) + Decimal(line["admin_fee"]) == Decimal(
        line["amount"]
    )
    listed = client.get("/api/v1/pools", headers=ent).get_json()["items"]
    assert [p["id"] for p in listed] == [pool["id"]] and len(listed[0]["patents"]) == 3


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lump_sum": "abc"}, "lump_sum"),
        ({"term_end": "31/12/2029"}, "term_end"),
        ({"distribution_rule": "random"}, "distribution_rule"),
        ({"fee_method": "entry_plus_running"}, "fee_method"),
        ({"field_ipc": []}, "field_ipc"),
        ({"admin_fee_pct": "101"}, "admin_fee_pct"),
    ],
)
def test_create_pool_bad_input(client, auth_headers, operator, change, field):
    resp = client.post("/api/v1/pools", json={**BODY, **change}, headers=auth_headers(operator))
    assert resp.status_code == 422 and field in resp.get_json()["error"]["fields"]


@pytest.mark.parametrize(
    ("role", "method", "path"),
    [
        (Role.ENTERPRISE, "post", "/api/v1/pools"),
        (Role.PATENTEE, "post", "/api/v1/pools/{id}/open"),
        (Role.OPERATOR, "post", "/api/v1/pools/{id}/licences"),
        (Role.ENTERPRISE, "get", "/api/v1/pools/{id}/ledger"),
        (Role.ENTERPRISE, "post", "/api/v1/alliances"),
        (Role.ENTERPRISE, "post", "/api/v1/cross-licences"),
    ],
)
def test_api_role_checks(client, auth_headers, make_user, make_pool, pool_patent, role, method, path):
    pool = make_pool([pool_patent(make_user(Role.PATENTEE))])
    resp = getattr(client, method)(path.format(id=pool.id), json={}, headers=auth_headers(make_user(role)))
    assert resp.status_code == 403 and resp.get_json()["error"]["code"] == "forbidden"


def test_api_ownership_checks(client, auth_headers, make_user, make_pool, pool_patent, operator):
    from app.pools.services import create_pool, invite_patents
    from tests.pools.conftest import pool_input

    pool = create_pool(operator, pool_input())
    row = invite_patents(operator, pool.id, [pool_patent(make_user(Role.PATENTEE)).id])[0]
    db.session.commit()
    other_op, other_pat = auth_headers(make_user(Role.OPERATOR)), auth_headers(make_user(Role.PATENTEE))
    assert client.post(f"/api/v1/pools/{pool.id}/open", headers=other_op).status_code == 403
    assert client.post(f"/api/v1/pools/patents/{row.id}/consent", headers=other_pat).status_code == 403
    assert db.session.get(PoolPatent, row.id).consent_at is None
    assert client.get("/api/v1/pools/9999", headers=other_op).status_code == 404
    assert (
        client.get(f"/api/v1/pools/{pool.id}", headers=other_op).status_code == 404
    )  # a draft is not public


def test_open_incomplete_pool_is_a_clear_error(client, auth_headers, operator):
    op = auth_headers(operator)
    pool = client.post(
        "/api/v1/pools", json={**BODY, "fee_method": None, "lump_sum": None}, headers=op
    ).get_json()
    resp = client.post(f"/api/v1/pools/{pool['id']}/open", headers=op)
    fields = resp.get_json()["error"]["fields"]
    assert resp.status_code == 422 and {"fee_method", "patents"} <= set(fields)


def test_openapi_documents_every_pool_route(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/pools",
        "/pools/{pool_id}/licences",
        "/pools/{pool_id}/ledger",
        "/alliances",
        "/cross-licences",
        "/cross-licences/{cross_id}/counter",
    ):
        assert path in paths
