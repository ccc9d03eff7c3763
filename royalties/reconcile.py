"""Reconciling the methods into one running-royalty range (% of net sales).

The rule, exactly:

1. Take the available methods' rates as shown (two decimals). Benchmark and comparables are
   already multiplied by the adjustment factors; the income approach is not (see factors.py).
2. mid = weighted mean of the available methods' mid rates, weights
   benchmark 1, income 2, comparables 2 (renormalised over the available ones): the benchmark
   is a coarse secondary reference, while the income approach and the comparables speak to
   this patent and this market.
3. low = max(min of the lows, mid × 0.5); high = min(max of the highs, mid × 1.5): the widest
   range the methods support, clipped to half / one and a half times the mid.
4. The ceiling of 20 % of net sales clips mid and high (and low, if needed).
5. Every figure is rounded to two decimals, half up, at the end of its step.
"""

from decimal import Decimal

from royalties.errors import EstimateInputError
from royalties.money import pct
from royalties.types import Band, MethodResult

WEIGHTS = {"benchmark": Decimal(1), "income": Decimal(2), "comparables": Decimal(2)}
CLIP_LOW = Decimal("0.5")
CLIP_HIGH = Decimal("1.5")


def weight_of(method: MethodResult) -> Decimal:
    """Reconciliation weight of a method (0 when it is unavailable)."""
    return WEIGHTS[method.name] if method.available and method.rates else Decimal(0)


def reconcile(methods: list[MethodResult], ceiling_pct: Decimal) -> Band:
    """Combine the available methods' rates into one low / mid / high band.

    Args:
        methods: all method results; unavailable ones are ignored.
        ceiling_pct: highest running royalty allowed, % of net sales.

    Raises:
        EstimateInputError: no method is available.
    """
    used = [(m.rates, weight_of(m)) for m in methods if m.rates is not None and weight_of(m) > 0]
    if not used:
        reasons = "；".join(f"{m.label_zh}：{m.reason_unavailable}" for m in methods)
        raise EstimateInputError("methods", f"没有可用的估算方法（{reasons}）")
    total = sum((w for _, w in used), Decimal(0))
    mid = pct(sum((band.mid * w for band, w in used), Decimal(0)) / total)
    low = pct(max(min(band.low for band, _ in used), mid * CLIP_LOW))
    high = pct(min(max(band.high for band, _ in used), mid * CLIP_HIGH))
    mid, high = min(mid, ceiling_pct), min(high, ceiling_pct)
    return Band(min(low, mid), mid, high)


def describe(methods: list[MethodResult], result: Band) -> str:
    """One Chinese sentence showing the weighted mean and the range actually used."""
    used = [m for m in methods if weight_of(m) > 0 and m.rates]
    terms = " + ".join(f"{m.rates.mid}%×{weight_of(m)}" for m in used if m.rates)
    total = sum((weight_of(m) for m in used), Decimal(0))
    return (
        f"中值 = ({terms}) ÷ {total} = {result.mid}%；区间取各方法最低值与最高值，"
        f"并限制在中值的0.5–1.5倍及净销售额20%以内：{result.low}%–{result.high}%。"
    )
