"""API: /api/v1/matches with reasons, feedback, subscriptions; enterprise tokens only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.extensions import db
from app.matches.models import Feedback, Subscription
from tests.matches.conftest import FLOW_METER, SODIUM_CATHODE, UPS_BATTERY


def test_matches_with_reasons(client, licence, enterprise, auth_headers):
    buyer = enterprise(needs="钠离子电池正极材料", subs=(("ipc", "H01M", "daily"),))
    sodium = licence(SODIUM_CATHODE)
    licence(UPS_BATTERY)
    licence(FLOW_METER)
    resp = client.get("/api/v1/matches?k=2", headers=auth_headers(buyer))
    assert resp.status_code == 200
    items = resp.get_json()["items"]
    assert [i["declaration_id"] for i in items][0] == sodium.id and len(items) == 2
    assert items[0]["score"] >= items[1]["score"]
    assert set(items[0]["reasons"]) == {
        "shared_terms",
        "ipc_links",
        "industry_links",
        "channel_scores",
        "summary_zh",
    }


@pytest.mark.parametrize("k", ["0", "51", "ten", "-1"])
def test_bad_k_is_422(client, enterprise, auth_headers, k):
    resp = client.get(f"/api/v1/matches?k={k}", headers=auth_headers(enterprise(needs="电池")))
    assert resp.status_code == 422 and resp.get_json()["error"]["fields"] == {"k": "1–50"}


@pytest.mark.parametrize("role", [Role.PATENTEE, Role.OPERATOR])
def test_other_roles_get_403(client, make_user, auth_headers, role):
    headers = auth_headers(make_user(role))
    assert client.get("/api/v1/matches", headers=headers).status_code == 403
    assert client.get("/api/v1/subscriptions", headers=headers).status_code == 403
    assert (
        client.post("/api/v1/matches/1/feedback", json={"useful": True}, headers=headers).status_code == 403
    )


def test_no_token_is_401(client):
    assert client.get("/api/v1/matches").status_code == 401


def test_feedback(client, licence, enterprise, auth_headers):
    buyer = enterprise()
    decl = licence(SODIUM_CATHODE)
    headers = auth_headers(buyer)
    for useful in (False, True):
        resp = client.post(f"/api/v1/matches/{decl.id}/feedback", json={"useful": useful}, headers=headers)
        assert resp.status_code == 200 and resp.get_json()["useful"] is useful
    assert [(f.declaration_id, f.useful) for f in db.session.scalars(select(Feedback))] == [(decl.id, True)]


@pytest.mark.parametrize(("body", "status"), [({"useful": "yes"}, 422), ({}, 422), ([True], 422)])
def test_bad_feedback_body(client, licence, enterprise, auth_headers, body, status):
    decl = licence(SODIUM_CATHODE)
    resp = client.post(f"/api/v1/matches/{decl.id}/feedback", json=body, headers=auth_headers(enterprise()))
    assert resp.status_code == status and "error" in resp.get_json()
    assert db.session.scalar(select(Feedback)) is None


def test_feedback_on_unknown_licence_is_404(client, enterprise, auth_headers):
    resp = client.post(
        "/api/v1/matches/404/feedback", json={"useful": True}, headers=auth_headers(enterprise())
    )
    assert resp.status_code == 404


def test_subscriptions_crud(client, enterprise, auth_headers):
    headers = auth_headers(enterprise())
    created = client.post("/api/v1/subscriptions", json={"kind": "industry", "value": "38"}, headers=headers)
    assert created.status_code == 201
    body = created.get_json()
    assert (body["kind"], body["value"], body["frequency"]) == ("industry", "38", "immediately")
    listed = client.get("/api/v1/subscriptions", headers=headers).get_json()["items"]
    assert [s["id"] for s in listed] == [body["id"]]
    assert client.delete(f"/api/v1/subscriptions/{body['id']}", headers=headers).status_code == 204
    assert client.delete(f"/api/v1/subscriptions/{body['id']}", headers=headers).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "ipc", "value": "not-ipc"}, "value"),
        ({"kind": "planet", "value": "H01M"}, "kind"),
        ({"kind": "ipc", "value": "H01M", "frequency": "hourly"}, "frequency"),
        ({"kind": "keywords", "value": 42}, "value"),
    ],
)
def test_bad_subscription_is_422(client, enterprise, auth_headers, body, field):
    resp = client.post("/api/v1/subscriptions", json=body, headers=auth_headers(enterprise()))
    assert resp.status_code == 422 and field in resp.get_json()["error"]["fields"]
    assert db.session.scalar(select(Subscription)) is None


def test_cannot_delete_another_enterprises_subscription(client, enterprise, auth_headers):
    owner = enterprise(subs=(("ipc", "H01M", "daily"),))
    sub_id = db.session.scalar(select(Subscription.id))
    assert (
        client.delete(f"/api/v1/subscriptions/{sub_id}", headers=auth_headers(enterprise())).status_code
        == 403
    )
    assert db.session.scalar(select(Subscription.user_id)) == owner.id


def test_documented(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"get"} <= set(paths["/matches"]) and "post" in paths["/matches/{declaration_id}/feedback"]
    assert {"get", "post"} <= set(paths["/subscriptions"]) and "delete" in paths["/subscriptions/{id}"]
