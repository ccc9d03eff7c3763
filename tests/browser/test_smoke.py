import pytest

from tests.browser.conftest import fill_in, follow, shot

pytestmark = pytest.mark.browser


def test_signup_page_shows_a_clear_error_for_a_bad_credit_code(live_app, browser_page):
    _, base = live_app
    page = browser_page
    page.goto(base + "/auth/signup")
    fill_in(
        page,
        {
            "#role": "enterprise",
            "#email": "sme@example.cn",
            "#password": "tulip-orbit-77",
            "#confirm": "tulip-orbit-77",
            "#name": "沈阳演示科技有限公司",
            "#credit_code": "91350100M000100Y44",
        },
    )
    follow(page, "button[type=submit]:has-text('注册')")
    assert page.locator(".field .error", has_text="校验位不正确").count() == 1
    shot(page, "signup-bad-credit-code")
