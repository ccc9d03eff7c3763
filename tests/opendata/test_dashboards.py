"""Patentee and enterprise dashboards: a chart each, today's counts, and the next sales report due."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app import clock
from app.opendata.dashboards import enterprise_dashboard, next_period, patentee_dashboard, quarter_end


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 5, 15), date(2026, 6, 30)),
        (date(2026, 9, 30), date(2026, 9, 30)),
        (date(2026, 11, 25), date(2026, 12, 31)),
        (date(2028, 2, 29), date(2028, 3, 31)),
    ],
)
def test_quarter_end(day, end) -> None:
    assert quarter_end(day) == end


@pytest.mark.parametrize(
    ("start", "last_end", "licence_end", "expected"),
    [
        (date(2026, 11, 25), None, date(2028, 12, 31), (date(2026, 11, 25), date(2026, 12, 31))),
        (date(2026, 1, 10), date(2026, 3, 31), None, (date(2026, 4, 1), date(2026, 6, 30))),
        (date(2026, 1, 10), date(2025, 12, 31), None, (date(2026, 1, 10), date(2026, 3, 31))),
        (date(2026, 1, 1), None, date(2026, 2, 15), (date(2026, 1, 1), date(2026, 2, 15))),
        (date(2026, 1, 1), date(2026, 2, 15), date(2026, 2, 15), None),
    ],
)
def test_next_period(start, last_end, licence_end, expected) -> None:
    assert next_period(start, last_end, licence_end) == expected


def test_patentee_dashboard(market) -> None:
    d = patentee_dashboard(market.patentee)
    assert [v for _label, v in d.counts] == [2, 2, Decimal("53500.00")]
    assert d.chart.categories[-1] == "2026-11" and d.chart.series[0].data[-1] == 53500.0
    [report] = d.next_reports  # the lump-sum licence needs no report
    assert report.licence.declaration_id == market.running.id
    assert (report.period_start, report.period_end, report.due_on) == (
        date(2026, 11, 25), date(2026, 12, 31), date(2027, 1, 30),
    )  # fmt: skip
    assert not report.overdue


def test_patentee_dashboard_counts_confirmed_payments_only(unconfirmed) -> None:
    d = patentee_dashboard(unconfirmed.patentee)
    assert [v for _label, v in d.counts] == [2, 2, Decimal("53500.00")]
    assert d.chart.series[0].data[-1] == 53500.0


def test_enterprise_dashboard_and_an_overdue_report(market) -> None:
    d = enterprise_dashboard(market.enterprise)
    assert [v for _label, v in d.counts] == [2, Decimal("53500.00")]
    assert d.chart.series[0].data[-1] == 2
    with clock.travel(clock.now().replace(year=2027, month=3, day=1)):
        assert enterprise_dashboard(market.enterprise).next_reports[0].overdue


def test_someone_else_sees_nothing_of_it(market, make_user) -> None:
    from app.auth.models import Role

    d = enterprise_dashboard(make_user(Role.ENTERPRISE))
    assert [v for _label, v in d.counts] == [0, Decimal("0.00")] and d.next_reports == []


@pytest.mark.parametrize(("who", "chart"), [("patentee", "chart-received"), ("enterprise", "chart-held")])
def test_dashboard_page_shows_the_chart(client, market, login, who, chart) -> None:
    login(getattr(market, who))
    html = client.get("/dashboard").get_data(as_text=True)
    assert f'data-chart="{chart}"' in html and f'id="{chart}-table"' in html
    assert market.running.patent.number in html and "2027-01-30" in html
