"""Issue 8 §5: size limits, control characters, text lengths and money bounds on forms, API and queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.declarations.models import Declaration
from app.extensions import db
from app.inputs import MAX_JSON_BYTES, MAX_UPLOAD_BYTES, QUERY_MAX, TEXT_MAX
from app.patents.models import Patent
from tests.uploads import post_file

MB = 1024 * 1024
API_BODY = {
    "fee_method": "lump_sum",
    "lump_sum": "50000.00",
    "period_start": "2026-12-01",
    "period_end": "2029-11-30",
    "contact": "许可办公室 024-23456789",
}
FORM = {**API_BODY, "lump_sum": "80,000", "industry_code": "C", "remarks": ""}


def _error(resp) -> dict:
    assert resp.is_json, resp.get_data(as_text=True)[:200]
    return resp.get_json()["error"]


def _create(client, auth_headers, patent, **body):
    return client.post(
        "/api/v1/declarations",
        json={**API_BODY, "patent_id": patent.id, **body},
        headers=auth_headers(patent.owner),
    )


def test_ten_megabyte_remarks_are_refused_with_413_json(app, client, make_patent, auth_headers):
    resp = _create(client, auth_headers, make_patent(), remarks="x" * (10 * MB))
    assert resp.status_code == 413 and _error(resp)["code"] == "request_entity_too_large"
    assert "2 MB" in _error(resp)["message"]
    assert db.session.scalar(select(Declaration)) is None


def test_a_large_web_form_gets_a_friendly_413_page(app, client, login, make_patent):
    patent = make_patent()
    login(patent.owner)
    resp = client.post("/declarations/new", data={**FORM, "patent_id": patent.id, "remarks": "x" * (3 * MB)})
    assert resp.status_code == 413 and "2 MB" in resp.get_data(as_text=True)
    assert not resp.is_json


@pytest.mark.parametrize(("size", "status"), [(MAX_JSON_BYTES + MB, 200), (MAX_UPLOAD_BYTES + MB, 413)])
def test_uploads_may_be_larger_than_json_up_to_5_mb(app, client, login, make_user, size, status):
    login(make_user(Role.PATENTEE))
    resp = post_file(client, "/patents/import", "patents.csv", b"x" * size)
    assert resp.status_code == status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("钠离子电池", 200),
        ("%00", 422),
        ("a%0Ab", 422),
        ("%7F", 422),
        ("%C2%85", 422),
        ("x" * (QUERY_MAX + 1), 422),
    ],
)
def test_query_strings_refuse_control_characters_and_long_values(client, value, status):
    resp = client.get(f"/announcements?q={value}")
    assert resp.status_code == status
    if status == 422:
        assert "q" in resp.get_data(as_text=True)


def test_api_query_string_control_character_is_422_naming_the_parameter(app, client, make_user, auth_headers):
    resp = client.get("/api/v1/declarations?q=%00", headers=auth_headers(make_user(Role.ENTERPRISE)))
    assert resp.status_code == 422 and "q" in _error(resp)["fields"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"contact": "nul\x00byte"}, "contact"),
        ({"contact": "two\r\nlines"}, "contact"),  # single-line field
        ({"remarks": "bell\x07"}, "remarks"),
        ({"remarks": "x" * (TEXT_MAX + 1)}, "remarks"),
        ({"remarks": "\ud800"}, "remarks"),  # a lone surrogate PostgreSQL cannot store
        ({"contact": "x" * 301}, "contact"),  # the column is String(300)
        ({"lump_sum": "1e20"}, "lump_sum"),
        ({"lump_sum": 1e20}, "lump_sum"),
        ({"lump_sum": "1000000000000.00"}, "lump_sum"),
        ({"lump_sum": "100.001"}, "lump_sum"),
        ({"royalty_rate_pct": "1e999999"}, "royalty_rate_pct"),
    ],
)
def test_api_body_bad_input_is_422_naming_the_field(app, client, make_patent, auth_headers, body, field):
    resp = _create(client, auth_headers, make_patent(), **body)
    assert resp.status_code == 422, resp.get_json()
    assert field in _error(resp)["fields"]
    assert db.session.scalar(select(Declaration)) is None


def test_multi_line_text_keeps_tabs_and_newlines(app, client, make_patent, auth_headers):
    resp = _create(client, auth_headers, make_patent(), remarks="第一行\r\n\t第二行")
    assert resp.status_code == 201
    assert db.session.scalar(select(Declaration.remarks)) == "第一行\r\n\t第二行"


def test_largest_amount_is_accepted_exactly(app, client, make_patent, auth_headers):
    resp = _create(client, auth_headers, make_patent(), lump_sum="999999999999.99")
    assert resp.status_code == 201 and resp.get_json()["lump_sum"] == "999999999999.99"


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"lump_sum": "1e20"}, "数值过大"),
        ({"lump_sum": "100.005"}, "最多保留两位小数"),
        ({"contact": "a\x00b"}, "控制字符"),
        ({"remarks": "a\x0bb"}, "控制字符"),
    ],
)
def test_web_form_bad_input_is_refused_and_nothing_written(app, client, login, make_patent, fields, text):
    patent = make_patent()
    login(patent.owner)
    resp = client.post("/declarations/new", data={**FORM, "patent_id": patent.id, **fields})
    assert resp.status_code in (200, 422) and text in resp.get_data(as_text=True)
    assert db.session.scalar(select(Declaration)) is None


def test_control_character_in_a_form_is_422_naming_the_field(app, client, login, make_patent):
    patent = make_patent()
    login(patent.owner)
    resp = client.post("/declarations/new", data={**FORM, "patent_id": patent.id, "contact": "a\x00b"})
    assert resp.status_code == 422 and "contact" in resp.get_data(as_text=True)


@pytest.mark.parametrize("depth", [30, 100_000])  # over JSON_DEPTH_MAX; over Python's recursion limit
def test_deeply_nested_json_is_422(app, client, make_patent, depth, auth_headers):
    patent = make_patent()
    body = '{"remarks": ' + "[" * depth + "]" * depth + "}"
    resp = client.post(
        "/api/v1/declarations",
        data=body,
        content_type="application/json",
        headers=auth_headers(patent.owner),
    )
    assert resp.status_code == 422


def test_the_flush_check_names_an_over_long_column(app, make_patent):
    from app.errors import ValidationFailed

    patent = make_patent()
    patent.title = "长" * 501
    with pytest.raises(ValidationFailed) as err:
        db.session.flush()
    assert set(err.value.fields) == {"title"}
    db.session.rollback()
    assert len(db.session.get(Patent, patent.id).title) < 501


def test_money_field_bounds(app):
    from app.inputs import decimal_problem

    assert decimal_problem(Decimal("999999999999.99")) is None
    assert decimal_problem(Decimal("-1e12")) is not None
