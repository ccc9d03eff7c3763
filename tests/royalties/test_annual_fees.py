"""Annual fees: the schedule at every band boundary, due dates, grace months, leap days, reductions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from royalties.annual_fees import (
    FeeFacts,
    ReductionBasis,
    YearStatus,
    add_months,
    fee_status,
    full_fee,
    months_late,
    patent_year_on,
    year_start,
)
from royalties.types import PatentKind

INV, UM, DES = PatentKind.INVENTION, PatentKind.UTILITY_MODEL, PatentKind.DESIGN


@pytest.mark.parametrize(
    ("kind", "year", "fee"),
    [
        (INV, 1, 900),
        (INV, 3, 900),
        (INV, 4, 1200),
        (INV, 6, 1200),
        (INV, 7, 2000),
        (INV, 9, 2000),
        (INV, 10, 4000),
        (INV, 12, 4000),
        (INV, 13, 6000),
        (INV, 15, 6000),
        (INV, 16, 8000),
        (INV, 20, 8000),
        (UM, 3, 600),
        (UM, 4, 900),
        (UM, 5, 900),
        (UM, 6, 1200),
        (UM, 8, 1200),
        (UM, 9, 2000),
        (UM, 10, 2000),
        (DES, 5, 900),
        (DES, 6, 1200),
        (DES, 10, 2000),
        (DES, 11, 3000),
        (DES, 15, 3000),
    ],
)
def test_full_fee_at_every_band_boundary(kind: PatentKind, year: int, fee: int) -> None:
    assert full_fee(kind, year) == Decimal(fee)


@pytest.mark.parametrize(("kind", "year"), [(INV, 21), (UM, 11), (DES, 16)])
def test_no_fee_beyond_the_term(kind: PatentKind, year: int) -> None:
    with pytest.raises(ValueError):
        full_fee(kind, year)


@pytest.mark.parametrize(
    ("filing", "day", "year"),
    [
        (date(2020, 3, 1), date(2020, 2, 29), 0),
        (date(2020, 3, 1), date(2020, 3, 1), 1),
        (date(2020, 3, 1), date(2021, 2, 28), 1),
        (date(2020, 3, 1), date(2021, 3, 1), 2),
        # Filed on a leap day: the anniversary in a common year is 28 February.
        (date(2020, 2, 29), date(2021, 2, 27), 1),
        (date(2020, 2, 29), date(2021, 2, 28), 2),
        (date(2020, 2, 29), date(2024, 2, 28), 4),
        (date(2020, 2, 29), date(2024, 2, 29), 5),
    ],
)
def test_patent_year_counts_from_the_filing_date(filing: date, day: date, year: int) -> None:
    assert patent_year_on(filing, day) == year


def test_year_start_of_a_leap_day_filing() -> None:
    assert year_start(date(2020, 2, 29), 2) == date(2021, 2, 28)
    assert year_start(date(2020, 2, 29), 5) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 12, 15), 3, date(2027, 3, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "late"),
    [
        (date(2026, 3, 30), 0),
        (date(2026, 3, 31), 0),
        (date(2026, 4, 29), 0),
        (date(2026, 4, 30), 1),
        (date(2026, 5, 30), 1),
        (date(2026, 5, 31), 2),
        (date(2026, 9, 29), 5),
        (date(2026, 9, 30), 6),
    ],
)
def test_months_late_are_completed_calendar_months(day: date, late: int) -> None:
    assert months_late(date(2026, 3, 31), day) == late


# An invention filed 2016-05-10 and granted 2019-08-20 (patent year 4); fees paid through year 10.
FILED, GRANTED = date(2016, 5, 10), date(2019, 8, 20)
PAID_Y10 = date(2026, 1, 1)  # any day inside year 10 (2025-05-10 .. 2026-05-09)


def facts(**kw: object) -> FeeFacts:
    values: dict[str, object] = dict(kind=INV, filing_date=FILED, grant_date=GRANTED, paid_until=PAID_Y10)
    values.update(kw)
    return FeeFacts(**values)  # type: ignore[arg-type]


def test_schedule_runs_from_the_grant_year_to_the_end_of_term() -> None:
    status = fee_status(facts(), date(2026, 1, 1))
    assert [y.year for y in status.schedule] == list(range(4, 21))
    assert status.schedule[0].due_date == GRANTED
    assert status.paid_until == date(2026, 5, 9)
    assert status.patent_year == 10


@pytest.mark.parametrize(
    ("today", "status", "late", "surcharge"),
    [
        (date(2026, 2, 9), YearStatus.DUE, 0, "0.00"),
        (date(2026, 5, 9), YearStatus.DUE, 0, "0.00"),
        (date(2026, 5, 10), YearStatus.GRACE, 0, "0.00"),
        (date(2026, 6, 9), YearStatus.GRACE, 0, "0.00"),
        (date(2026, 6, 10), YearStatus.GRACE, 1, "200.00"),
        (date(2026, 7, 10), YearStatus.GRACE, 2, "400.00"),
        (date(2026, 8, 10), YearStatus.GRACE, 3, "600.00"),
        (date(2026, 9, 10), YearStatus.GRACE, 4, "800.00"),
        (date(2026, 10, 10), YearStatus.GRACE, 5, "1000.00"),
        (date(2026, 11, 9), YearStatus.GRACE, 5, "1000.00"),
        (date(2026, 11, 10), YearStatus.LAPSED, 0, "0.00"),
    ],
)
def test_the_next_fee_through_each_grace_month(
    today: date, status: YearStatus, late: int, surcharge: str
) -> None:
    """Year 11 (CNY 4,000) is due 2026-05-10; 5 % of the full fee per completed month late, six months."""
    nxt = fee_status(facts(), today).next_due
    assert nxt is not None
    assert (nxt.year, nxt.due_date, nxt.full_amount) == (11, date(2026, 5, 10), Decimal("4000.00"))
    assert (nxt.status, nxt.months_late, nxt.surcharge) == (status, late, Decimal(surcharge))
    assert nxt.grace_deadline == date(2026, 11, 10)


def test_years_after_the_next_one_due_are_later() -> None:
    statuses = [y.status for y in fee_status(facts(), date(2026, 11, 10)).schedule]
    assert statuses[:7] == [YearStatus.PAID] * 7
    assert statuses[7] == YearStatus.LAPSED
    assert set(statuses[8:]) == {YearStatus.LATER}
    assert fee_status(facts(), date(2026, 11, 10)).lapsed


def test_every_year_paid_leaves_nothing_due() -> None:
    status = fee_status(facts(paid_until=date(2036, 5, 9)), date(2030, 1, 1))
    assert status.next_due is None
    assert status.paid_until == date(2036, 5, 9)


@pytest.mark.parametrize(
    ("year", "pct", "basis"),
    [
        # Granted in patent year 4: 费减 covers years 4..13 (ten years from grant), then the open licence.
        (4, "85", ReductionBasis.FEE_REDUCTION),
        (13, "85", ReductionBasis.FEE_REDUCTION),
        (14, "15", ReductionBasis.OPEN_LICENCE),
        (20, "15", ReductionBasis.OPEN_LICENCE),
    ],
)
def test_reductions_never_stack_the_better_one_applies(year: int, pct: str, basis: ReductionBasis) -> None:
    open_licence = ((date(2019, 1, 1), None),)
    status = fee_status(facts(fee_reduction_pct=Decimal(85), open_licence=open_licence), date(2026, 1, 1))
    fee = next(y for y in status.schedule if y.year == year)
    assert (fee.reduction_pct, fee.reduction_basis) == (Decimal(pct), basis)
    assert fee.amount == (fee.full_amount * (100 - Decimal(pct)) / 100).quantize(Decimal("0.01"))


def test_joint_owners_seventy_percent_beats_the_open_licence() -> None:
    status = fee_status(
        facts(fee_reduction_pct=Decimal(70), open_licence=((date(2019, 1, 1), None),)), date(2026, 1, 1)
    )
    assert status.next_due is not None
    assert status.next_due.reduction_pct == Decimal(70)
    assert status.next_due.amount == Decimal("1200.00")


@pytest.mark.parametrize(
    ("period", "pct"),
    [
        ((date(2026, 5, 10), None), "15"),  # published on the due date
        ((date(2025, 1, 1), date(2026, 5, 10)), "15"),  # withdrawn on the due date
        ((date(2025, 1, 1), date(2026, 5, 9)), "0"),  # withdrawn the day before
        ((date(2026, 5, 11), None), "0"),  # published the day after
    ],
)
def test_open_licence_reduction_for_fees_falling_due_while_published(period: tuple, pct: str) -> None:
    nxt = fee_status(facts(open_licence=(period,)), date(2026, 1, 1)).next_due
    assert nxt is not None
    assert nxt.reduction_pct == Decimal(pct)
    assert nxt.surcharge == Decimal("0.00")


def test_surcharge_is_on_the_full_fee_not_the_reduced_one() -> None:
    nxt = fee_status(facts(fee_reduction_pct=Decimal(85)), date(2026, 7, 10)).next_due
    assert nxt is not None
    assert (nxt.amount, nxt.surcharge) == (Decimal("600.00"), Decimal("400.00"))


def test_unpaid_since_grant_is_judged_from_the_grant_date() -> None:
    status = fee_status(facts(paid_until=None), date(2019, 9, 1))
    assert status.next_due is not None
    assert (status.next_due.year, status.next_due.status) == (4, YearStatus.GRACE)
