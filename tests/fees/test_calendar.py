"""The patentee's fee calendar page and its iCalendar feed (/fees/calendar.ics?token=…)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from icalendar import Calendar

from app.auth.models import Role
from app.patents.models import LegalStatus

# In grace: year 11 fell due 2026-07-10 (grace deadline 2027-01-10); year 12 falls due 2027-07-10.
GRACE = dict(
    filing_date=date(2016, 7, 10), grant_date=date(2019, 8, 20), annual_fee_paid_until=date(2026, 1, 1)
)


def feed_url(client) -> str:
    page = client.post("/fees/calendar/token").get_data(as_text=True)
    match = re.search(r'id="feed-url" value="([^"]+)"', page)
    assert match, page
    return match.group(1).replace("&amp;", "&")


def events(body: bytes) -> list[tuple[str, str]]:
    cal = Calendar.from_ical(body)
    return [(str(e["summary"]), e.decoded("dtstart").isoformat()) for e in cal.walk("VEVENT")]


def test_the_page_lists_upcoming_due_dates_and_grace_deadlines(login, make_patent, make_user):
    owner = make_user(Role.PATENTEE)
    make_patent(owner, **GRACE)
    make_patent(owner, publication_number="CN114081026B", legal_status=LegalStatus.LAPSED)
    html = login(owner).get("/fees/calendar").get_data(as_text=True)
    assert html.index("2027-01-10") < html.index("2027-07-10")  # by date
    assert "补缴最后期限" in html and "¥4,800.00" in html  # 4,000 + 20 % surcharge
    assert "CN114081026B" not in html


def test_the_feed_has_one_event_per_due_date_and_grace_deadline(client, login, make_patent):
    patent = make_patent(**GRACE)
    url = feed_url(login(patent.owner))
    client.post("/auth/logout")
    resp = client.get(url)
    assert resp.status_code == 200 and resp.mimetype == "text/calendar"
    found = events(resp.data)
    assert ("年费补缴最后期限：CN111504366B 第 11 年度", "2027-01-10") in found
    assert ("年费缴费期限：CN111504366B 第 12 年度 ¥4,000.00", "2027-07-10") in found
    assert not any(day == "2026-07-10" for _, day in found)  # a past due date is not upcoming
    assert len(found) == 2 * (20 - 11) + 1  # years 12-20: due and grace deadline; year 11: grace deadline


def test_regenerating_voids_the_old_link_and_revoking_ends_the_feed(client, login, make_patent):
    patent = make_patent(**GRACE)
    browser = login(patent.owner)
    first = feed_url(browser)
    second = feed_url(browser)
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200
    browser.post("/fees/calendar/token/revoke")
    assert client.get(second).status_code == 404


@pytest.mark.parametrize("token", ["", "abc", "1.", ".secret", "99.secret", "1.wrong-secret", "x" * 300])
def test_a_wrong_token_is_404(client, login, make_patent, token):
    feed_url(login(make_patent(**GRACE).owner))
    assert client.get("/fees/calendar.ics", query_string={"token": token}).status_code == 404


def test_another_users_id_with_my_secret_is_404(client, login, make_patent, make_user):
    url = feed_url(login(make_patent(**GRACE).owner))
    other = make_user(Role.PATENTEE)
    feed_url(login(other))
    token = url.split("token=")[1]
    forged = f"{other.id}.{token.split('.', 1)[1]}"
    assert client.get("/fees/calendar.ics", query_string={"token": forged}).status_code == 404


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.OPERATOR])
def test_other_roles_have_no_calendar(login, make_user, role):
    browser = login(make_user(role))
    assert browser.get("/fees/calendar").status_code == 403
    assert browser.post("/fees/calendar/token").status_code == 403
