"""Cross-licensing: value two portfolios and propose a balancing payment.

Each patent's value is the lump-sum value from the estimation (``Recommendation`` mid lump sum,
or any CNY figure the caller supplies). The side whose portfolio is worth less pays the side
worth more the difference × ``factor`` (default 1), rounded to the fen, half up.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from royalties.errors import EstimateInputError
from royalties.money import ZERO, money
from royalties.types import FeeMethod, Recommendation


@dataclass(frozen=True)
class PortfolioItem:
    """One patent in a portfolio with its lump-sum value in CNY."""

    key: str
    lump_sum_value: Decimal


@dataclass(frozen=True)
class CrossBalance:
    """Portfolio values (CNY) and the balancing payment; payer/payee are "a", "b" or None."""

    value_a: Decimal
    value_b: Decimal
    payer: str | None
    payee: str | None
    payment: Decimal


def item_from_recommendation(key: str, rec: Recommendation) -> PortfolioItem:
    """Portfolio item valued at the recommendation's mid lump sum."""
    lump = rec.standards[FeeMethod.LUMP_SUM].mid.lump_sum
    return PortfolioItem(key=key, lump_sum_value=lump if lump is not None else ZERO)


def balance(
    side_a: Sequence[PortfolioItem], side_b: Sequence[PortfolioItem], factor: Decimal = Decimal(1)
) -> CrossBalance:
    """Propose the balancing payment between two portfolios.

    Raises:
        EstimateInputError: a negative value or factor.
    """
    if factor < ZERO:
        raise EstimateInputError("factor", "平衡系数不得为负数")
    if any(item.lump_sum_value < ZERO for item in (*side_a, *side_b)):
        raise EstimateInputError("lump_sum_value", "专利估值不得为负数")
    value_a = money(sum((i.lump_sum_value for i in side_a), ZERO))
    value_b = money(sum((i.lump_sum_value for i in side_b), ZERO))
    payment = money(abs(value_a - value_b) * factor)
    if payment == ZERO:
        return CrossBalance(value_a, value_b, None, None, money(ZERO))
    payer, payee = ("b", "a") if value_a > value_b else ("a", "b")
    return CrossBalance(value_a, value_b, payer, payee, payment)
