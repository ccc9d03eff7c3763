"""Annual fees (年费) of a granted patent: schedule, due dates, grace period, surcharge and reductions.

Sources (see ../shared/LEGAL.md for how sure each is):
- Patent Law (2020) Art. 43: annual fees are paid from the year in which the patent is granted; Art. 44: an
  unpaid fee ends the patent early.
- Implementing Rules (2023) Art. 115: fees after the grant year are due before the previous patent year ends;
  within 6 months of that due date they may still be paid with a surcharge of 5 % of that year's full fee for
  each month past the due date; otherwise the patent ends as of the due date.
- Guidelines for Patent Examination, Part V Ch. 2 §7.2.1 (as commonly reproduced, not verified here): the due
  date is the anniversary of the filing date in that year. Patent years are counted from the filing date.
- CNIPA fee standard (secondary): the amounts in ``FEE_BANDS``.
- Reductions: 15 % while an open licence is published (财税〔2024〕23号; CNIPA announcement No. 594, 2024);
  费减 85 % for one qualifying owner or 70 % for joint owners, for the fees of the first ten patent years
  counted from the year of grant (财税〔2016〕78号, 〔2018〕37号, 〔2019〕45号). They never stack: the owner
  gets the most favourable one.

Month counting (the exact rule is unverified, so this is the rule we implement): a month late is a completed
calendar month after the due date, the same day-of-month or, where that month has no such day, its last day.
Within the first month no surcharge is due; five completed months give 25 %. The grace deadline is the due
date plus six such months; paid on or after it, the fee is too late and the patent lapsed as of the due date.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from royalties.term import add_years, term_years
from royalties.types import FeeFacts, FeeStatus, FeeYear, PatentKind, ReductionBasis, YearStatus

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
GRACE_MONTHS = 6
SURCHARGE_PCT_PER_MONTH = Decimal(5)
OPEN_LICENCE_REDUCTION_PCT = Decimal(15)
FEE_REDUCTION_YEARS = 10

# (last patent year of the band, CNY per year), per kind: the CNIPA fee standard.
FEE_BANDS: dict[PatentKind, tuple[tuple[int, int], ...]] = {
    PatentKind.INVENTION: ((3, 900), (6, 1200), (9, 2000), (12, 4000), (15, 6000), (20, 8000)),
    PatentKind.UTILITY_MODEL: ((3, 600), (5, 900), (8, 1200), (10, 2000)),
    PatentKind.DESIGN: ((3, 600), (5, 900), (8, 1200), (10, 2000), (15, 3000)),
}


def add_months(day: date, months: int) -> date:
    """Return ``day`` plus whole calendar months; a missing day becomes the month's last day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def full_fee(kind: PatentKind, year: int) -> Decimal:
    """Return the full annual fee in CNY for patent year ``year`` (1-based) of a patent of ``kind``."""
    for last_year, amount in FEE_BANDS[kind]:
        if year <= last_year:
            return Decimal(amount)
    raise ValueError(f"patent year {year} is beyond the term of a {kind.value}")


def year_start(filing_date: date, year: int) -> date:
    """Return the first day of patent year ``year``: the anniversary of filing (29 Feb -> 28 Feb)."""
    return add_years(filing_date, year - 1)


def patent_year_on(filing_date: date, day: date) -> int:
    """Return the patent year (1-based) that ``day`` falls in; 0 before the filing date."""
    if day < filing_date:
        return 0
    year = day.year - filing_date.year + 1
    return year if day >= year_start(filing_date, year) else year - 1


def months_late(due: date, day: date) -> int:
    """Return the completed calendar months from ``due`` to ``day`` (0 when not past due)."""
    months = max((day.year - due.year) * 12 + day.month - due.month, 0)
    while months and add_months(due, months) > day:
        months -= 1
    return months


def _reduction(facts: FeeFacts, year: int, due: date) -> tuple[Decimal, ReductionBasis | None]:
    """The one most favourable reduction for ``year`` (they never stack)."""
    options: list[tuple[Decimal, ReductionBasis]] = []
    grant_year = patent_year_on(facts.filing_date, facts.grant_date)
    if facts.fee_reduction_pct and year < grant_year + FEE_REDUCTION_YEARS:
        options.append((facts.fee_reduction_pct, ReductionBasis.FEE_REDUCTION))
    if any(start <= due and (end is None or due <= end) for start, end in facts.open_licence):
        options.append((OPEN_LICENCE_REDUCTION_PCT, ReductionBasis.OPEN_LICENCE))
    if not options:
        return Decimal(0), None
    return max(options, key=lambda option: option[0])


def _status(paid: bool, due: date, today: date, earlier: YearStatus | None) -> YearStatus:
    if paid:
        return YearStatus.PAID
    if earlier in (YearStatus.DUE, YearStatus.GRACE, YearStatus.LAPSED, YearStatus.LATER):
        return YearStatus.LATER
    if today < due:
        return YearStatus.DUE
    return YearStatus.GRACE if today < add_months(due, GRACE_MONTHS) else YearStatus.LAPSED


def _fee_year(facts: FeeFacts, year: int, today: date, earlier: YearStatus | None) -> FeeYear:
    starts = year_start(facts.filing_date, year)
    # The grant year's fee is paid on registration of the grant (Rules Art. 115(1)).
    grant_year = patent_year_on(facts.filing_date, facts.grant_date)
    due = facts.grant_date if year == grant_year else starts
    full = full_fee(facts.kind, year)
    pct, basis = _reduction(facts, year, due)
    paid = facts.paid_until is not None and facts.paid_until >= starts
    status = _status(paid, due, today, earlier)
    late = months_late(due, today) if status is YearStatus.GRACE else 0
    return FeeYear(
        year=year,
        starts=starts,
        due_date=due,
        full_amount=full.quantize(CENT),
        reduction_pct=pct,
        reduction_basis=basis,
        amount=(full * (HUNDRED - pct) / HUNDRED).quantize(CENT),
        status=status,
        grace_deadline=add_months(due, GRACE_MONTHS),
        months_late=late,
        surcharge=(full * SURCHARGE_PCT_PER_MONTH * late / HUNDRED).quantize(CENT),
    )


def fee_status(facts: FeeFacts, today: date) -> FeeStatus:
    """Return the fee schedule from the grant year to the end of term, and the position on ``today``.

    Args:
        facts: the patent's kind, dates, payments and reductions.
        today: the day to judge statuses on (China date).

    Returns:
        The current patent year, the normalised paid-until date (last day of the last paid year), the first
        unpaid year (None when every year of the term is paid) and the whole schedule.
    """
    first = max(patent_year_on(facts.filing_date, facts.grant_date), 1)
    last = term_years(facts.kind, facts.filing_date)
    schedule: list[FeeYear] = []
    for year in range(first, last + 1):
        schedule.append(_fee_year(facts, year, today, schedule[-1].status if schedule else None))
    paid = [y for y in schedule if y.status is YearStatus.PAID]
    paid_until = year_start(facts.filing_date, paid[-1].year + 1) - timedelta(days=1) if paid else None
    unpaid = [y for y in schedule if y.status is not YearStatus.PAID]
    return FeeStatus(
        patent_year=patent_year_on(facts.filing_date, today),
        paid_until=paid_until,
        next_due=unpaid[0] if unpaid else None,
        schedule=tuple(schedule),
    )
