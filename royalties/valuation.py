"""Patent valuation by relief from royalty (免除许可费法), to support a pledge-financing talk.

Not an appraisal: a valuation for a pledge is made by a licensed asset appraiser (资产评估机构) under the
Asset Appraisal Law; this estimate helps a patentee prepare the conversation (Liaoning guideline, measure 5).

Method: the value of owning the patent is the royalty its owner would otherwise pay.

- Revenue of products using the patent, year t: ``R_t = R_1 × (1 + g)^(t-1)`` (g: the growth rate entered).
- The royalty saved, after income tax: ``R_t × rate × (1 − tax)``.
- Life: the remaining economic life entered, capped by the remaining legal term (Patent Law Art. 42).
- Discounting at the end of each year, as ``royalties.discount.present_value`` does: a final part year f
  earns ``f × R_{n+1} × rate × (1 − tax)`` at the end of year n+1.
- Range: low = the low royalty rate at the discount rate + step; base = the mid rate at the discount rate;
  high = the high rate at the discount rate − step (never below 0). These are the corners of the
  sensitivity table (rates low / mid / high × discount rates − step / entered / + step).

Money is Decimal CNY, rounded to the fen (half up) only in the output; rates are % (``8`` means 8 %).
"""

from dataclasses import dataclass
from decimal import Decimal

from royalties.errors import EstimateInputError
from royalties.money import HUNDRED, ZERO, money
from royalties.types import Band

MAX_YEARS = Decimal("30")


@dataclass(frozen=True, kw_only=True)
class ValuationInput:
    """What the valuation needs.

    Attributes:
        royalty_rates: low / mid / high royalty rates, % of net sales (e.g. from ``royalties.estimate``).
        first_year_revenue: net sales of products using the patent in the first year, CNY (>= 0).
        growth_pct: yearly revenue growth, % (-50 to 100).
        economic_life_years: remaining economic life of the technology, years (> 0, <= 30).
        legal_term_years: remaining legal term from the valuation date, years (>= 0).
        discount_rate_pct: discount rate, % (> 0, <= 50).
        tax_rate_pct: income tax on the royalty saved, % (0-100; 25 is the statutory enterprise rate).
        step_pct: the sensitivity step on the discount rate, percentage points (> 0).
    """

    royalty_rates: Band
    first_year_revenue: Decimal
    growth_pct: Decimal
    economic_life_years: Decimal
    legal_term_years: Decimal
    discount_rate_pct: Decimal
    tax_rate_pct: Decimal = Decimal("25")
    step_pct: Decimal = Decimal("2")


@dataclass(frozen=True)
class YearLine:
    """One year of the base case: revenue, royalty saved after tax, discount factor, present value (CNY)."""

    year: int
    fraction: Decimal
    revenue: Decimal
    royalty_after_tax: Decimal
    discount_factor: Decimal
    present_value: Decimal


@dataclass(frozen=True)
class Valuation:
    """The result: life used, base-case schedule, low / base / high values and the sensitivity table.

    ``sensitivity`` rows follow the royalty rates (low, mid, high); columns follow ``discount_rates``.
    """

    life_years: Decimal
    limited_by: str  # "economic_life" | "legal_term"
    schedule: tuple[YearLine, ...]
    values: Band
    discount_rates: tuple[Decimal, Decimal, Decimal]
    sensitivity: tuple[tuple[Decimal, tuple[Decimal, ...]], ...]


def _check(inp: ValuationInput) -> None:
    errors: dict[str, str] = {}
    rates = inp.royalty_rates
    if not ZERO <= rates.low <= rates.mid <= rates.high <= HUNDRED:
        errors["royalty_rates"] = "许可费率须满足 0 ≤ 低 ≤ 中 ≤ 高 ≤ 100%"
    if inp.first_year_revenue < ZERO:
        errors["first_year_revenue"] = "首年销售收入不得为负数"
    if not Decimal("-50") <= inp.growth_pct <= HUNDRED:
        errors["growth_pct"] = "年增长率须在 -50% 至 100% 之间"
    if not ZERO < inp.economic_life_years <= MAX_YEARS:
        errors["economic_life_years"] = "剩余经济寿命须大于 0 且不超过 30 年"
    if inp.legal_term_years <= ZERO:
        errors["legal_term_years"] = "专利权已无剩余法定保护期，无法按许可费节省估值"
    if not ZERO < inp.discount_rate_pct <= Decimal("50"):
        errors["discount_rate_pct"] = "折现率须大于 0 且不超过 50%"
    if not ZERO <= inp.tax_rate_pct < HUNDRED:
        errors["tax_rate_pct"] = "所得税率须在 0 至 100% 之间"
    if not ZERO < inp.step_pct <= Decimal("10"):
        errors["step_pct"] = "敏感性步长须大于 0 且不超过 10 个百分点"
    if errors:
        raise EstimateInputError(errors)


def life_of(inp: ValuationInput) -> tuple[Decimal, str]:
    """The years valued: the economic life, capped by the legal term; and which one limits."""
    if inp.legal_term_years < inp.economic_life_years:
        return inp.legal_term_years, "legal_term"
    return inp.economic_life_years, "economic_life"


def _years(life: Decimal) -> list[tuple[int, Decimal]]:
    whole = int(life)
    years = [(t, Decimal(1)) for t in range(1, whole + 1)]
    if life > whole:
        years.append((whole + 1, life - whole))
    return years


def schedule(inp: ValuationInput, rate_pct: Decimal, discount_pct: Decimal) -> list[YearLine]:
    """Year by year, unrounded: revenue, royalty saved after tax and its present value."""
    growth = 1 + inp.growth_pct / HUNDRED
    base = 1 + discount_pct / HUNDRED
    keep = 1 - inp.tax_rate_pct / HUNDRED
    lines = []
    for year, fraction in _years(life_of(inp)[0]):
        revenue = inp.first_year_revenue * growth ** (year - 1) * fraction
        saved = revenue * rate_pct / HUNDRED * keep
        factor = 1 / base**year
        lines.append(YearLine(year, fraction, revenue, saved, factor, saved * factor))
    return lines


def value(inp: ValuationInput, rate_pct: Decimal, discount_pct: Decimal) -> Decimal:
    """Present value in CNY (to the fen) at one royalty rate and one discount rate."""
    return money(sum((line.present_value for line in schedule(inp, rate_pct, discount_pct)), ZERO))


def valuate(inp: ValuationInput) -> Valuation:
    """Value the patent by relief from royalty: base case, range and sensitivity table.

    Raises:
        EstimateInputError: a field is out of range (Chinese message per field).
    """
    _check(inp)
    d, step = inp.discount_rate_pct, inp.step_pct
    discounts = (max(d - step, ZERO), d, d + step)
    rates = inp.royalty_rates
    table = tuple(
        (rate, tuple(value(inp, rate, disc) for disc in discounts))
        for rate in (rates.low, rates.mid, rates.high)
    )
    lines = tuple(
        YearLine(
            line.year,
            line.fraction,
            money(line.revenue),
            money(line.royalty_after_tax),
            line.discount_factor.quantize(Decimal("0.0001")),
            money(line.present_value),
        )
        for line in schedule(inp, rates.mid, d)
    )
    life, limited_by = life_of(inp)
    values = Band(table[0][1][2], table[1][1][1], table[2][1][0])
    return Valuation(life.quantize(Decimal("0.01")), limited_by, lines, values, discounts, table)
