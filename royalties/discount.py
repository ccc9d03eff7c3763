"""Discounting a stream of yearly royalties to a lump sum (present value)."""

from decimal import Decimal

from royalties.money import HUNDRED, ZERO


def present_value(annual: Decimal, years: Decimal, discount_rate_pct: Decimal) -> Decimal:
    """Present value of ``annual`` CNY a year for ``years`` years, unrounded.

    Payments fall at the end of each licence year; a final part year pays its pro-rata share
    at the end of that year. PV = Σ_{t=1..n} A/(1+r)^t + f·A/(1+r)^(n+1), n = whole years,
    f = the fraction left.

    Args:
        annual: royalty per year, CNY.
        years: licence length in years (may be fractional), >= 0.
        discount_rate_pct: annual discount rate, % (8 means 8 %).

    Returns:
        The present value in CNY at the licence start, not yet rounded.
    """
    if years <= ZERO or annual == ZERO:
        return ZERO
    base = 1 + discount_rate_pct / HUNDRED
    whole = int(years)
    total = sum((annual / base**t for t in range(1, whole + 1)), ZERO)
    fraction = years - whole
    return total + fraction * annual / base ** (whole + 1)
