"""Decimal helpers: money in CNY to the fen, percentages to two decimals.

Rounding rule for the whole package: every amount shown or returned is quantized with
``ROUND_HALF_UP`` (四舍五入) — money to 0.01 CNY (one fen), rates to 0.01 percentage point,
multipliers to 0.0001. Intermediate arithmetic keeps full Decimal precision (28 digits) and is
rounded once, at the end, so the same input always gives the same output.
"""

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
PCT = Decimal("0.01")
FACTOR = Decimal("0.0001")
ZERO = Decimal("0")
HUNDRED = Decimal("100")


def money(value: Decimal) -> Decimal:
    """Round a CNY amount to the fen, half up."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def pct(value: Decimal) -> Decimal:
    """Round a percentage to two decimals, half up."""
    return value.quantize(PCT, rounding=ROUND_HALF_UP)


def factor(value: Decimal) -> Decimal:
    """Round a multiplier to four decimals, half up."""
    return value.quantize(FACTOR, rounding=ROUND_HALF_UP)


def of_pct(amount: Decimal, rate_pct: Decimal) -> Decimal:
    """Return ``amount × rate_pct / 100``, unrounded."""
    return amount * rate_pct / HUNDRED
