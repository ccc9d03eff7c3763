"""Turning the reconciled rate band into a fee standard for each payment method.

- running_royalty: the rate itself, % of net sales.
- lump_sum: present value of (annual sales × rate) over the licence period, at the stated
  discount rate (see discount.py).
- per_unit: unit price × rate, CNY per unit (only when a unit price is given).
- entry_plus_running: an entry fee of ENTRY_SHARE (20 %) of the lump sum, plus a running rate of
  (1 − ENTRY_SHARE) × the rate, so both parts together are worth the same as the lump sum.
"""

from decimal import Decimal

from royalties.discount import present_value
from royalties.money import money, of_pct, pct
from royalties.types import Band, EstimateInput, FeeMethod, FeeStandard, StandardRange

ENTRY_SHARE = Decimal("0.20")


def standards_for(inp: EstimateInput, band: Band, years: Decimal) -> dict[FeeMethod, StandardRange]:
    """Return the low / mid / high standard for every payment method that can be computed."""
    makers = {
        FeeMethod.RUNNING_ROYALTY: _running,
        FeeMethod.LUMP_SUM: _lump_sum,
        FeeMethod.ENTRY_PLUS_RUNNING: _entry_plus_running,
        FeeMethod.PER_UNIT: _per_unit,
    }
    result = {}
    for method, make in makers.items():
        if method is FeeMethod.PER_UNIT and inp.unit_price is None:
            continue
        low, mid, high = (make(inp, rate, years) for rate in (band.low, band.mid, band.high))
        result[method] = StandardRange(fee_method=method, low=low, mid=mid, high=high)
    return result


def lump_value(inp: EstimateInput, rate_pct: Decimal, years: Decimal) -> Decimal:
    """Lump-sum value in CNY of a running royalty of ``rate_pct`` over ``years`` years."""
    return money(present_value(of_pct(inp.annual_sales_forecast, rate_pct), years, inp.discount_rate_pct))


def _running(inp: EstimateInput, rate: Decimal, years: Decimal) -> FeeStandard:
    return FeeStandard(fee_method=FeeMethod.RUNNING_ROYALTY, royalty_rate_pct=rate)


def _lump_sum(inp: EstimateInput, rate: Decimal, years: Decimal) -> FeeStandard:
    return FeeStandard(fee_method=FeeMethod.LUMP_SUM, lump_sum=lump_value(inp, rate, years))


def _entry_plus_running(inp: EstimateInput, rate: Decimal, years: Decimal) -> FeeStandard:
    entry = money(lump_value(inp, rate, years) * ENTRY_SHARE)
    running = pct(rate * (1 - ENTRY_SHARE))
    return FeeStandard(fee_method=FeeMethod.ENTRY_PLUS_RUNNING, entry_fee=entry, royalty_rate_pct=running)


def _per_unit(inp: EstimateInput, rate: Decimal, years: Decimal) -> FeeStandard:
    assert inp.unit_price is not None  # standards_for skips per_unit without a price
    return FeeStandard(fee_method=FeeMethod.PER_UNIT, unit_fee=money(of_pct(inp.unit_price, rate)))
