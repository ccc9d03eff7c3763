"""The open API: search, detail and statistics without a token; a token, when sent, must be valid."""

from __future__ import annotations

import pytest

from tests.opendata.conftest import SECRETS


def test_anonymous_search_lists_announcements_in_force(client, market) -> None:
    data = client.get("/api/v1/declarations").get_json()
    assert {d["id"] for d in data["items"]} == {market.lump.id, market.running.id} and data["total"] == 2
    assert {d["contact"] for d in data["items"]} == {market.lump.contact}  # announced: contact is public


def test_anonymous_withdrawal_announcements_without_contact(client, market) -> None:
    [item] = client.get("/api/v1/declarations?status=withdrawn").get_json()["items"]
    assert item["id"] == market.withdrawn.id and item["contact"] is None
    assert item["withdrawal_reason"] == "技术方案调整" and "events" not in item


@pytest.mark.parametrize("status", ["draft", "expired", "nonsense"])
def test_only_public_statuses_can_be_listed(client, market, status) -> None:
    resp = client.get(f"/api/v1/declarations?status={status}")
    assert resp.status_code == 422 and "status" in resp.get_json()["error"]["fields"]


def test_anonymous_detail(client, market) -> None:
    assert client.get(f"/api/v1/declarations/{market.lump.id}").get_json()["contact"] == market.lump.contact
    assert client.get(f"/api/v1/declarations/{market.withdrawn.id}").get_json()["contact"] is None


def test_the_owner_keeps_the_private_parts(client, market, auth_headers) -> None:
    auth = auth_headers(market.patentee)
    withdrawn = client.get(f"/api/v1/declarations/{market.withdrawn.id}", headers=auth).get_json()
    assert withdrawn["contact"] == SECRETS["withdrawn_contact"] and "events" in withdrawn
    mine = client.get("/api/v1/declarations?mine=1", headers=auth).get_json()
    assert market.draft.id in {d["id"] for d in mine["items"]}


@pytest.mark.parametrize(
    "url",
    ["/api/v1/declarations", "/api/v1/declarations/{id}", "/api/v1/stats", "/api/v1/declarations?mine=1"],
)
@pytest.mark.parametrize("header", ["Bearer not-a-token", "Basic abc", "Bearer "])
def test_a_bad_token_is_refused_not_ignored(client, market, url, header) -> None:
    resp = client.get(url.format(id=market.lump.id), headers={"Authorization": header})
    assert resp.status_code == 401 and resp.get_json()["error"]["code"] == "unauthorised"


def test_mine_needs_a_token(client, market) -> None:
    resp = client.get("/api/v1/declarations?mine=1")
    assert resp.status_code == 401 and "mine=1" in resp.get_json()["error"]["message"]


def test_anonymous_stats_are_aggregates(client, market) -> None:
    data = client.get("/api/v1/stats").get_json()
    assert data["declarations_published"] == 2 and data["payments"]["total"] == "53500.00"
    assert "matches" not in data
