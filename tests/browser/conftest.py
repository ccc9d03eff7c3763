"""A live server on a temporary SQLite file and a headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from app import create_app
from app.config import TestConfig
from app.extensions import db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CSP_REFUSED = "Content Security Policy"  # in Chromium's console message when the CSP blocks something
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def live_app(tmp_path: Path) -> Iterator[tuple[Flask, str]]:
    app = create_app(
        TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'browser.db'}", WTF_CSRF_ENABLED=True
    )
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def browser_page() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: run `make chromium` (make test does it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15000)
        blocked: list[str] = []  # what the Content-Security-Policy refused (an inline script, say)
        page.on("console", lambda msg: blocked.extend([msg.text] if CSP_REFUSED in msg.text else []))
        try:
            yield page
        finally:
            browser.close()
        assert blocked == [], blocked


def shot(page: Any, name: str) -> None:
    """Save a full-page screenshot under tests/artifacts/ (ignored by git)."""
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def follow(page: Any, target: Any) -> None:
    """Click a link or submit button and wait for the page it leads to, so the test reads that page next (a
    locator's count() does not wait: read straight after a bare click, it can see the page being left)."""
    with page.expect_navigation():
        (page.locator(target) if isinstance(target, str) else target).click()


def fill_in(page: Any, fields: dict[str, str]) -> None:
    """Fill a form's fields in the order given (a choice can show or hide the fields after it): a <select>
    takes the option of that value, any other field the text."""
    for selector, value in fields.items():
        if page.locator(f"select{selector}").count():
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def log_in(page: Any, base: str, email: str, password: str) -> None:
    """Log out whoever is logged in, then log in through the form."""
    page.goto(base + "/")
    if page.locator("button:has-text('退出')").count():
        follow(page, "button:has-text('退出')")
    page.goto(base + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/")
