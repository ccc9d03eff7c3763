"""Monthly series, breakdowns and the front page's live figures, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from app.declarations.models import DeclarationStatus
from app.extensions import db
from app.matches.models import Feedback, Frequency, MatchNotice
from app.opendata.figures import by_industry, headline, monthly, push_feedback
from app.opendata.months import month_range
from app.stats.services import StatsFilter


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2026-11", "2026-11", ["2026-11"]),
        ("2026-11", "2027-02", ["2026-11", "2026-12", "2027-01", "2027-02"]),
        ("2026-12", "2026-11", []),
    ],
)
def test_month_range(first, last, expected) -> None:
    assert month_range(first, last) == expected


def test_monthly_series(market) -> None:
    m = monthly(StatsFilter())
    assert m.months == ("2026-09", "2026-10", "2026-11")  # withdrawn one was announced in September
    assert m.declarations == (1, 1, 1)
    assert m.licences == (0, 0, 2)
    assert m.royalties == (Decimal("0.00"), Decimal("0.00"), Decimal("53500.00"))  # 50,000 + 3.5 % of 100,000


def test_monthly_series_follow_the_filter(market) -> None:
    m = monthly(StatsFilter(ipc_section="H"))
    assert m.declarations[-1] == 1 and sum(m.declarations) == 1
    assert m.royalties[-1] == Decimal("3500.00")


@pytest.mark.parametrize(
    ("published_at", "month"),
    [
        (datetime(2026, 10, 31, 15, 59, tzinfo=UTC), "2026-10"),  # 23:59 in Beijing
        (datetime(2026, 10, 31, 16, 0, tzinfo=UTC), "2026-11"),  # already 1 November in Beijing
    ],
)
def test_months_are_in_china_time(app, make_declaration, published_at, month) -> None:
    make_declaration(status=DeclarationStatus.PUBLISHED, published_at=published_at, ipc_sections=",G,")
    m = monthly(StatsFilter())
    assert dict(zip(m.months, m.declarations, strict=True))[month] == 1


def test_by_industry_groups_codes_into_sections(market, make_declaration, make_patent) -> None:
    make_declaration(
        make_patent(publication_number="CN114081026A"), status=DeclarationStatus.PUBLISHED, industry_code=""
    )
    rows = by_industry(StatsFilter())
    assert [(code, n) for code, _name, n in rows] == [("C", 2), ("", 1)]


def test_headline(market) -> None:
    h = headline()
    assert (h.announcements, h.licences, h.royalties, h.enterprises) == (2, 2, Decimal("53500.00"), 1)


def test_unconfirmed_payments_and_their_licences_are_not_counted(unconfirmed) -> None:
    h, m = headline(), monthly(StatsFilter())
    assert (h.announcements, h.licences, h.royalties, h.enterprises) == (2, 2, Decimal("53500.00"), 1)
    assert (m.licences[-1], m.royalties[-1]) == (2, Decimal("53500.00"))


def test_push_and_feedback_per_month(market) -> None:
    db.session.add(MatchNotice(user_id=market.enterprise.id, declaration_id=market.lump.id, score=0.8,
                               frequency=Frequency.DAILY))  # fmt: skip
    db.session.add(Feedback(user_id=market.enterprise.id, declaration_id=market.lump.id, useful=True))
    db.session.commit()
    p = push_feedback(StatsFilter())
    assert (p["months"][-1], p["pushed"][-1], p["useful"][-1], p["not_useful"][-1]) == ("2026-11", 1, 1, 0)


def test_empty_market_has_this_month_only(app) -> None:
    m = monthly(StatsFilter())
    assert m.months == ("2026-11",) and m.declarations == (0,) and headline().royalties == Decimal("0.00")
