"""PATCH /api/v1/patents/{id}: a partial update checked like the edit form; owner or admin only."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.extensions import db
from app.patents.models import PatentVerificationEvent, Verification


def patch(client, patent, headers, body):
    return client.patch(f"/api/v1/patents/{patent.id}", json=body, headers=headers)


def test_owner_changes_one_field_and_keeps_the_rest(client, make_patent, auth_headers):
    patent = make_patent()
    resp = patch(client, patent, auth_headers(patent.owner), {"title": "新的专利名称"})
    assert resp.status_code == 200
    data = resp.get_json()
    assert data["title"] == "新的专利名称"
    assert (data["publication_number"], data["ipc_codes"], data["filing_date"]) == (
        "CN111504366B",
        ["G01D", "G01F"],
        "2020-03-01",
    )
    assert patent.verification == Verification.VERIFIED


def test_dates_and_ipc_codes_are_normalised_like_the_form(client, make_patent, auth_headers):
    patent = make_patent()
    body = {"ipc_codes": "h01m 4/525; G01F", "annual_fee_paid_until": "2028/3/1"}
    data = patch(client, patent, auth_headers(patent.owner), body).get_json()
    assert data["ipc_codes"] == ["H01M 4/525", "G01F"]
    assert data["annual_fee_paid_until"] == "2028-03-01"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "名" * 501}, "title"),
        ({"kind": "patent"}, "kind"),
        ({"kind": "utility_model"}, "kind"),  # the publication number's B says invention
        ({"legal_status": "alive"}, "legal_status"),
        ({"legal_status": "pending"}, "legal_status"),  # CN111504366B is a grant announcement
        ({"filing_date": "2020-02-30"}, "filing_date"),
        ({"grant_date": "2019-01-01"}, "grant_date"),  # before the filing date
        ({"ipc_codes": ["XYZ"]}, "ipc_codes"),
        ({"publication_number": "CN12"}, "publication_number"),
        ({"publication_number": None, "application_number": None}, "application_number"),
        ({"abstract": "摘" * 10001}, "abstract"),
        ({"owner_id": 1}, "owner_id"),
        ({"verification": "verified"}, "verification"),
    ],
)
def test_bad_inputs_are_refused_and_change_nothing(client, make_patent, auth_headers, body, field):
    patent = make_patent()
    resp = patch(client, patent, auth_headers(patent.owner), body)
    assert resp.status_code == 422
    assert field in resp.get_json()["error"]["fields"]
    db.session.expire_all()
    assert patent.title == "基于人工智能的流体输送系统精确计量方法及计量装置"
    assert patent.kind.value == "invention"


def test_a_number_taken_by_another_patent_is_refused(client, make_patent, make_user, auth_headers):
    patent = make_patent()
    make_patent(publication_number="CN215792497U", kind="utility_model", title="另一项")
    body = {"publication_number": "CN215792497U", "kind": "utility_model"}
    resp = patch(client, patent, auth_headers(patent.owner), body)
    assert resp.status_code == 422 and "publication_number" in resp.get_json()["error"]["fields"]


@pytest.mark.parametrize("body", [[{"title": "x"}], "title", None])
def test_a_body_that_is_not_an_object_is_refused(client, make_patent, auth_headers, body):
    patent = make_patent()
    assert patch(client, patent, auth_headers(patent.owner), body).status_code == 422


@pytest.mark.parametrize(
    ("change", "resets"),
    [
        ({"applicants": "另一家公司"}, True),
        ({"legal_status": "lapsed"}, True),
        ({"title": "新的名称"}, False),
        ({"annual_fee_paid_until": "2028-03-01"}, False),
    ],
)
def test_editing_verified_identity_fields_sends_the_patent_back(
    client, make_patent, auth_headers, change, resets
):
    patent = make_patent()
    assert patch(client, patent, auth_headers(patent.owner), change).status_code == 200
    assert (patent.verification == Verification.UNVERIFIED) is resets
    events = db.session.scalars(db.select(PatentVerificationEvent)).all()
    assert [e.action for e in events] == (["reset"] if resets else [])


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.PATENTEE, 403), (Role.OPERATOR, 403), (Role.ENTERPRISE, 403), (Role.ADMIN, 200)],
)
def test_only_the_owner_or_an_admin_may_patch(client, make_patent, make_user, auth_headers, role, status):
    patent = make_patent()
    resp = patch(client, patent, auth_headers(make_user(role)), {"title": "别人的修改"})
    assert resp.status_code == status


def test_anonymous_and_unknown_patents(client, make_patent, auth_headers):
    patent = make_patent()
    assert client.patch(f"/api/v1/patents/{patent.id}", json={"title": "x"}).status_code == 401
    resp = client.patch("/api/v1/patents/99999", json={"title": "x"}, headers=auth_headers(patent.owner))
    assert resp.status_code == 404
