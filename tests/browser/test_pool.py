"""Issue 4 in a real browser: an operator builds a pool, two patentees consent, an enterprise takes the
pool licence, and the ledger shows the split that adds up to the payment."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.auth.services import ProfileInput, create_user, save_profile
from app.extensions import db
from app.patents.services import create_patent, require_patent_input
from tests.browser.conftest import fill_in, follow, log_in, shot

pytestmark = pytest.mark.browser

PASSWORD = "pool-pass-123"
# Real granted inventions from data/cn_patent_titles_ipc.csv; the dates are what each patentee records.
PATENTS = {
    "a@pool.cn": {"publication_number": "CN111504366B", "ipc_codes": "G01D|G01F", "filing_date": "2020-04-28",
                  "title": "基于人工智能的流体输送系统精确计量方法及计量装置"},
    "b@pool.cn": {"publication_number": "CN111521096B", "title": "一种基于轨道列车的钢轨轮对内距测量机构",
                  "ipc_codes": "G01B", "filing_date": "2020-05-12"},
}  # fmt: skip


def seed(app) -> None:
    with app.app_context():
        for email, name, role in [
            ("op@pool.cn", "辽宁省知识产权运营中心（测试）", Role.OPERATOR),
            ("a@pool.cn", "计量研究所（测试）", Role.PATENTEE),
            ("b@pool.cn", "轨道测量公司（测试）", Role.PATENTEE),
            ("sme@pool.cn", "沈阳仪表有限公司（测试）", Role.ENTERPRISE),
        ]:
            user = create_user(email, PASSWORD, role, display_name=name)
            save_profile(user, ProfileInput(name=name, province="辽宁省"))
            if email in PATENTS:
                record = {**PATENTS[email], "legal_status": "granted", "annual_fee_paid_until": "2027-12-31"}
                create_patent(user, require_patent_input(record))
        db.session.commit()


def operator_creates_pool(page, base: str) -> str:
    log_in(page, base, "op@pool.cn", PASSWORD)
    page.goto(base + "/pools/new")
    fill_in(
        page,
        {
            "#name": "智能计量一站式专利池（测试）",
            "#field_ipc": "G01F, G01B, G01D",
            "#term_start": "2026-12-01",
            "#term_end": "2029-11-30",
            "#fee_method": "lump_sum",
            "#lump_sum": "100.00",
            "#admin_fee_pct": "5",
            "#distribution_rule": "count",
        },
    )
    follow(page, "#save-pool")
    page.fill("#numbers", "CN111504366B\nCN111521096B")
    follow(page, "#invite-patents")
    shot(page, "pool-1-invited")
    return page.url


def patentee_consents(page, base: str, email: str, number: str, pool_url: str) -> None:
    log_in(page, base, email, PASSWORD)
    page.goto(pool_url)
    row = page.locator(f"tr[data-number='{number}']")
    follow(page, row.locator("button[id^=consent-]"))
    assert page.locator(f"tr[data-number='{number}']", has_text="同意").count() == 1, page.content()


def test_pool_from_invitation_to_ledger(live_app, browser_page):
    app, base = live_app
    page = browser_page
    seed(app)
    pool_url = operator_creates_pool(page, base)
    patentee_consents(page, base, "a@pool.cn", "CN111504366B", pool_url)
    patentee_consents(page, base, "b@pool.cn", "CN111521096B", pool_url)
    log_in(page, base, "op@pool.cn", PASSWORD)
    page.goto(pool_url)
    follow(page, "#open-pool")
    assert "许可要约已发布" in page.inner_text("#pool-status")
    shot(page, "pool-2-open")

    log_in(page, base, "sme@pool.cn", PASSWORD)
    page.goto(pool_url)
    follow(page, "#take-pool-licence")
    fill_in(
        page,
        {
            "#notice": "沈阳仪表有限公司依据《专利法》第五十一条书面通知：接受本专利池的一站式许可。",
            "#payment_reference": "BANK-POOL-0001",
        },
    )
    follow(page, "#submit-take")
    assert page.locator("#my-pool-licence").count() == 1, page.content()
    shot(page, "pool-3-licensed")

    log_in(page, base, "op@pool.cn", PASSWORD)
    page.goto(pool_url)
    follow(page, "#view-ledger")
    ledger = page.locator("section[id^=ledger-]").first
    assert ledger.locator("tr.share").count() == 2
    check = ledger.locator("[id$=-check]").inner_text()
    assert "合计 = 付款额" in check and "✓" in check
    # 100.00 minus a 5 % fee leaves 95.00 for two patents: 47.50 each.
    assert ledger.locator("tr.share", has_text="47.50").count() == 2
    assert page.locator("#ledger-totals").count() == 0  # nothing confirmed yet: no totals
    shot(page, "pool-4-ledger")
    follow(page, ledger.locator("button[id^=confirm-payment-]"))  # the operator received the lump sum
    ledger = page.locator("section[id^=ledger-]").first
    assert ledger.locator("[id^=payment-status-]", has_text="已确认收款").count() == 1, page.content()
    assert page.locator("#ledger-totals tr", has_text="47.50").count() == 2
    shot(page, "pool-5-confirmed")
