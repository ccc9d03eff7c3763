"""Co-owners through the pages and the API: set shares, consent, see the share on the dashboard."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.auth.models import Role
from app.coowners import services as svc
from app.declarations.models import DeclarationStatus
from app.extensions import db
from app.licences.models import Licence, LicenceStatus, Payment, PaymentStatus

D = Decimal


@pytest.fixture
def world(make_user, make_patent, make_declaration):
    owner = make_user(Role.PATENTEE, org="专利权人甲")
    partner = make_user(Role.ENTERPRISE, email="partner@example.cn", org="合作企业")
    patent = make_patent(owner)
    return owner, partner, patent, make_declaration(patent)


def test_owner_sets_co_owners_on_the_patent_page(client, login, world) -> None:
    owner, partner, patent, _decl = world
    login(owner)
    form = {
        "owner_share_pct": "60",
        "co_owner": ["partner@example.cn", "大连理工大学", ""],
        "co_share": ["30", "10%", ""],
    }
    resp = client.post(f"/co-owners/patents/{patent.id}", data=form)
    assert resp.status_code == 302
    assert [(c.label, c.share_pct) for c in svc.co_owners_of(patent.id)] == [
        ("专利权人甲", D("60.00")), ("合作企业", D("30.00")), ("大连理工大学", D("10.00"))
    ]  # fmt: skip
    page = client.get(f"/patents/{patent.id}").get_data(as_text=True)
    assert 'id="co-owners"' in page and "大连理工大学" in page and "30.00%" in page


@pytest.mark.parametrize(
    ("owner_share", "names", "shares", "message"),
    [
        ("abc", [], [], "份额须为数字"),
        ("60", ["partner@example.cn"], ["3O"], "份额须为数字"),
        ("60", ["partner@example.cn"], ["30"], "须等于 100%"),
    ],
)
def test_bad_shares_are_flashed_and_nothing_saved(client, login, world, owner_share, names, shares, message):
    owner, _partner, patent, _decl = world
    login(owner)
    form = {"owner_share_pct": owner_share, "co_owner": names, "co_share": shares}
    resp = client.post(f"/co-owners/patents/{patent.id}", data=form, follow_redirects=True)
    assert message in resp.get_data(as_text=True)
    assert svc.co_owners_of(patent.id) == []


def test_co_owner_consents_on_its_page_and_sees_its_share(client, login, world, make_user) -> None:
    owner, partner, patent, decl = world
    svc.set_co_owners(owner, patent.id, D("75"), [svc.CoOwnerInput("partner@example.cn", D("25"))])
    decl.status = DeclarationStatus.PUBLISHED
    lic = Licence(declaration=decl, licensee=make_user(), status=LicenceStatus.IN_FORCE, notice="通知")
    db.session.add(Payment(licence=lic, payer_id=lic.licensee.id, amount=D("1000.00"), reference="P-1",
                           status=PaymentStatus.CONFIRMED))  # fmt: skip
    db.session.commit()
    login(partner)
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "等待您作为共有人同意" in dashboard and "¥250.00" in dashboard and "25.00%" in dashboard
    resp = client.post(f"/co-owners/declarations/{decl.id}/consent", data={"action": "withdraw"})
    assert resp.headers["Location"].endswith("/co-owners/consents")
    assert partner.id in {c.co_owner.user_id for c in svc.consents_of(decl, "withdraw").values()}
    assert "已同意" in client.get("/co-owners/consents").get_data(as_text=True)


def test_patentee_records_named_consent_on_the_declaration_page(client, login, world) -> None:
    owner, _partner, patent, decl = world
    rows = svc.set_co_owners(owner, patent.id, D("50"), [svc.CoOwnerInput("大连理工大学", D("50"))])
    db.session.commit()
    login(owner)
    page = client.get(f"/declarations/{decl.id}").get_data(as_text=True)
    assert 'id="co-owner-consent"' in page and "登记书面同意" in page
    refused = client.post(f"/declarations/{decl.id}/publish", follow_redirects=True).get_data(as_text=True)
    assert "大连理工大学" in refused and "2024" in refused
    data = {"action": "declare", "co_owner_id": str(rows[1].id), "reference": "同意书 2026-01"}
    client.post(f"/co-owners/declarations/{decl.id}/consent", data=data)
    assert "同意书 2026-01" in client.get(f"/declarations/{decl.id}").get_data(as_text=True)


def test_api_sets_co_owners_and_records_consents(client, world, auth_headers) -> None:
    owner, partner, patent, decl = world
    body = {"owner_share_pct": "70", "co_owners": [{"email": "partner@example.cn", "share_pct": "30.00"}]}
    resp = client.put(f"/api/v1/patents/{patent.id}/co-owners", json=body, headers=auth_headers(owner))
    assert resp.status_code == 200
    assert [c["share_pct"] for c in resp.get_json()["co_owners"]] == ["70.00", "30.00"]
    resp = client.post(f"/api/v1/declarations/{decl.id}/consents", json={"action": "declare"},
                       headers=auth_headers(partner))  # fmt: skip
    assert resp.status_code == 201
    data = resp.get_json()
    assert data["action"] == "declare" and data["co_owner"]["name"] == "合作企业" and data["missing"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"owner_share_pct": "x"}, "owner_share_pct"),
        ({"owner_share_pct": "70", "co_owners": "partner"}, "co_owners"),
        ({"owner_share_pct": "70", "co_owners": [{"name": "大学", "share_pct": "abc"}]}, "co_owners.0"),
        ({"owner_share_pct": "70", "co_owners": [{"name": "大学", "share_pct": "20"}]}, "co_owners"),
    ],
)
def test_api_bad_co_owner_bodies(client, world, auth_headers, body, field) -> None:
    owner, _partner, patent, _decl = world
    resp = client.put(f"/api/v1/patents/{patent.id}/co-owners", json=body, headers=auth_headers(owner))
    assert resp.status_code == 422 and field in resp.get_json()["error"]["fields"]
    assert svc.co_owners_of(patent.id) == []


@pytest.mark.parametrize(
    ("body", "status"),
    [({"action": "declare", "co_owner_id": "1"}, 422), ({"action": "nope"}, 422), ({}, 422)],
)
def test_api_bad_consent_bodies(client, world, auth_headers, body, status) -> None:
    owner, partner, patent, decl = world
    svc.set_co_owners(owner, patent.id, D("70"), [svc.CoOwnerInput("大学", D("30"))])
    db.session.commit()
    resp = client.post(f"/api/v1/declarations/{decl.id}/consents", json=body, headers=auth_headers(owner))
    assert resp.status_code == status
