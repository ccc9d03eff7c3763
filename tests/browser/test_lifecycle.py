"""Issue 11 in a real browser: a patentee sees the fee calendar and the high-value badge on a patent (its
assumed facts badged as demo assumptions); an operator sees the at-risk list and filters it."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.auth.services import ProfileInput, create_user, save_profile
from app.demo.lifecycle import load_lifecycle_demo
from app.demo.patents import as_form, demo_patents
from app.extensions import db
from app.patents.services import create_patent
from app.patents.validation import validate_patent_input
from tests.browser.conftest import follow, log_in, shot

pytestmark = pytest.mark.browser

PASSWORD = "life-pass-2026x"


def seed(app) -> dict[str, str]:
    """A patentee with eight real granted inventions, six of them given the demo's fee stories."""
    with app.app_context():
        users = {}
        for email, name, role in [
            ("op@life.cn", "辽宁省知识产权运营中心（测试）", Role.OPERATOR),
            ("pat@life.cn", "东北机电技术研究院（测试）", Role.PATENTEE),
        ]:
            users[email] = create_user(email, PASSWORD, role, display_name=name)
            save_profile(users[email], ProfileInput(name=name, province="辽宁省", industry_codes=["C"]))
        inventions = [p for p in demo_patents() if p.kind_code == "B"][:8]
        patents = []
        for p in inventions:
            inp, errors = validate_patent_input(as_form(p))
            assert inp is not None, errors
            patents.append(create_patent(users["pat@life.cn"], inp))
        chosen = load_lifecycle_demo(users["pat@life.cn"], patents)
        db.session.commit()
        return {name: patent.number for name, patent in chosen.items()}


def test_fee_calendar_high_value_badge_and_the_operators_list(live_app, browser_page):
    app, base = live_app
    page = browser_page
    numbers = seed(app)

    log_in(page, base, "pat@life.cn", PASSWORD)
    follow(page, "nav >> text=年费日历")
    calendar = page.locator("#fee-calendar")
    assert calendar.locator("tr", has_text=numbers["due"]).count() >= 1
    grace = calendar.locator("tr.fee-grace_deadline", has_text=numbers["grace"]).filter(has_text="滞纳期")
    assert grace.count() == 1  # this year's fee, in grace: its last day to pay with the surcharge
    assert calendar.locator("tr", has_text=numbers["lapsed"]).count() == 0  # lapsed: nothing left to pay
    shot(page, "life-1-calendar")
    follow(page, calendar.locator("a", has_text=numbers["due"]).first)
    assert "高价值发明专利" in page.inner_text("#high-value + .card .badge")
    assert "中国专利奖" in page.inner_text("#high-value + .card")
    assert "演示假设" in page.inner_text("#demo-assumptions")
    shot(page, "life-2-high-value")

    log_in(page, base, "op@life.cn", PASSWORD)
    follow(page, "nav >> text=年费监测")
    rows = page.locator("#monitoring tbody tr")
    listed = {rows.nth(i).get_attribute("data-patent") for i in range(rows.count())}
    assert {numbers["due"], numbers["grace"], numbers["nearing"]} <= listed
    assert numbers["lapsed"] not in listed and numbers["maintained"] not in listed
    shot(page, "life-3-at-risk")
    page.select_option("#which", "high_value_unpaid")
    follow(page, "#monitoring-filter button[type=submit]")
    rows = page.locator("#monitoring tbody tr")
    assert rows.count() == 1 and rows.first.get_attribute("data-patent") == numbers["due"]
    assert "which=high_value_unpaid" in page.get_attribute("#monitoring-csv", "href")
    shot(page, "life-4-filtered")
