"""A patentee's fee calendar: upcoming due dates and grace deadlines on a page and as an iCalendar feed.

The feed (RFC 5545, for the calendar people already use) is read without a session, so it is guarded by a
per-user secret in its URL: ``<user id>.<secret>``; only the secret's SHA-256 is stored and it is compared in
constant time. Regenerating replaces it; revoking deletes it. Dates: Implementing Rules (2023) Art. 115.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from icalendar import Alarm, Calendar, Event
from sqlalchemy import delete, select

from app import clock
from app.auth.models import Role, User
from app.errors import Forbidden
from app.extensions import db
from app.fees import services as fee_svc
from app.fees.models import FeeCalendarFeed
from app.patents.models import LegalStatus, Patent
from royalties.types import YearStatus

DUE = "due"
GRACE_DEADLINE = "grace_deadline"
RULE = _l("《专利法实施细则》（2023）第一百一十五条")


@dataclass(frozen=True)
class CalendarEntry:
    day: date
    kind: str  # due | grace_deadline
    patent: Patent
    year: int
    status: YearStatus
    amount: str  # what to pay, surcharge included where one is due, as "1,234.00"


def _ensure_patentee(actor: User) -> None:
    if not actor.has_role(Role.PATENTEE):
        raise Forbidden(_("只有专利权人有年费日历。"))


def _entries_of(patent: Patent, today: date) -> list[CalendarEntry]:
    position = fee_svc.fee_position_of(patent)
    if position is None or position.next_due is None or position.lapsed:
        return []
    entries = []
    for fee in position.schedule:
        if fee.status is YearStatus.PAID:
            continue
        pay = f"{fee.amount + fee.surcharge:,.2f}"
        if fee.due_date >= today:
            entries.append(CalendarEntry(fee.due_date, DUE, patent, fee.year, fee.status, pay))
        entries.append(CalendarEntry(fee.grace_deadline, GRACE_DEADLINE, patent, fee.year, fee.status, pay))
    return entries


def calendar_entries(user: User) -> list[CalendarEntry]:
    """Upcoming fee dates: every unpaid year of each granted patent of the user not lapsed, by date."""
    query = select(Patent).where(Patent.owner_id == user.id, Patent.legal_status == LegalStatus.GRANTED)
    today = clock.today()
    entries = [e for p in db.session.scalars(query.order_by(Patent.id)) for e in _entries_of(p, today)]
    return sorted(entries, key=lambda e: (e.day, e.patent.id, e.kind))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_feed_token(actor: User) -> str:
    """A new feed token for the actor (any earlier one stops working); shown once."""
    _ensure_patentee(actor)
    secret = secrets.token_urlsafe(32)
    feed = db.session.scalar(select(FeeCalendarFeed).where(FeeCalendarFeed.user_id == actor.id))
    if feed is None:
        feed = FeeCalendarFeed(user_id=actor.id, digest="")
        db.session.add(feed)
    feed.digest, feed.created_at = _digest(secret), clock.now()
    db.session.flush()
    return f"{actor.id}.{secret}"


def revoke_feed_token(actor: User) -> None:
    """Stop the actor's feed."""
    _ensure_patentee(actor)
    db.session.execute(delete(FeeCalendarFeed).where(FeeCalendarFeed.user_id == actor.id))
    db.session.flush()


def feed_active(actor: User) -> bool:
    return (
        db.session.scalar(select(FeeCalendarFeed.id).where(FeeCalendarFeed.user_id == actor.id)) is not None
    )


def feed_user(token: str) -> User | None:
    """The owner of a valid feed token, or None (the caller answers 404 either way)."""
    user_id, _, secret = token.partition(".")
    if not user_id.isdigit() or not secret or len(token) > 200:
        return None
    feed = db.session.scalar(select(FeeCalendarFeed).where(FeeCalendarFeed.user_id == int(user_id)))
    if feed is None or not hmac.compare_digest(feed.digest, _digest(secret)):
        return None
    user = db.session.get(User, feed.user_id)
    return user if user is not None and user.has_role(Role.PATENTEE) else None


def _event(entry: CalendarEntry, base_url: str) -> Event:
    patent, year = entry.patent, entry.year
    event = Event()
    event.add("uid", f"fee-{patent.id}-{year}-{entry.kind}@ole")
    event.add("dtstamp", clock.now())
    event.add("dtstart", entry.day)
    event.add("dtend", entry.day + timedelta(days=1))
    if entry.kind == DUE:
        event.add(
            "summary",
            _(
                "年费缴费期限：%(number)s 第 %(year)s 年度 ¥%(amount)s",
                number=patent.number,
                year=year,
                amount=entry.amount,
            ),
        )
        text = _(
            "%(title)s（%(number)s）第 %(year)s 年度年费今日到期；期满后 6 个月内可补缴并加收滞纳金",
            title=patent.title,
            number=patent.number,
            year=year,
        )
    else:
        event.add(
            "summary", _("年费补缴最后期限：%(number)s 第 %(year)s 年度", number=patent.number, year=year)
        )
        text = _(
            "%(title)s（%(number)s）第 %(year)s 年度年费补缴期限今日届满；未缴则专利权自缴费期限届满日起终止",
            title=patent.title,
            number=patent.number,
            year=year,
        )
    event.add(
        "description",
        _("%(text)s（%(rule)s）。", text=text, rule=RULE) + f"{base_url}/patents/{patent.id}#fees",
    )
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event["summary"])
    alarm.add("trigger", timedelta(days=-7))
    event.add_component(alarm)
    return event


def calendar_ics(user: User, base_url: str) -> bytes:
    """The user's fee dates as an iCalendar document (all-day events, a reminder 7 days before each)."""
    cal = Calendar()
    cal.add("prodid", "-//Open Licence Exchange//Annual fees//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("专利年费日历"))
    for entry in calendar_entries(user):
        cal.add_component(_event(entry, base_url))
    return cal.to_ical()
