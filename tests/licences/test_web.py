"""A stranger signs up as an enterprise, finds an announcement, and takes the licence; records and reports."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.auth.models import Role
from app.declarations.models import FeeMethod
from app.extensions import db
from app.licences.models import Licence, Payment, SalesReport
from tests.declarations.helpers import publish
from tests.rows import count

VALID_USCC = "91350100M000100Y43"  # a unified social credit code with a valid check character


def test_stranger_signs_up_finds_and_takes_licence_once(app, client, make_declaration):
    decl = publish(make_declaration())
    signup = {
        "email": "buyer@jingmi.cn", "password": "tulip-orbit-77", "confirm": "tulip-orbit-77",
        "role": "enterprise",
        "name": "沈阳精密计量有限公司", "province": "辽宁省", "city": "沈阳市", "credit_code": VALID_USCC,
        "industry_codes": ["C"],
    }  # fmt: skip
    assert "请查收邮件" in client.post("/auth/signup", data=signup).get_data(as_text=True)
    credentials = {"email": signup["email"], "password": signup["password"]}
    assert client.post("/auth/login", data=credentials).status_code == 302
    listing = client.get("/announcements?q=流体").get_data(as_text=True)
    assert decl.patent.title in listing and f"/announcements/{decl.id}" in listing
    page = client.get(f"/announcements/{decl.id}").get_data(as_text=True)
    assert "专利法》第五十一条" in page and "50000.00" in page  # prefilled notice and amount due
    form = {
        "notice": "书面通知：愿按公告标准实施。",
        "payment_reference": "ICBC-20261125-01",
        "amount": "50000.00",
    }
    first = client.post(f"/announcements/{decl.id}/licence", data=form, follow_redirects=True)
    assert "专利权人确认收款后许可生效" in first.get_data(as_text=True)
    again = client.post(f"/announcements/{decl.id}/licence", data=form, follow_redirects=True)
    assert "未重复登记或收费" in again.get_data(as_text=True)
    assert count(Licence) == 1 and count(Payment) == 1
    assert "您已提交书面通知" in client.get(f"/announcements/{decl.id}").get_data(as_text=True)


def test_wrong_amount_and_missing_notice_show_messages(app, client, login, make_user, make_declaration):
    decl = publish(make_declaration())
    login(make_user(Role.ENTERPRISE))
    wrong = client.post(
        f"/announcements/{decl.id}/licence",
        data={"notice": "通知", "payment_reference": "R1", "amount": "100"},
    )
    assert wrong.status_code == 422 and "¥50,000.00" in wrong.get_data(as_text=True)
    empty = client.post(
        f"/announcements/{decl.id}/licence", data={"notice": "", "payment_reference": "R1", "amount": "50000"}
    )
    assert empty.status_code == 422 and "请填写书面许可通知" in empty.get_data(as_text=True)
    assert count(Licence) == 0 and count(Payment) == 0


def test_patentee_cannot_take_and_draft_is_hidden(app, client, login, make_user, make_declaration):
    decl = publish(make_declaration())
    login(decl.owner)
    assert client.post(f"/announcements/{decl.id}/licence", data={"notice": "x"}).status_code == 403
    draft = make_declaration(decl.patent)
    login(make_user(Role.ENTERPRISE))
    assert client.post(f"/announcements/{draft.id}/licence", data={"notice": "x"}).status_code == 404
    assert count(Licence) == 0


def _taken(client, login, make_user, make_declaration, **fields):
    decl = publish(make_declaration(**fields))
    licensee = make_user(Role.ENTERPRISE)
    login(licensee)
    client.post(
        f"/announcements/{decl.id}/licence",
        data={"notice": "书面通知", "payment_reference": "P-1", "amount": "50000"},
    )
    return decl, licensee, db.session.scalar(select(Licence))


def test_record_for_both_parties_403_for_others(app, client, login, make_user, make_declaration):
    decl, licensee, licence = _taken(client, login, make_user, make_declaration)
    page = client.get(f"/licences/{licence.id}/record").get_data(as_text=True)
    assert "/static/record.css" in page and "P-1" in page and decl.patent.number in page
    assert "@media print" in client.get("/static/record.css").get_data(as_text=True)
    assert "我的许可" in client.get("/dashboard").get_data(as_text=True)
    login(decl.owner)
    assert client.get(f"/licences/{licence.id}/record").status_code == 200
    assert decl.patent.number in client.get("/licences/").get_data(as_text=True)
    login(make_user(Role.ENTERPRISE))
    assert client.get(f"/licences/{licence.id}/record").status_code == 403
    assert client.get(f"/licences/{licence.id}").status_code == 403


def test_sales_report_form(app, client, login, make_user, make_declaration):
    fields = {"fee_method": FeeMethod.PER_UNIT, "lump_sum": None, "unit_fee": Decimal("12.50")}
    decl = publish(make_declaration(**fields))
    login(make_user(Role.ENTERPRISE))
    client.post(f"/announcements/{decl.id}/licence", data={"notice": "书面通知"})
    licence = db.session.scalar(select(Licence))
    report = {"period_start": "2026-01-01", "period_end": "2026-03-31", "net_sales": "10000", "units": "40"}
    ok = client.post(f"/licences/{licence.id}/reports", data=report, follow_redirects=True)
    assert "¥500.00" in ok.get_data(as_text=True)
    overlap = client.post(f"/licences/{licence.id}/reports", data=report)
    assert overlap.status_code == 409 and "重叠" in overlap.get_data(as_text=True)
    negative = client.post(
        f"/licences/{licence.id}/reports",
        data={**report, "period_start": "2026-04-01", "period_end": "2026-06-30", "net_sales": "-5"},
    )
    assert negative.status_code == 422 and "不得为负数" in negative.get_data(as_text=True)
    assert count(SalesReport) == 1
