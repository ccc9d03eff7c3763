"""Patents over /api/v1: auth, roles, ownership, field errors, import, OpenAPI."""

import pytest

from app.auth.models import Role
from app.patents.models import Patent
from tests.rows import count

# A real granted utility model from data/cn_patent_titles_ipc.csv.
BODY = {
    "publication_number": "CN215792497U",
    "kind": "utility_model",
    "title": "一种膜纸自动化印刷技术生产线结构",
    "ipc_codes": ["B41F"],
    "legal_status": "granted",
    "grant_date": "2022-01-25",
}


def test_create_returns_201_with_the_object(client, make_user, auth_headers):
    resp = client.post("/api/v1/patents", json=BODY, headers=auth_headers(make_user(Role.PATENTEE)))
    assert resp.status_code == 201
    data = resp.get_json()
    assert data["id"] and data["publication_number"] == "CN215792497U" and data["kind"] == "utility_model"
    assert (
        data["ipc_codes"] == ["B41F"] and data["grant_date"] == "2022-01-25" and data["filing_date"] is None
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"publication_number": None}, "application_number"),
        ({"application_number": "202010123456.7"}, "application_number"),
        ({"kind": "invention"}, "kind"),
        ({"ipc_codes": ["B41F", "Q01A"]}, "ipc_codes"),
        ({"grant_date": "25/01/2022"}, "grant_date"),
        ({"legal_status": "valid"}, "legal_status"),
    ],
)
def test_create_422_with_field_errors(client, make_user, auth_headers, changes, field):
    resp = client.post(
        "/api/v1/patents", json={**BODY, **changes}, headers=auth_headers(make_user(Role.PATENTEE))
    )
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "validation_failed" and error["fields"][field]
    assert count(Patent) == 0


def test_create_duplicate_is_422(client, make_user, auth_headers):
    headers = auth_headers(make_user(Role.PATENTEE))
    assert client.post("/api/v1/patents", json=BODY, headers=headers).status_code == 201
    resp = client.post("/api/v1/patents", json=BODY, headers=headers)
    assert resp.status_code == 422 and "publication_number" in resp.get_json()["error"]["fields"]


def test_no_token_is_401(client):
    assert client.get("/api/v1/patents").status_code == 401
    assert client.post("/api/v1/patents", json=BODY).status_code == 401
    assert count(Patent) == 0


def test_enterprise_cannot_create_or_list(client, make_user, auth_headers):
    headers = auth_headers(make_user(Role.ENTERPRISE))
    assert client.post("/api/v1/patents", json=BODY, headers=headers).status_code == 403
    assert client.get("/api/v1/patents", headers=headers).status_code == 403
    assert count(Patent) == 0


def test_list_is_own_for_patentee_all_for_operator(client, make_user, make_patent, auth_headers):
    owner = make_user(Role.PATENTEE)
    make_patent(owner=owner)
    make_patent(publication_number="CN114081026A", title="一种水电站高压输电线路驱鸟保护装置")
    own = client.get("/api/v1/patents", headers=auth_headers(owner)).get_json()
    assert (own["total"], own["page"], own["pages"]) == (1, 1, 1)
    assert own["items"][0]["publication_number"] == "CN111504366B"
    assert (
        client.get("/api/v1/patents?page=1", headers=auth_headers(make_user(Role.OPERATOR))).get_json()[
            "total"
        ]
        == 2
    )


def test_get_one_checks_ownership(client, make_user, make_patent, auth_headers):
    patent = make_patent()
    url = f"/api/v1/patents/{patent.id}"
    assert client.get(url, headers=auth_headers(patent.owner)).get_json()["id"] == patent.id
    assert client.get(url, headers=auth_headers(make_user(Role.OPERATOR))).status_code == 200
    assert client.get(url, headers=auth_headers(make_user(Role.PATENTEE))).status_code == 403
    assert client.get(url, headers=auth_headers(make_user(Role.ENTERPRISE))).status_code == 403
    assert client.get("/api/v1/patents/999999", headers=auth_headers(patent.owner)).status_code == 404


def test_import_returns_the_report(client, make_user, auth_headers):
    rows = [BODY, {**BODY, "title": "重复"}, {"application_number": "202010123456.7", "title": "x"}]
    resp = client.post("/api/v1/patents/import", json=rows, headers=auth_headers(make_user(Role.PATENTEE)))
    report = resp.get_json()
    assert resp.status_code == 200 and report["imported"] == 1 and len(report["ids"]) == 1
    assert [r["row"] for r in report["rejected"]] == [2, 3]
    assert "application_number" in report["rejected"][1]["fields"]
    assert count(Patent) == 1


def test_import_needs_a_list(client, make_user, auth_headers):
    resp = client.post("/api/v1/patents/import", json=BODY, headers=auth_headers(make_user(Role.PATENTEE)))
    assert resp.status_code == 422


def test_openapi_documents_patents(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert {"get", "post"} <= set(doc["paths"]["/patents"]) and "/patents/{id}" in doc["paths"]
    assert "Patent" in doc["components"]["schemas"]
