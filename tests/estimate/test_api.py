"""POST /api/v1/royalties/estimate: same result as the wizard's service, field errors, auth, OpenAPI."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.estimate.forms import estimate_input
from app.estimate.services import run_estimate, today
from app.extensions import db
from app.patents.models import Patent
from royalties.estimate import to_dict
from tests.estimate.conftest import business_form, facts_form
from tests.estimate.test_wizard import cleaned

URL = "/api/v1/royalties/estimate"


def body(**overrides):
    data = {**facts_form(), **business_form()}
    data["claim_count"] = 9  # JSON numbers are fine for counts; money stays in decimal strings
    return {**data, **overrides}


def test_same_input_same_result_as_the_wizard_service(client, auth_headers, patentee):
    resp = client.post(URL, json=body(), headers=auth_headers(patentee))
    assert resp.status_code == 200, resp.get_json()
    service = run_estimate(patentee, estimate_input(cleaned({**facts_form(), **business_form()}), today()))
    assert resp.get_json() == to_dict(service)


def test_any_role_may_estimate(client, auth_headers, make_user):
    resp = client.post(URL, json=body(), headers=auth_headers(make_user(Role.ENTERPRISE)))
    assert resp.status_code == 200 and resp.get_json()["rates"]["mid"]


def test_patent_id_prefills_the_facts(client, auth_headers, patentee, draft):
    data = {k: v for k, v in body().items() if k not in facts_form()}
    resp = client.post(URL, json={**data, "patent_id": draft.patent_id}, headers=auth_headers(patentee))
    assert resp.status_code == 200, resp.get_json()
    kind = next(f for f in resp.get_json()["factors"] if f["name"] == "claim_count")
    assert kind["value"] == "9"


def test_patent_id_of_someone_else_is_refused(client, auth_headers, make_user, draft):
    resp = client.post(
        URL, json={"patent_id": draft.patent_id}, headers=auth_headers(make_user(Role.PATENTEE))
    )
    assert resp.status_code == 403
    missing = client.post(URL, json={"patent_id": 999999}, headers=auth_headers(draft.owner))
    assert missing.status_code == 404


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"annual_sales_forecast": "-1"}, "annual_sales_forecast"),
        ({"profit_margin_pct": "120"}, "profit_margin_pct"),
        ({"licence_end": "2045-01-01"}, "licence_end"),
        ({"industry_code": "ZZ"}, "industry_code"),
        ({"filing_date": "01/03/2020"}, "filing_date"),
        ({"maturity": "prototype"}, "maturity"),
        ({"claim_count": "nine"}, "claim_count"),
        ({"profit_margin_pct": None}, "profit_margin_pct"),
        ({"discount_rate_pct": "abc"}, "discount_rate_pct"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, auth_headers, patentee, overrides, field):
    resp = client.post(URL, json=body(**overrides), headers=auth_headers(patentee))
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "validation_failed" and field in error["fields"] and error["message"]


def test_token_required(client):
    resp = client.post(URL, json=body())
    assert resp.status_code == 401 and resp.get_json()["error"]["code"] == "unauthorised"


def test_nothing_is_saved(client, auth_headers, patentee, draft):
    before = db.session.query(Patent).count()
    client.post(URL, json=body(), headers=auth_headers(patentee))
    db.session.expire_all()
    assert db.session.query(Patent).count() == before and draft.fee_method.value == "lump_sum"


def test_documented_in_openapi(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    op = doc["paths"]["/royalties/estimate"]["post"]
    assert "422" in op["responses"] and "RoyaltyEstimateInput" in str(op["requestBody"])
    props = doc["components"]["schemas"]["RoyaltyEstimateInput"]["properties"]
    assert {"annual_sales_forecast", "profit_margin_pct", "licence_end", "industry_code", "patent_id"} <= set(
        props
    )
