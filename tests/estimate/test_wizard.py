"""The 帮我估算 wizard: prefilled steps, the explained result, writing the chosen standard into the draft."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import render_template
from markupsafe import escape

from app.auth.models import Role
from app.declarations.models import DeclarationEvent, DeclarationStatus, FeeMethod
from app.estimate.forms import estimate_input
from app.estimate.services import run_estimate, today
from app.extensions import db
from tests.estimate.conftest import business_form, facts_form, future

DATES = ("filing_date", "grant_date", "annual_fee_paid_until", "licence_start", "licence_end")
MONEY = ("annual_sales_forecast", "profit_margin_pct", "contribution_pct", "unit_price", "discount_rate_pct")


def cleaned(raw: dict[str, str]) -> dict:
    out: dict = dict(raw)
    out.update({k: date.fromisoformat(raw[k]) for k in DATES})
    out.update({k: Decimal(raw[k]) for k in MONEY})
    out["claim_count"] = int(raw["claim_count"])
    return out


def expected(patentee, draft):
    inp = estimate_input(cleaned({**facts_form(), **business_form()}), today())
    return run_estimate(patentee, inp, exclude_declaration_id=draft.id)


def events(decl) -> list[str]:
    return [e.action for e in db.session.query(DeclarationEvent).filter_by(declaration_id=decl.id)]


def test_step1_is_prefilled_from_the_patent(login, patentee, draft):
    page = login(patentee).get(f"/estimate/declarations/{draft.id}").get_data(as_text=True)
    assert "专利情况" in page and draft.patent.title in page
    assert 'value="2020-03-01"' in page and 'value="9"' in page and 'value="G01D"' in page
    assert 'selected value="none"' in page


def test_evaluation_report_on_file_prefills_stability(login, make_patent, make_declaration, patentee):
    patent = make_patent(owner=patentee, evaluation_report_ref="CNIPA-PJ-2024-001")
    decl = make_declaration(patent=patent)
    page = login(patentee).get(f"/estimate/declarations/{decl.id}").get_data(as_text=True)
    assert 'selected value="evaluation_report"' in page


def test_step2_needs_step1_then_prefills_industry_period_and_contribution(login, patentee, draft):
    client = login(patentee)
    assert client.get(f"/estimate/declarations/{draft.id}/business").status_code == 302
    client.post(f"/estimate/declarations/{draft.id}", data=facts_form())
    page = client.get(f"/estimate/declarations/{draft.id}/business").get_data(as_text=True)
    assert 'value="40"' in page and 'value="25.00"' in page and "三分法·四分法" in page
    # The factory's period began 2026-01-01; an estimate looks forward, so it starts no earlier than today.
    start = max(date(2026, 1, 1), today()).isoformat()
    assert f'value="{start}"' in page and 'value="2028-12-31"' in page


def test_result_shows_range_methods_and_factors_in_chinese(wizard, client, patentee, draft):
    resp = wizard()
    assert resp.status_code == 302 and resp.location.endswith(f"/estimate/declarations/{draft.id}/result")
    page = client.get(resp.location).get_data(as_text=True)
    rec = expected(patentee, draft)
    for text in ("行业参考费率法", "收益分成法", "可比许可法", "合计调整系数", "非官方统计", "写入许可声明"):
        assert text in page
    assert f"净销售额的 {rec.rates.mid}%" in page and rec.reconciliation_zh in page
    assert "仪器仪表制造业" in page and "少于5个" in page  # why comparables are not used yet
    for factor in rec.factors:
        assert str(escape(factor.explanation_zh)) in page


def test_accept_mid_writes_the_standard_through_the_audited_service(wizard, client, patentee, draft):
    wizard()
    rec = expected(patentee, draft)
    mid = rec.rates.mid
    resp = client.post(
        f"/estimate/declarations/{draft.id}/accept",
        data={"fee_method": "running_royalty", "royalty_rate_pct": str(mid), "lump_sum": "999"},
    )
    assert resp.status_code == 302 and resp.location.endswith(f"/declarations/{draft.id}")
    db.session.refresh(draft)
    assert draft.fee_method == FeeMethod.RUNNING_ROYALTY and draft.royalty_rate_pct == mid
    assert draft.lump_sum is None  # only the chosen method's fields: the standard stays unambiguous
    assert events(draft)[-2:] == ["updated", "estimate_used"]


def test_edited_values_are_written(wizard, client, draft):
    wizard()
    data = {"fee_method": "entry_plus_running", "entry_fee": "120000", "royalty_rate_pct": "2.5"}
    assert client.post(f"/estimate/declarations/{draft.id}/accept", data=data).status_code == 302
    db.session.refresh(draft)
    assert (draft.fee_method, draft.entry_fee, draft.royalty_rate_pct) == (
        FeeMethod.ENTRY_PLUS_RUNNING,
        Decimal("120000.00"),
        Decimal("2.50"),
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({"fee_method": "entry_plus_running", "royalty_rate_pct": "2.5"}, "entry_fee"),
        ({"fee_method": "lump_sum", "lump_sum": "-5"}, "lump_sum"),
        ({"fee_method": "running_royalty", "royalty_rate_pct": "abc"}, "请输入数字"),
    ],
)
def test_bad_accept_values_change_nothing(wizard, client, draft, data, message):
    wizard()
    before = events(draft)
    resp = client.post(f"/estimate/declarations/{draft.id}/accept", data=data)
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert 'class="error"' in page and ("请修改" in page or message in page)
    db.session.expire_all()
    assert draft.fee_method == FeeMethod.LUMP_SUM and draft.lump_sum == Decimal("50000.00")
    assert events(draft) == before


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("annual_sales_forecast", "-1", "预计年销售额不得为负数"),
        ("profit_margin_pct", "120", "利润率须在0%至100%之间"),
        ("licence_end", "2045-01-01", "许可期限不得超过专利权期限届满日2040-02-29"),
        ("industry_code", "ZZ", "未知的国民经济行业代码"),
        ("annual_sales_forecast", "八百万", "请输入数字"),
    ],
)
def test_bad_business_input_names_the_field_and_saves_nothing(wizard, client, draft, field, value, message):
    resp = wizard(business=business_form(**{field: value}))
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    # The message sits in the field's own block, under its label.
    block = page.split(f'name="{field}"', 1)[1].split('<div class="field', 1)[0]
    assert message in block
    with client.session_transaction() as sess:
        assert "business" not in sess[f"estimate:{draft.id}"]
    assert client.get(f"/estimate/declarations/{draft.id}/result").status_code == 302
    db.session.expire_all()
    assert draft.fee_method == FeeMethod.LUMP_SUM and events(draft) == []


def test_step1_problem_is_shown_on_top_with_its_label(wizard, draft):
    resp = wizard(facts=facts_form(annual_fee_paid_until="2020-01-01"))
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "年费已缴至：年费缴纳截止日早于估算日" in page
    assert f"/estimate/declarations/{draft.id}" in page


def test_other_users_and_roles_cannot_use_the_wizard(login, make_user, draft):
    other = make_user(Role.PATENTEE)
    client = login(other)
    assert client.get(f"/estimate/declarations/{draft.id}").status_code == 403
    assert client.post(f"/estimate/declarations/{draft.id}/accept", data={}).status_code == 403
    assert client.get("/estimate/declarations/999999").status_code == 404
    assert login(make_user(Role.ENTERPRISE)).get(f"/estimate/declarations/{draft.id}").status_code == 403


@pytest.mark.parametrize("status", [DeclarationStatus.PUBLISHED, DeclarationStatus.WITHDRAWN])
def test_only_drafts_can_be_estimated_into(login, patentee, draft, status):
    draft.status = status
    db.session.commit()
    resp = login(patentee).get(f"/estimate/declarations/{draft.id}")
    assert resp.status_code == 409 and "估算只用于草稿" in resp.get_data(as_text=True)


def test_accept_needs_csrf(app, wizard, client, draft):
    wizard()
    app.config["WTF_CSRF_ENABLED"] = True
    resp = client.post(
        f"/estimate/declarations/{draft.id}/accept", data={"fee_method": "lump_sum", "lump_sum": "1"}
    )
    assert resp.status_code in (400, 422)
    db.session.expire_all()
    assert draft.lump_sum == Decimal("50000.00")


def test_try_numbers_page_explains_without_writing(login, patentee):
    data = {**facts_form(), **business_form()}
    page = login(patentee).post("/estimate/", data=data).get_data(as_text=True)
    assert "收益分成法" in page and "合计调整系数" in page and "写入许可声明" not in page


@pytest.mark.parametrize("with_decl", [True, False])
def test_declaration_form_slot_links_to_the_wizard(app, draft, with_decl):
    with app.test_request_context():
        html = render_template("declarations/_estimate_slot.html", decl=draft if with_decl else None)
    if with_decl:
        assert f"/estimate/declarations/{draft.id}" in html and "帮我估算" in html
    else:
        assert "/estimate/" in html and f"/estimate/declarations/{draft.id}" not in html


def test_future_helper_is_after_today():
    assert future(1) > today().isoformat()
