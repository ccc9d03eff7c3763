"""Valuation for pledge financing: the page, the PDF and POST /api/v1/valuations on a real patent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.auth.models import Role
from app.errors import Forbidden, ValidationFailed
from app.valuations import services as svc

pytestmark = pytest.mark.usefixtures("app")

# The fixture patent: invention filed 2020-03-01, so it expires 2040-02-29; on 2026-11-25, 13.26 years remain.
OWN_RATE = {"first_year_revenue": "1000000", "economic_life_years": "3", "royalty_rate_pct": "3",
            "discount_rate_pct": "10", "tax_rate_pct": "0"}  # fmt: skip
ESTIMATED = {"first_year_revenue": "5000000", "economic_life_years": "8", "industry_code": "4016",
             "profit_margin_pct": "15"}  # fmt: skip


def test_own_rate_matches_the_hand_computed_base(owner, patent) -> None:
    report = svc.value_own_patent(owner, patent.id, OWN_RATE)
    v = report.valuation
    assert (v.rates.low, v.rates.mid, v.rates.high, v.rate_source) == (
        D("2.40"),
        D("3.00"),
        D("3.60"),
        "entered",
    )
    assert v.result.values.mid == D("74605.56")  # 30,000/1.1 + 30,000/1.21 + 30,000/1.331
    assert v.expiry == date(2040, 2, 29) and v.legal_term_years == D("13.26")
    assert report.request.tax_rate_pct == D("0") and v.result.limited_by == "economic_life"


def test_rates_come_from_the_royalty_estimate(owner, patent) -> None:
    report = svc.value_own_patent(owner, patent.id, ESTIMATED)
    v = report.valuation
    assert v.rate_source == "estimate" and D(0) < v.rates.low <= v.rates.mid <= v.rates.high
    assert v.result.values.low < v.result.values.mid < v.result.values.high
    assert report.request.tax_rate_pct == D("25") and report.request.discount_rate_pct == D("10")  # defaults


def test_legal_term_caps_a_long_economic_life(owner, make_patent) -> None:
    old = make_patent(owner, publication_number="CN100000001B", filing_date=date(2008, 1, 10))
    report = svc.value_own_patent(owner, old.id, {**OWN_RATE, "economic_life_years": "20"})
    assert report.valuation.result.limited_by == "legal_term"
    assert report.valuation.result.life_years == report.valuation.legal_term_years == D("1.13")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_year_revenue": ""}, "first_year_revenue"),
        ({"first_year_revenue": "abc"}, "first_year_revenue"),
        ({"first_year_revenue": "1.001"}, "first_year_revenue"),
        ({"first_year_revenue": "-5"}, "first_year_revenue"),
        ({"economic_life_years": "0"}, "economic_life_years"),
        ({"economic_life_years": "31"}, "economic_life_years"),
        ({"discount_rate_pct": "0"}, "discount_rate_pct"),
        ({"growth_pct": "200"}, "growth_pct"),
        ({"tax_rate_pct": "100"}, "tax_rate_pct"),
        ({"royalty_rate_pct": "101"}, "royalty_rate_pct"),
        ({"royalty_rate_pct": ""}, "industry_code"),  # neither a rate nor an industry to estimate one
    ],
)
def test_bad_figures_name_the_field(owner, patent, changes, field) -> None:
    with pytest.raises(ValidationFailed) as err:
        svc.value_own_patent(owner, patent.id, {**OWN_RATE, **changes})
    assert field in err.value.fields


def test_estimate_needs_a_margin(owner, patent) -> None:
    with pytest.raises(ValidationFailed) as err:
        svc.value_own_patent(owner, patent.id, {**ESTIMATED, "profit_margin_pct": ""})
    assert "profit_margin_pct" in err.value.fields


def test_unknown_filing_date_and_others_patents_are_refused(owner, make_patent, make_user) -> None:
    undated = make_patent(owner, publication_number="CN100000002B", filing_date=None)
    with pytest.raises(ValidationFailed) as err:
        svc.value_own_patent(owner, undated.id, OWN_RATE)
    assert "filing_date" in err.value.fields
    with pytest.raises(Forbidden):
        svc.value_own_patent(make_user(Role.PATENTEE), undated.id, OWN_RATE)


def test_page_shows_disclaimer_range_and_sensitivity(client, login, owner, patent) -> None:
    login(owner)
    assert "不是资产评估机构" in client.get(f"/valuations/patents/{patent.id}").get_data(as_text=True)
    page = client.get(f"/valuations/patents/{patent.id}", query_string=OWN_RATE).get_data(as_text=True)
    assert "74,605.56" in page and 'class="sensitivity"' in page and "12%" in page and "%%" not in page
    bad = client.get(
        f"/valuations/patents/{patent.id}", query_string={**OWN_RATE, "economic_life_years": "x"}
    )
    assert bad.status_code == 422 and "须为数字" in bad.get_data(as_text=True)


def test_pdf(client, login, owner, patent) -> None:
    login(owner)
    resp = client.get(f"/valuations/patents/{patent.id}/report.pdf", query_string=OWN_RATE)
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    assert resp.get_data().startswith(b"%PDF")


def test_api(client, auth_headers, owner, patent) -> None:
    resp = client.post(
        "/api/v1/valuations", json={"patent_id": patent.id, **OWN_RATE}, headers=auth_headers(owner)
    )
    data = resp.get_json()
    assert resp.status_code == 200, data
    assert data["value"]["base"] == "74605.56"
    assert data["royalty_rates_pct"] == {"low": "2.40", "mid": "3.00", "high": "3.60", "source": "entered"}
    assert data["method"] == "relief_from_royalty" and "资产评估" in data["disclaimer"]
    assert len(data["sensitivity"]) == 3 and len(data["schedule"]) == 3
    bad = client.post("/api/v1/valuations", json={"patent_id": "1", **OWN_RATE}, headers=auth_headers(owner))
    assert bad.status_code == 422 and "patent_id" in bad.get_json()["error"]["fields"]
