"""Pool pages: the operator -> patentees consent -> enterprise takes -> ledger flow, and every check."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.auth.models import Role
from app.extensions import db
from app.pools.models import FeeMethod, Pool, PoolLicence, PoolPatent, PoolPatentStatus, PoolStatus

POOL_FORM = {
    "name": "流量计量专利池",
    "field_ipc": "G01F",
    "term_start": "2026-06-01",
    "term_end": "2029-05-31",
    "fee_method": "lump_sum",
    "lump_sum": "100.00",
    "field_of_use": "流量计量仪表",
    "admin_fee_pct": "0",
    "distribution_rule": "count",
    "alliance_id": "",
}


def test_full_flow_operator_patentees_enterprise_ledger(client, login, operator, make_user, pool_patent):
    p1, p2 = make_user(Role.PATENTEE, org="甲大学"), make_user(Role.PATENTEE, org="乙公司")
    a, b = pool_patent(p1), pool_patent(p2)
    login(operator)
    resp = client.post("/pools/new", data=POOL_FORM)
    assert resp.status_code == 302
    pool = db.session.scalar(db.select(Pool))
    client.post(f"/pools/{pool.id}/invite", data={"numbers": f"{a.number}\n{b.number}"})
    assert client.get(f"/pools/{pool.id}").status_code == 200
    for user in (p1, p2):
        login(user)
        rows = [r for r in db.session.scalars(db.select(PoolPatent)) if r.patent.owner_id == user.id]
        assert client.post(f"/pools/patents/{rows[0].id}/consent").status_code == 302
    login(operator)
    client.post(f"/pools/{pool.id}/open")
    db.session.refresh(pool)
    assert pool.status is PoolStatus.OPEN
    enterprise = make_user(Role.ENTERPRISE, org="丙制造")
    login(enterprise)
    assert client.get(f"/pools/{pool.id}/take").status_code == 200
    data = {"notice": "我司拟实施池内全部专利生产流量计。", "payment_reference": "BANK-001"}
    assert client.post(f"/pools/{pool.id}/take", data=data).status_code == 302
    again = client.post(f"/pools/{pool.id}/take", data={**data, "payment_reference": "BANK-002"})
    assert again.status_code == 302 and db.session.scalar(db.select(db.func.count(PoolLicence.id))) == 1
    login(operator)
    page = client.get(f"/pools/{pool.id}/ledger").get_data(as_text=True)
    assert "¥50.00" in page and "合计 = 付款额" in page and "✓" in page and "最大余额法" in page


def test_public_pages_hide_unconsented_patents(client, make_pool, make_user, pool_patent, operator):
    owner = make_user(Role.PATENTEE)
    shown, hidden = pool_patent(owner), pool_patent(owner)
    pool = make_pool([shown])
    from app.pools.services import invite_patents

    invite_patents(operator, pool.id, [hidden.id])
    db.session.commit()
    page = client.get(f"/pools/{pool.id}").get_data(as_text=True)
    assert shown.number in page and hidden.number not in page
    assert pool.name in client.get("/pools/").get_data(as_text=True)


def test_draft_pool_is_not_public(client, make_pool, make_user, pool_patent):
    pool = make_pool([pool_patent(make_user(Role.PATENTEE))], open=False)
    assert client.get(f"/pools/{pool.id}").status_code == 404
    assert client.get("/pools/999").status_code == 404


@pytest.mark.parametrize(
    ("role", "method", "path"),
    [
        (Role.ENTERPRISE, "get", "/pools/new"),
        (Role.PATENTEE, "post", "/pools/{id}/open"),
        (Role.PATENTEE, "post", "/pools/{id}/invite"),
        (Role.ENTERPRISE, "post", "/pools/{id}/screen"),
        (Role.PATENTEE, "get", "/pools/{id}/suggestions"),
        (Role.OPERATOR, "get", "/pools/{id}/take"),
        (Role.PATENTEE, "post", "/pools/{id}/take"),
        (Role.ENTERPRISE, "post", "/pools/patents/{pp}/consent"),
        (Role.ENTERPRISE, "get", "/pools/{id}/ledger"),
        (Role.ENTERPRISE, "get", "/pools/alliances/new"),
        (Role.ENTERPRISE, "get", "/pools/cross/new"),
    ],
)
def test_role_checks(client, login, make_user, make_pool, pool_patent, role, method, path):
    pool = make_pool([pool_patent(make_user(Role.PATENTEE))])
    login(make_user(role))
    url = path.format(id=pool.id, pp=pool.patents[0].id)
    assert getattr(client, method)(url).status_code == 403


def test_anonymous_is_sent_to_login(client, make_pool, make_user, pool_patent):
    pool = make_pool([pool_patent(make_user(Role.PATENTEE))])
    resp = client.post(f"/pools/{pool.id}/take", data={"notice": "x"})
    assert resp.status_code == 302 and "/auth/login" in resp.headers["Location"]


def test_other_operator_cannot_curate(client, login, make_user, make_pool, pool_patent):
    pool = make_pool([pool_patent(make_user(Role.PATENTEE))], open=False)
    login(make_user(Role.OPERATOR))
    client.post(f"/pools/{pool.id}/open")
    db.session.refresh(pool)
    assert pool.status is PoolStatus.DRAFT
    assert client.get(f"/pools/{pool.id}/suggestions").status_code == 403
    assert client.get(f"/pools/{pool.id}/ledger").status_code == 403


def test_patentee_consents_only_for_own_patent(client, login, make_user, operator, pool_patent):
    from app.pools.services import create_pool, invite_patents
    from tests.pools.conftest import pool_input

    owner, other = make_user(Role.PATENTEE), make_user(Role.PATENTEE)
    pool = create_pool(operator, pool_input())
    row = invite_patents(operator, pool.id, [pool_patent(owner).id])[0]
    db.session.commit()
    login(other)
    client.post(f"/pools/patents/{row.id}/consent")
    db.session.refresh(row)
    assert row.status is PoolPatentStatus.INVITED and row.consent_at is None
    login(owner)
    client.post(f"/pools/patents/{row.id}/consent")
    db.session.refresh(row)
    assert row.status is PoolPatentStatus.CONSENTED and row.consent_by_id == owner.id


@pytest.mark.parametrize(
    ("change", "field_error"),
    [
        ({"name": ""}, "请填写专利池名称"),
        ({"field_ipc": "ZZ99"}, "无效：ZZ99"),
        ({"term_end": "2026-01-01"}, "结束日须晚于开始日"),
        ({"lump_sum": "", "royalty_rate_pct": "3"}, "请填写一次性总付金额"),
        ({"lump_sum": "-5"}, "不得为负数"),
        ({"admin_fee_pct": "120"}, "须在0至100之间"),
        ({"term_start": "2026-13-01"}, "不是有效的日期值"),
    ],
)
def test_pool_form_bad_input(client, login, operator, change, field_error):
    login(operator)
    resp = client.post("/pools/new", data={**POOL_FORM, **change})
    assert resp.status_code == 200 and field_error in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Pool.id))) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"notice": "", "payment_reference": "R1"}, "请填写书面通知"),
        ({"notice": "实施", "payment_reference": ""}, "请填写付款凭证号"),
    ],
)
def test_take_bad_input_changes_nothing(client, login, make_user, make_pool, pool_patent, data, message):
    pool = make_pool([pool_patent(make_user(Role.PATENTEE))])
    login(make_user(Role.ENTERPRISE))
    resp = client.post(f"/pools/{pool.id}/take", data=data)
    assert message in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(PoolLicence.id))) == 0


def test_running_royalty_pool_licence_and_period_payment(client, login, make_user, make_pool, pool_patent):
    owners = [make_user(Role.PATENTEE) for _ in range(3)]
    pool = make_pool(
        [pool_patent(o) for o in owners],
        fee_method=FeeMethod.RUNNING_ROYALTY,
        lump_sum=None,
        royalty_rate_pct=Decimal("2"),
    )
    ent = make_user(Role.ENTERPRISE)
    login(ent)
    client.post(f"/pools/{pool.id}/take", data={"notice": "实施"})
    licence = db.session.scalar(db.select(PoolLicence))
    assert licence.status.value == "in_force"
    bad = client.post(
        f"/pools/licences/{licence.id}/pay", data={"net_sales": "0", "units": "0", "payment_reference": "R"}
    )
    assert "无需付款" in bad.get_data(as_text=True)
    ok = client.post(
        f"/pools/licences/{licence.id}/pay",
        data={"net_sales": "5000.50", "units": "0", "payment_reference": "R-9"},
    )
    assert ok.status_code == 302
    from app.pools.models import PoolPayment

    line = db.session.scalar(db.select(PoolPayment))
    assert line.amount == Decimal("100.01") and sorted(str(s.amount) for s in line.shares) == [
        "33.33",
        "33.34",
        "33.34",
    ]
    other = make_user(Role.ENTERPRISE)
    login(other)
    assert client.get(f"/pools/licences/{licence.id}/pay").status_code == 404


def test_csrf_required_on_buttons(app, client, login, make_user, make_pool, pool_patent):
    pool = make_pool([pool_patent(make_user(Role.PATENTEE))], open=False)
    login(pool.operator)
    app.config["WTF_CSRF_ENABLED"] = True
    client.post(f"/pools/{pool.id}/open")
    db.session.refresh(pool)
    assert pool.status is PoolStatus.DRAFT


def test_suggestions_rank_declared_patents_by_field_fit(
    client, login, make_user, make_pool, pool_patent, make_declaration
):
    from app.declarations.models import DeclarationStatus

    owner = make_user(Role.PATENTEE)
    in_pool, fit, off_field = pool_patent(owner), pool_patent(owner), pool_patent(owner, ipc_codes=["A01M"])
    draft_only = pool_patent(owner)
    for patent in (fit, off_field):
        make_declaration(patent, status=DeclarationStatus.PUBLISHED)
    make_declaration(draft_only)
    pool = make_pool([in_pool])
    login(pool.operator)
    page = client.get(f"/pools/{pool.id}/suggestions").get_data(as_text=True)
    assert fit.number in page and f'id="invite-{fit.id}"' in page
    # An off-field title may still share words with the field's IPC titles: it ranks below.
    assert page.index(fit.number) < page.index(off_field.number)
    assert draft_only.number not in page and in_pool.number not in page
    client.post(f"/pools/{pool.id}/invite/{fit.id}")
    assert fit.id in {pp.patent_id for pp in pool.patents}


def test_edit_page_follows_the_detail_pages_visibility(
    client, login, make_user, make_pool, pool_patent, operator
):
    """Another operator's draft is 404 on its edit page as on its page; an open pool of theirs is 403."""
    owner = make_user(Role.PATENTEE)
    draft, offered = make_pool([pool_patent(owner)], open=False), make_pool([pool_patent(owner)])
    login(make_user(Role.OPERATOR))
    assert client.get(f"/pools/{draft.id}").status_code == 404
    assert client.get(f"/pools/{draft.id}/edit").status_code == 404
    assert client.post(f"/pools/{draft.id}/edit", data=POOL_FORM).status_code == 404
    assert client.get(f"/pools/{offered.id}").status_code == 200
    assert client.get(f"/pools/{offered.id}/edit").status_code == 403
    login(operator)
    assert client.get(f"/pools/{draft.id}/edit").status_code == 200
