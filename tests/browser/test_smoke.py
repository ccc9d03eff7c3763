import pytest

from tests.browser.conftest import follow, shot

pytestmark = pytest.mark.browser


def test_signup_page_shows_a_clear_error_for_a_bad_credit_code(live_app, browser_page):
    _, base = live_app
    page = browser_page
    page.goto(base + "/auth/signup")
    page.select_option("#role", "enterprise")
    page.fill("#email", "sme@example.cn")
    page.fill("#password", "tulip-orbit-77")
    page.fill("#confirm", "tulip-orbit-77")
    page.fill("#name", "沈阳演示科技有限公司")
    page.fill("#credit_code", "91350100M000100Y44")
    follow(page, "button[type=submit]:has-text('注册')")
    assert page.locator(".field .error", has_text="校验位不正确").count() == 1
    shot(page, "signup-bad-credit-code")
