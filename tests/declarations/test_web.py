"""Patentee pages: draft form, publish refusals naming the rule, withdrawal announced, ownership, CSRF."""

from __future__ import annotations

from datetime import date

import pytest

from app.auth.models import Role
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.patents.models import LegalStatus
from tests.declarations.helpers import publish

FORM = {
    "fee_method": "lump_sum",
    "lump_sum": "80,000",
    "entry_fee": "",
    "royalty_rate_pct": "",
    "unit_fee": "",
    "period_start": "2026-12-01",
    "period_end": "2029-11-30",
    "contact": "许可办公室 024-23456789",
    "industry_code": "C",
    "remarks": "",
}


def test_create_publish_and_see_audit_trail(app, client, login, make_patent):
    patent = make_patent()
    login(patent.owner)
    assert "一次性总付" in client.get("/declarations/new").get_data(as_text=True)
    resp = client.post("/declarations/new", data={**FORM, "patent_id": patent.id})
    assert resp.status_code == 302
    decl = db.session.query(Declaration).one()
    assert decl.lump_sum == 80000 and decl.status == DeclarationStatus.DRAFT
    resp = client.post(f"/declarations/{decl.id}/publish", follow_redirects=True)
    page = resp.get_data(as_text=True)
    assert "已公告" in page and "published" in page and "created" in page
    assert "我的开放许可声明" in client.get("/dashboard").get_data(as_text=True)


def test_bad_amount_rerenders_with_message(app, client, login, make_patent):
    patent = make_patent()
    login(patent.owner)
    resp = client.post("/declarations/new", data={**FORM, "patent_id": patent.id, "lump_sum": "五万"})
    assert resp.status_code == 200 and "请输入数字" in resp.get_data(as_text=True)
    assert db.session.query(Declaration).count() == 0


@pytest.mark.parametrize(
    ("patent_fields", "decl_fields", "rule", "text"),
    [
        ({"legal_status": LegalStatus.PENDING}, {}, "granted_in_force", "第八十五条"),
        ({"pledged": True}, {}, "pledgee_consent", "质权人"),
        ({}, {"lump_sum": None}, "fee_standard_complete", "一次性总付金额"),
    ],
)
def test_publish_refusal_names_the_rule(
    app, client, login, make_patent, make_declaration, patent_fields, decl_fields, rule, text
):
    decl = make_declaration(make_patent(**patent_fields), **decl_fields)
    login(decl.owner)
    resp = client.post(f"/declarations/{decl.id}/publish")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 409 and f'data-rule="{rule}"' in page and text in page
    db.session.refresh(decl)
    assert decl.status == DeclarationStatus.DRAFT


def test_withdrawal_is_announced_on_public_page(app, client, login, make_declaration):
    decl = publish(make_declaration())
    login(decl.owner)
    assert client.post(f"/declarations/{decl.id}/withdraw", data={"reason": ""}).status_code == 422
    client.post(f"/declarations/{decl.id}/withdraw", data={"reason": "技术已升级换代"})
    client.post("/auth/logout")
    page = client.get(f"/announcements/{decl.id}").get_data(as_text=True)
    assert "撤回公告" in page and "技术已升级换代" in page and "获取许可" not in page


def test_other_users_get_403_and_drafts_stay_private(app, client, login, make_user, make_declaration):
    decl = make_declaration()
    login(make_user(Role.PATENTEE))
    assert client.get(f"/declarations/{decl.id}").status_code == 403
    assert client.post(f"/declarations/{decl.id}/withdraw", data={"reason": "x"}).status_code == 403
    assert client.get(f"/announcements/{decl.id}").status_code == 404
    login(make_user(Role.ENTERPRISE))
    assert client.get("/declarations/").status_code == 403


def test_publish_needs_csrf_token(app, client, login, make_declaration):
    decl = make_declaration()
    login(decl.owner)
    app.config["WTF_CSRF_ENABLED"] = True
    client.post(f"/declarations/{decl.id}/publish")
    db.session.refresh(decl)
    assert decl.status == DeclarationStatus.DRAFT


def test_edit_only_drafts(app, client, login, make_declaration):
    decl = make_declaration()
    login(decl.owner)
    resp = client.post(f"/declarations/{decl.id}/edit", data={**FORM, "contact": "新联系人 13800000000"})
    assert resp.status_code == 302
    db.session.refresh(decl)
    assert decl.contact == "新联系人 13800000000" and decl.period_end == date(2029, 11, 30)
