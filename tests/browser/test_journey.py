"""Issue 2's journey in a real browser: a patentee publishes, a stranger signs up, finds it and takes it."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.auth.services import ProfileInput, create_user, save_profile
from app.extensions import db
from app.patents.services import create_patent, require_patent_input
from app.patents.verification import verify_patent
from tests.browser.conftest import fill_in, follow, log_in, shot

pytestmark = pytest.mark.browser

PASSWORD = "journey-pass-1"
# A real granted invention from data/cn_patent_titles_ipc.csv.
PATENT = {
    "publication_number": "CN111504366B",
    "title": "基于人工智能的流体输送系统精确计量方法及计量装置",
    "ipc_codes": "G01D|G01F",
    "legal_status": "granted",
    "filing_date": "2020-04-28",
    "annual_fee_paid_until": "2027-04-28",
}


def seed_patentee(app) -> None:
    with app.app_context():
        user = create_user("patentee@journey.cn", PASSWORD, Role.PATENTEE, display_name="演示计量研究所")
        save_profile(user, ProfileInput(name="演示计量研究所", province="辽宁省", city="大连市"))
        patent = create_patent(user, require_patent_input(PATENT))
        operator = create_user("operator@journey.cn", PASSWORD, Role.OPERATOR)
        verify_patent(
            operator, patent.id, "专利证书（旅程测试）"
        )  # patents are verified before they are offered
        db.session.commit()


def publish_declaration(page, base: str) -> None:
    page.goto(base + "/declarations/new")
    page.select_option("#patent_id", index=0)
    fill_in(
        page,
        {
            "#fee_method": "lump_sum",
            "#lump_sum": "30000",
            "#period_start": "2026-01-01",
            "#period_end": "2029-12-31",
            "#contact": "许可办公室 0411-00000000",
        },
    )
    shot(page, "journey-1-declaration-form")
    follow(page, "#declaration-form button[type=submit]")
    follow(page, "button:has-text('发布公告')")
    assert page.locator(".flash", has_text="已公告").count() >= 1, page.content()
    shot(page, "journey-2-published")


def sign_up_enterprise(page, base: str) -> None:
    follow(page, "button:has-text('退出')")
    page.goto(base + "/auth/signup")
    fill_in(
        page,
        {
            "#role": "enterprise",
            "#email": "buyer@sme.cn",
            "#password": PASSWORD,
            "#confirm": PASSWORD,
            "#name": "大连流控设备有限公司（测试）",
            "#credit_code": "91350100M000100Y43",
            "#province": "辽宁省",
            "#needs": "我们需要流量计量和流体输送的精确计量技术。",
        },
    )
    follow(page, "button[type=submit]:has-text('注册')")
    assert page.locator("#check-email").count() == 1, page.content()  # the same page for a taken address
    log_in(page, base, "buyer@sme.cn", PASSWORD)


def find_and_take(page, base: str) -> None:
    page.goto(base + "/announcements")
    page.fill("#q", "流体输送")
    follow(page, "form[role=search] button[type=submit]")
    shot(page, "journey-3-search")
    follow(page, "article.announcement h2 a")
    page.fill("#payment_reference", "BANK-20261125-0001")
    shot(page, "journey-4-take-form")
    follow(page, "form button[type=submit]:has-text('获取许可')")
    assert page.locator("text=专利权人确认收款后许可生效").count() == 1, page.content()
    shot(page, "journey-5-licensed")


def patentee_confirms_payment(page, base: str) -> None:
    """The licence is payment_pending until the patentee confirms receipt (issue 8 §3)."""
    log_in(page, base, "patentee@journey.cn", PASSWORD)
    page.goto(base + "/licences/")
    follow(page, "a:has-text('查看')")
    assert "待确认收款" in page.content()
    follow(page, "button[id^=confirm-payment-]")
    assert page.locator(".flash", has_text="已确认收款").count() >= 1, page.content()
    assert page.locator("[id^=payment-status-]", has_text="已确认收款").count() == 1
    assert page.locator("button[id^=confirm-payment-]").count() == 0
    shot(page, "journey-7-payment-confirmed")


def test_patentee_publishes_enterprise_finds_and_takes(live_app, browser_page):
    app, base = live_app
    page = browser_page
    seed_patentee(app)
    log_in(page, base, "patentee@journey.cn", PASSWORD)
    publish_declaration(page, base)
    sign_up_enterprise(page, base)
    find_and_take(page, base)
    page.goto(base + "/licences/")
    assert page.locator("text=CN111504366B").count() >= 1
    shot(page, "journey-6-my-licences")
    patentee_confirms_payment(page, base)
