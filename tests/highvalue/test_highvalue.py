"""CNIPA's five high-value categories, with evidence, for valid inventions only; the facts by form and API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.auth.models import Role
from app.errors import ValidationFailed
from app.extensions import db
from app.highvalue.services import (
    family_number,
    high_value_of,
    parse_high_value_input,
    update_high_value_facts,
)
from app.patents.models import LegalStatus, PatentKind

# The tests' day is 2026-11-25. make_patent: an invention filed 2020-03-01, fees paid, IPC G01D/G01F (no SEI).
OLD = dict(filing_date=date(2014, 3, 1), grant_date=date(2017, 6, 1), annual_fee_paid_until=date(2027, 1, 1))


def codes(patent) -> list[str]:
    return [c.code for c in high_value_of(patent)]


def facts(patent, **data):
    update_high_value_facts(patent.owner, patent.id, parse_high_value_input(data))
    db.session.commit()


def test_an_ordinary_recent_invention_is_not_high_value(app, make_patent):
    assert codes(make_patent()) == []


@pytest.mark.parametrize(
    ("fields", "data", "code", "evidence"),
    [
        ({"ipc_codes": ["H02J 3/38"]}, {}, "sei", "6.2 风能产业"),
        ({}, {"foreign_family": "US10123456B2\nPCT/CN2021/123456"}, "overseas_family", "PCT/CN2021/123456"),
        (OLD, {}, "maintained_10y", "2014-03-01"),
        ({}, {"pledge_amount": "10000000", "pledgee": "盛京银行"}, "pledge_financing", "盛京银行"),
        (
            {},
            {"awards": [{"name": "china_patent_award", "level": "金奖", "year": 2023}]},
            "award",
            "中国专利奖 金奖（2023）",
        ),
    ],
)
def test_each_category_with_its_evidence(app, make_patent, fields, data, code, evidence):
    patent = make_patent(**fields)
    if data:
        facts(patent, **data)
    found = high_value_of(patent)
    assert [c.code for c in found] == [code]
    assert evidence in found[0].evidence


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": PatentKind.UTILITY_MODEL, "publication_number": "CN215792497U"},
        {"legal_status": LegalStatus.LAPSED},
        {**OLD, "annual_fee_paid_until": date(2025, 1, 1)},  # fee for 2025-03-01 unpaid past grace: lapsed
        {
            "filing_date": date(2005, 3, 1),
            "grant_date": date(2008, 1, 1),
            "annual_fee_paid_until": date(2025, 12, 1),
        },
    ],
    ids=["utility model", "lapsed", "fees unpaid", "term over"],
)
def test_only_valid_inventions_can_be_high_value(app, make_patent, fields):
    patent = make_patent(ipc_codes=["H02J 3/38"], **fields)
    facts(patent, foreign_family="US10123456B2", pledge_amount="50000000")
    assert codes(patent) == []


def test_a_pledge_below_the_threshold_does_not_count(app, make_patent):
    patent = make_patent()
    facts(patent, pledge_amount="9999999.99")
    assert codes(patent) == []
    app.config["HIGH_VALUE_PLEDGE_THRESHOLD"] = Decimal("5000000")
    assert codes(patent) == ["pledge_financing"]


def test_ten_years_is_counted_from_the_filing_date(app, make_patent):
    assert codes(make_patent(filing_date=date(2016, 11, 25), grant_date=date(2019, 1, 1))) == []
    assert codes(
        make_patent(
            publication_number="CN111111111B",
            filing_date=date(2016, 11, 24),
            grant_date=date(2019, 1, 1),
            annual_fee_paid_until=date(2027, 1, 1),
        )
    ) == ["maintained_10y"]


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("US10123456B2", "US10123456B2"),
        ("ep 3456789 a1", "EP3456789A1"),
        ("WO2021/123456A1", "WO2021/123456A1"),
        ("PCT/CN2021/123456", "PCT/CN2021/123456"),
        ("JP2021123456A", "JP2021123456A"),
        ("CN111504366B", None),
        ("US", None),
        ("PCT/CN21/1234", None),
        ("=HYPERLINK(1)", None),
    ],
)
def test_family_numbers_are_validated(raw, ok):
    assert family_number(raw) == ok


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"foreign_family": "CN111504366B"}, "foreign_family"),
        ({"pledge_amount": "-1"}, "pledge_amount"),
        ({"pledge_amount": "1e30"}, "pledge_amount"),
        ({"pledge_amount": "12.345"}, "pledge_amount"),
        ({"pledge_amount": "abc"}, "pledge_amount"),
        ({"pledgee": "行" * 201}, "pledgee"),
        ({"awards": [{"name": "china_patent_award", "level": "一等奖", "year": 2023}]}, "awards"),
        ({"awards": [{"name": "china_patent_award", "level": "金奖", "year": 2031}]}, "awards"),
        ({"awards": ["金奖"]}, "awards"),
        ({"awards": "金奖"}, "awards"),
    ],
)
def test_bad_facts_are_refused_naming_the_field(data, field, app):
    with pytest.raises(ValidationFailed) as exc:
        parse_high_value_input(data)
    assert field in exc.value.fields


def test_api_sets_the_facts_and_the_patent_json_shows_the_categories(client, make_patent, auth_headers):
    patent = make_patent(ipc_codes=["H02J 3/38"], **OLD)
    body = {
        "foreign_family": ["US10123456B2"],
        "pledge_amount": "20000000.00",
        "pledgee": "盛京银行",
        "awards": [],
    }
    resp = client.put(
        f"/api/v1/patents/{patent.id}/high-value", json=body, headers=auth_headers(patent.owner)
    )
    assert resp.status_code == 200, resp.get_json()
    data = resp.get_json()
    assert (data["foreign_family"], data["pledge_amount"], data["pledgee"]) == (
        ["US10123456B2"],
        "20000000.00",
        "盛京银行",
    )
    assert data["high_value"]["is_high_value"] is True
    assert [c["code"] for c in data["high_value"]["categories"]] == [
        "sei",
        "overseas_family",
        "maintained_10y",
        "pledge_financing",
    ]
    bad = client.put(
        f"/api/v1/patents/{patent.id}/high-value",
        json={"pledge_amount": "x"},
        headers=auth_headers(patent.owner),
    )
    assert bad.status_code == 422 and "pledge_amount" in bad.get_json()["error"]["fields"]


@pytest.mark.parametrize("role", [Role.PATENTEE, Role.ENTERPRISE, Role.OPERATOR])
def test_only_the_owner_sets_the_facts(client, make_patent, make_user, auth_headers, role):
    patent = make_patent()
    resp = client.put(
        f"/api/v1/patents/{patent.id}/high-value", json={}, headers=auth_headers(make_user(role))
    )
    assert resp.status_code == 403


def test_page_shows_the_badge_and_the_owner_saves_the_form(client, make_patent, login):
    patent = make_patent()
    login(patent.owner)
    form = {
        "foreign_family": "US10123456B2",
        "pledge_amount": "",
        "pledgee": "",
        "award_name": "national_sti_award",
        "award_level": "二等奖",
        "award_year": "2020",
    }
    html = client.post(f"/patents/{patent.id}/high-value", data=form, follow_redirects=True).get_data(
        as_text=True
    )
    assert "高价值信息已保存" in html and "高价值发明专利" in html
    assert "US10123456B2" in html and "国家科学技术奖 二等奖（2020）" in html
    bad = client.post(
        f"/patents/{patent.id}/high-value", data={**form, "award_year": "abc"}, follow_redirects=True
    )
    assert "获奖年份" in bad.get_data(as_text=True)
