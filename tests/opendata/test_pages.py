"""Public pages: statistics with charts and tables, the front page, API docs; no inline script; no N+1."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import event

from app.auth.models import Role
from app.declarations.models import DeclarationStatus
from app.extensions import db

STATIC = Path(__file__).resolve().parents[2] / "app" / "static"
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def _no_inline_script(html: str) -> None:
    for attrs in SCRIPT.findall(html):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
    assert not HANDLER.search(html) and "javascript:" not in html


def _chart_data(html: str) -> dict:
    blocks = re.findall(r'<script type="application/json" class="chart-data">(.*?)</script>', html, re.S)
    merged: dict = {}
    for block in blocks:
        merged.update(json.loads(block))
    return merged


def test_statistics_page_has_every_chart_with_its_table(client, market) -> None:
    html = client.get("/statistics").get_data(as_text=True)
    charts = _chart_data(html)
    ids = [
        "chart-declarations",
        "chart-licences",
        "chart-royalties",
        "chart-ipc",
        "chart-industry",
        "chart-region",
        "chart-high-value",
        "chart-high-value-sei",
    ]
    assert sorted(charts) == sorted(ids)
    for chart_id in ids:
        assert f'data-chart="{chart_id}"' in html and f'id="{chart_id}-table"' in html
    assert charts["chart-royalties"]["series"][0]["data"][-1] == 53500.0
    assert "53,500.00" in html and "vendor/echarts/echarts.min.js" in html
    assert "战略性新兴产业" in html  # the note saying why that chart is missing
    _no_inline_script(html)


def test_statistics_page_in_english(client, market) -> None:
    html = client.get("/statistics?lang=en").get_data(as_text=True)
    assert "Open licence data" in html and "Declarations announced per month" in html


def test_statistics_page_bad_filter(client) -> None:
    resp = client.get("/statistics?ipc_section=Z&province=火星")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and 'id="statistics-error"' in html and "data-chart" not in html


def test_front_page_live_figures_latest_and_pools(client, market) -> None:
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'id="figure-announcements">2<', html) and re.search(r'id="figure-licences">2<', html)
    assert "¥53,500.00" in html and re.search(r'id="figure-enterprises">1<', html)
    assert market.running.patent.title in html and 'id="open-pool-offers"' in html
    assert 'id="home-search"' in html and 'href="/auth/signup"' in html
    _no_inline_script(html)


@pytest.mark.parametrize(
    ("role", "action"),
    [
        (Role.PATENTEE, "/declarations/new"),
        (Role.ENTERPRISE, "/matches/subscriptions"),
        (Role.OPERATOR, "/pools/mine"),
    ],
)
def test_front_page_call_to_action_per_role(client, make_user, login, role, action) -> None:
    login(make_user(role))
    html = client.get("/").get_data(as_text=True)
    assert f'href="{action}"' in html


def test_api_docs_page_uses_the_vendored_swagger_ui(client) -> None:
    html = client.get("/api/docs").get_data(as_text=True)
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in html and 'data-spec-url="/api/v1/openapi.json"' in html
    _no_inline_script(html)
    versions = (STATIC / "vendor" / "VERSIONS.txt").read_text()
    for path in ("echarts/echarts.min.js", "swagger-ui/swagger-ui-bundle.js", "api-docs.js", "charts.js"):
        assert (STATIC / ("vendor/" if "/" in path else "") / path).stat().st_size > 0
    assert "echarts 6.1.0 Apache-2.0" in versions


def test_operator_view_has_the_charts_for_their_region_and_push_rates(
    client, market, make_user, login
) -> None:
    login(make_user(Role.OPERATOR))
    html = client.get("/stats/").get_data(as_text=True)
    assert 'data-chart="chart-push"' in html and 'data-chart="chart-region"' in html
    assert 'value="辽宁省" selected' in html  # the operator's own province on the first visit
    _no_inline_script(html)
    assert 'value="辽宁省" selected' not in client.get("/stats/?province=").get_data(as_text=True)


def _queries(client, url: str) -> int:
    seen: list[str] = []
    engine = db.engine
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        resp = client.get(url)
        assert resp.status_code == 200 and resp.get_data()  # a streamed body runs its queries here
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


@pytest.mark.parametrize(
    "url", ["/", "/announcements", "/statistics", "/announcements.csv", "/api/v1/declarations"]
)
def test_public_pages_do_not_query_per_announcement(
    client, market, make_declaration, make_patent, url
) -> None:
    before = _queries(client, url)
    for number in ("CN114081026A", "CN215667380U", "CN215792497U"):
        patent = make_patent(publication_number=number)  # a new patentee each: no identity-map luck
        make_declaration(
            patent,
            status=DeclarationStatus.PUBLISHED,
            ipc_sections=",G,",
            published_at=market.lump.published_at,
        )
    assert _queries(client, url) == before


def test_open_operations_are_documented_with_optional_security(client) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    open_ops = sorted(
        f"{method.upper()} {path}"
        for path, ops in doc["paths"].items()
        for method, op in ops.items()
        if {} in op.get("security", [{"bearer": []}])
    )
    assert open_ops == ["GET /declarations", "GET /declarations/{id}", "GET /stats"]
    assert doc["paths"]["/stats"]["get"]["security"] == [{"bearer": []}, {}]
