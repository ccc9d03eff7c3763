"""Patent term arithmetic (专利权期限).

PRC Patent Law (4th amendment, in force 2021-06-01) Art. 42: invention 20 years, utility model
10 years, design 15 years, all counted from the filing date. Designs filed before 2021-06-01
keep the old 10-year term. Patent term adjustment/compensation under Art. 42(2)-(3) is not
modelled: a patentee with a granted extension should enter the licence period accordingly.
"""

from datetime import date
from decimal import Decimal

from royalties.types import PatentKind

TERM_YEARS = {PatentKind.INVENTION: 20, PatentKind.UTILITY_MODEL: 10, PatentKind.DESIGN: 15}
DESIGN_15_YEARS_FROM = date(2021, 6, 1)
DAYS_PER_YEAR = Decimal("365.25")


def term_years(kind: PatentKind, filing_date: date) -> int:
    """Return the statutory term in years for a patent of ``kind`` filed on ``filing_date``."""
    if kind is PatentKind.DESIGN and filing_date < DESIGN_15_YEARS_FROM:
        return 10
    return TERM_YEARS[kind]


def add_years(day: date, years: int) -> date:
    """Return ``day`` plus whole years; 29 February maps to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def expiry_date(kind: PatentKind, filing_date: date) -> date:
    """Return the last day of protection (the day before the anniversary of filing)."""
    end = add_years(filing_date, term_years(kind, filing_date))
    return date.fromordinal(end.toordinal() - 1)


def years_between(start: date, end: date) -> Decimal:
    """Return ``end - start`` in years (days / 365.25), unrounded; 0 if end <= start."""
    days = (end - start).days
    return Decimal(max(days, 0)) / DAYS_PER_YEAR
