"""/stats/ and GET /api/v1/stats: role checks, filters and bad values."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.declarations.models import DeclarationStatus


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.OPERATOR, 200), (Role.ADMIN, 200), (Role.PATENTEE, 403), (Role.ENTERPRISE, 403)],
)
def test_page_roles(client, make_user, login, role, status) -> None:
    login(make_user(role))
    assert client.get("/stats/").status_code == status


def test_no_panel_for_enterprise(client, make_user, login) -> None:
    login(make_user(Role.ENTERPRISE))
    html = client.get("/dashboard").get_data(as_text=True)
    assert 'id="stats-panel"' not in html and 'href="/stats/"' not in html


def test_page_needs_login(client) -> None:
    assert client.get("/stats/").status_code == 302


def test_page_shows_filtered_figures_and_honest_label(client, make_user, make_declaration, login) -> None:
    make_declaration(status=DeclarationStatus.PUBLISHED, ipc_sections=",G,")
    login(make_user(Role.OPERATOR))
    html = client.get("/stats/?province=辽宁省&ipc_section=G").get_data(as_text=True)
    assert '<td id="stat-published">1</td>' in html
    assert "维持年限超过10年" in html and "中国专利奖" in html
    html = client.get("/stats/?ipc_section=B").get_data(as_text=True)
    assert '<td id="stat-published">0</td>' in html


def test_page_bad_filter(client, make_user, login) -> None:
    login(make_user(Role.OPERATOR))
    resp = client.get("/stats/?ipc_section=Z")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "未知的 IPC 部" in html and 'id="stat-published"' not in html


def test_dashboard_panel_and_nav_for_operator(client, make_user, login) -> None:
    login(make_user(Role.OPERATOR))
    html = client.get("/dashboard").get_data(as_text=True)
    assert 'id="stats-panel"' in html and 'href="/stats/"' in html


@pytest.mark.parametrize(
    ("role", "sees_matches"),
    [(Role.OPERATOR, True), (Role.ADMIN, True), (Role.PATENTEE, False), (Role.ENTERPRISE, False)],
)
def test_api_roles(client, make_user, role, sees_matches, auth_headers) -> None:
    resp = client.get("/api/v1/stats", headers=auth_headers(make_user(role)))
    assert resp.status_code == 200
    assert ("matches" in resp.get_json()) is sees_matches


def test_api_is_open_data_without_match_figures(client) -> None:
    resp = client.get("/api/v1/stats")
    assert resp.status_code == 200
    assert "matches" not in resp.get_json() and "declarations_published" in resp.get_json()


def test_api_refuses_a_bad_token(client) -> None:
    assert client.get("/api/v1/stats", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_api_figures(client, make_user, make_declaration, auth_headers) -> None:
    make_declaration(status=DeclarationStatus.PUBLISHED, ipc_sections=",G,", industry_code="39")
    headers = auth_headers(make_user(Role.OPERATOR))
    body = client.get("/api/v1/stats?industry_section=C", headers=headers).get_json()
    assert body["declarations_published"] == 1
    assert body["payments"] == {"licences": "0.00", "pools": "0.00", "total": "0.00"}
    assert body["high_value_inventions"]["criterion"] == "maintained_over_10_years"
    body = client.get("/api/v1/stats?province=广东省", headers=headers).get_json()
    assert body["declarations_published"] == 0


@pytest.mark.parametrize("query", ["industry_section=Z", "ipc_section=9", "province=火星省"])
def test_api_bad_filter(client, make_user, query, auth_headers) -> None:
    resp = client.get(f"/api/v1/stats?{query}", headers=auth_headers(make_user(Role.OPERATOR)))
    assert resp.status_code == 422
    assert resp.get_json()["error"]["code"] == "validation_failed"


def test_api_is_documented(client) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    assert "get" in doc["paths"]["/stats"] and "Stats" in doc["components"]["schemas"]
