"""Above the caps reported for 国知发运字〔2024〕19号 the product warns (never refuses): page and API."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.declarations.caps import FeeCaps, fee_warnings
from app.declarations.models import FeeMethod

BODY = {"period_start": "2026-12-01", "period_end": "2029-11-30", "contact": "许可办公室 024-23456789"}


@pytest.mark.parametrize(
    ("fee", "count"),
    [
        ({"fee_method": "lump_sum", "lump_sum": "20000000.00"}, 0),
        ({"fee_method": "lump_sum", "lump_sum": "20000000.01"}, 1),
        ({"fee_method": "running_royalty", "royalty_rate_pct": "20.00"}, 0),
        ({"fee_method": "running_royalty", "royalty_rate_pct": "20.50"}, 1),
        ({"fee_method": "entry_plus_running", "entry_fee": "30000000", "royalty_rate_pct": "25"}, 2),
    ],
)
def test_api_warns_above_the_caps_and_still_saves(app, client, make_patent, fee, count, auth_headers):
    patent = make_patent()
    resp = client.post(
        "/api/v1/declarations",
        json={**BODY, **fee, "patent_id": patent.id},
        headers=auth_headers(patent.owner),
    )
    assert resp.status_code == 201
    warnings = resp.get_json()["warnings"]
    assert len(warnings) == count
    assert all("国知发运字〔2024〕19号" in w and "未经核实" in w for w in warnings)


def test_draft_preview_page_shows_the_warning(app, client, login, make_declaration):
    decl = make_declaration(lump_sum=Decimal("50000000.00"))
    login(decl.owner)
    page = client.get(f"/declarations/{decl.id}").get_data(as_text=True)
    assert "费用提示" in page and "20,000,000" in page and "国知发运字〔2024〕19号" in page


def test_no_warning_within_the_caps(app, client, login, make_declaration):
    decl = make_declaration(fee_method=FeeMethod.LUMP_SUM, lump_sum=Decimal("50000.00"))
    login(decl.owner)
    assert "费用提示" not in client.get(f"/declarations/{decl.id}").get_data(as_text=True)


def test_caps_are_settings(app, make_declaration):
    decl = make_declaration(lump_sum=Decimal("50000.00"))
    assert fee_warnings(decl) == []
    assert len(fee_warnings(decl, FeeCaps(fixed_cny=Decimal("10000")))) == 1
    app.config["FEE_CAP_FIXED_CNY"] = "40000"
    assert len(fee_warnings(decl)) == 1
