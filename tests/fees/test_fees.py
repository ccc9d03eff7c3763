"""A patent's annual fees on its page and over GET /api/v1/patents/{id}/fees (Rules 2023 Art. 115)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.auth.models import Role
from app.declarations.models import DeclarationStatus
from app.extensions import db

# The tests' day is 2026-11-25. An invention filed 2016-07-10, granted 2019-08-20, paid through year 10:
# year 11 (CNY 4,000) fell due 2026-07-10, so today it is four completed months late: grace, 20 % surcharge.
DATES = dict(
    filing_date=date(2016, 7, 10), grant_date=date(2019, 8, 20), annual_fee_paid_until=date(2026, 1, 1)
)


@pytest.fixture
def patent(make_patent):
    return make_patent(**DATES)


def test_owner_reads_the_fee_position_in_grace(client, patent, auth_headers):
    resp = client.get(f"/api/v1/patents/{patent.id}/fees", headers=auth_headers(patent.owner))
    assert resp.status_code == 200
    data = resp.get_json()
    assert (data["patent_year"], data["paid_until"]) == (11, "2026-07-09")
    assert data["next_due"] == {
        "year": 11,
        "due_date": "2026-07-10",
        "full_amount": "4000.00",
        "reduction_pct": "0",
        "reduction_basis": None,
        "amount": "4000.00",
        "status": "grace",
    }
    assert data["grace"] == {"deadline": "2027-01-10", "months_late": 4, "surcharge": "800.00"}
    assert [y["year"] for y in data["schedule"]] == list(range(4, 21))


def test_fees_due_while_an_open_licence_is_published_are_reduced(
    client, make_patent, make_declaration, auth_headers
):
    patent = make_patent(
        filing_date=date(2016, 12, 20), grant_date=date(2019, 8, 20), annual_fee_paid_until=date(2026, 1, 1)
    )
    make_declaration(
        patent, status=DeclarationStatus.PUBLISHED, published_at=datetime(2026, 3, 1, tzinfo=UTC)
    )
    data = client.get(f"/api/v1/patents/{patent.id}/fees", headers=auth_headers(patent.owner)).get_json()
    assert data["next_due"]["due_date"] == "2026-12-20"
    assert (data["next_due"]["reduction_basis"], data["next_due"]["reduction_pct"]) == ("open_licence", "15")
    assert (data["next_due"]["full_amount"], data["next_due"]["amount"], data["next_due"]["status"]) == (
        "4000.00",
        "3400.00",
        "due",
    )
    assert data["grace"] is None


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.OPERATOR, 200), (Role.ADMIN, 200), (Role.PATENTEE, 403), (Role.ENTERPRISE, 403)],
)
def test_only_the_owner_and_operators_see_fees(client, patent, make_user, auth_headers, role, status):
    resp = client.get(f"/api/v1/patents/{patent.id}/fees", headers=auth_headers(make_user(role)))
    assert resp.status_code == status


def test_anonymous_and_unknown_patents_are_refused(client, patent, auth_headers):
    assert client.get(f"/api/v1/patents/{patent.id}/fees").status_code == 401
    assert client.get("/api/v1/patents/99999/fees", headers=auth_headers(patent.owner)).status_code == 404


def test_without_dates_the_api_says_why(client, make_patent, auth_headers):
    patent = make_patent(filing_date=None)
    resp = client.get(f"/api/v1/patents/{patent.id}/fees", headers=auth_headers(patent.owner))
    assert resp.status_code == 409
    assert "申请日" in resp.get_json()["error"]["message"]


def test_patent_page_shows_the_grace_period_and_surcharge(client, patent, login):
    html = login(patent.owner).get(f"/patents/{patent.id}").get_data(as_text=True)
    assert "滞纳期" in html and "2026-07-10" in html and "2027-01-10" in html and "¥800.00" in html
    assert "¥4,000.00" in html


def test_patent_page_without_dates_says_fees_cannot_be_computed(client, make_patent, login):
    patent = make_patent(filing_date=None)
    html = login(patent.owner).get(f"/patents/{patent.id}").get_data(as_text=True)
    assert "无法计算年费" in html
    db.session.rollback()


def pay(client, patent, headers, **body):
    values = {"year": 11, "paid_on": "2026-11-20", "amount": "4800.00"}
    values.update(body)
    return client.post(f"/api/v1/patents/{patent.id}/fee-payments", json=values, headers=headers)


def test_recording_the_late_fee_moves_paid_until(client, patent, auth_headers):
    resp = pay(client, patent, auth_headers(patent.owner))
    assert resp.status_code == 201, resp.get_json()
    data = resp.get_json()
    assert data["payment"] == {"year": 11, "paid_on": "2026-11-20", "amount": "4800.00"}
    assert data["fees"]["paid_until"] == "2027-07-09"
    assert data["fees"]["next_due"]["year"] == 12 and data["fees"]["next_due"]["status"] == "due"
    assert data["fees"]["grace"] is None
    assert db.session.get(type(patent), patent.id).annual_fee_paid_until == date(2027, 7, 9)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"year": 12}, "year"),
        ({"year": "11"}, "year"),
        ({"paid_on": "2026-11-26"}, "paid_on"),
        ({"paid_on": "2015-01-01"}, "paid_on"),
        ({"paid_on": "2026-11-31"}, "paid_on"),
        ({"amount": "0"}, "amount"),
        ({"amount": "5000.01"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"amount": None}, "amount"),
    ],
)
def test_bad_fee_payments_are_refused_and_write_nothing(client, patent, auth_headers, body, field):
    resp = pay(client, patent, auth_headers(patent.owner), **body)
    assert resp.status_code == 422
    assert field in resp.get_json()["error"]["fields"]
    assert db.session.get(type(patent), patent.id).annual_fee_paid_until == date(2026, 1, 1)


def test_a_fee_paid_after_the_grace_deadline_is_refused(client, make_patent, auth_headers):
    patent = make_patent(
        filing_date=date(2016, 5, 10), grant_date=date(2019, 8, 20), annual_fee_paid_until=date(2026, 1, 1)
    )
    resp = pay(client, patent, auth_headers(patent.owner), paid_on="2026-11-10")
    assert resp.status_code == 422
    assert "2026-11-10" in resp.get_json()["error"]["fields"]["paid_on"]
    assert pay(client, patent, auth_headers(patent.owner), paid_on="2026-11-09").status_code == 201


@pytest.mark.parametrize("role", [Role.PATENTEE, Role.ENTERPRISE, Role.OPERATOR])
def test_only_the_owner_records_fee_payments(client, patent, make_user, auth_headers, role):
    assert pay(client, patent, auth_headers(make_user(role))).status_code == 403


def test_owner_records_a_payment_and_declares_a_fee_reduction_on_the_page(client, patent, login):
    login(patent.owner)
    resp = client.post(f"/patents/{patent.id}/fees/reduction", data={"fee_reduction_pct": "85"})
    assert resp.status_code == 302
    html = client.get(f"/patents/{patent.id}").get_data(as_text=True)
    assert "¥600.00" in html  # 4,000 less 85 %
    resp = client.post(
        f"/patents/{patent.id}/fees/payments",
        data={"year": "11", "paid_on": "2026-11-20", "amount": "1400.00"},
        follow_redirects=True,
    )
    assert "已登记第 11 年度年费" in resp.get_data(as_text=True)
    assert db.session.get(type(patent), patent.id).annual_fee_paid_until == date(2027, 7, 9)


def test_page_forms_refuse_bad_input_with_a_message(client, patent, login):
    login(patent.owner)
    resp = client.post(
        f"/patents/{patent.id}/fees/reduction", data={"fee_reduction_pct": "50"}, follow_redirects=True
    )
    assert patent.fee_reduction_pct is None
    resp = client.post(
        f"/patents/{patent.id}/fees/payments",
        data={"year": "11", "paid_on": "2026-13-01", "amount": "1400"},
        follow_redirects=True,
    )
    assert resp.status_code == 200
    assert db.session.get(type(patent), patent.id).annual_fee_paid_until == date(2026, 1, 1)


def test_another_patentee_cannot_post_to_the_fee_forms(client, patent, make_user, login):
    login(make_user(Role.PATENTEE))
    resp = client.post(
        f"/patents/{patent.id}/fees/reduction", data={"fee_reduction_pct": "85"}, follow_redirects=True
    )
    assert "无权" in resp.get_data(as_text=True)
    assert db.session.get(type(patent), patent.id).fee_reduction_pct is None
