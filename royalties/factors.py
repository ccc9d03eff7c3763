"""Adjustment factors (调整系数) with visible weights.

Each factor is a multiplier on the *market-derived* rates (industry benchmark and comparables),
which describe an average patent in the industry; the product of all multipliers adjusts them
to this patent. The income approach is not multiplied: it is already built from this licensee's
own forecast, and multiplying it again would count maturity, market size and term twice.

The multipliers are this project's stated judgement (no published official table was found);
they follow the legal / technical / economic factors listed in common Chinese practice
(stability, scope, remaining term; maturity; market size) and are shown to the user.
"""

from decimal import Decimal

from royalties.money import factor
from royalties.term import expiry_date, years_between
from royalties.types import EstimateInput, FactorEffect, MarketSize, Maturity, PatentKind, Stability

D = Decimal
KIND = {PatentKind.INVENTION: D("1.00"), PatentKind.UTILITY_MODEL: D("0.80"), PatentKind.DESIGN: D("0.70")}
KIND_ZH = {PatentKind.INVENTION: "发明", PatentKind.UTILITY_MODEL: "实用新型", PatentKind.DESIGN: "外观设计"}
STABILITY = {
    Stability.NONE: D("0.90"),
    Stability.EVALUATION_REPORT: D("1.00"),
    Stability.INVALIDATION_SURVIVED: D("1.10"),
}
STABILITY_ZH = {
    Stability.NONE: "无稳定性证据",
    Stability.EVALUATION_REPORT: "有专利权评价报告",
    Stability.INVALIDATION_SURVIVED: "经无效宣告程序维持有效",
}
MATURITY = {Maturity.LAB: D("0.70"), Maturity.PILOT: D("0.85"), Maturity.MASS_PRODUCTION: D("1.00")}
MATURITY_ZH = {Maturity.LAB: "实验室阶段", Maturity.PILOT: "中试阶段", Maturity.MASS_PRODUCTION: "已量产"}
MARKET = {MarketSize.SMALL: D("0.90"), MarketSize.MEDIUM: D("1.00"), MarketSize.LARGE: D("1.10")}
MARKET_ZH = {MarketSize.SMALL: "小", MarketSize.MEDIUM: "中", MarketSize.LARGE: "大"}
# (minimum remaining years, multiplier), checked top down.
TERM_STEPS = ((D(10), D("1.00")), (D(5), D("0.95")), (D(2), D("0.90")), (D(0), D("0.80")))
# (minimum claims, multiplier), checked top down.
CLAIM_STEPS = ((11, D("1.05")), (4, D("1.00")), (1, D("0.95")))
NON_EXCLUSIVE = D("0.90")


def remaining_years(inp: EstimateInput) -> Decimal:
    """Years of protection left at the licence start (days / 365.25, unrounded)."""
    return years_between(inp.licence_start, expiry_date(inp.patent_kind, inp.filing_date))


def all_factors(inp: EstimateInput) -> list[FactorEffect]:
    """Return every factor, in display order."""
    return [
        _kind(inp),
        _term(inp),
        _claims(inp),
        _stability(inp),
        _maturity(inp),
        _market(inp),
        _non_exclusive(),
    ]


def combined(factors: list[FactorEffect]) -> Decimal:
    """Product of all multipliers, four decimals."""
    result = D(1)
    for item in factors:
        result *= item.multiplier
    return factor(result)


def _effect(name: str, zh: str, en: str, value: str, mult: Decimal, why: str) -> FactorEffect:
    pct_change = (mult - 1) * 100
    sign = "+" if pct_change >= 0 else ""
    text = f"{why}；系数 {mult}（{sign}{pct_change:.0f}%）"
    return FactorEffect(
        name=name, label_zh=zh, label_en=en, value=value, multiplier=mult, explanation_zh=text
    )


def _kind(inp: EstimateInput) -> FactorEffect:
    why = "发明专利经实质审查、保护最强；实用新型和外观设计未经实质审查，参考费率下调"
    kind = inp.patent_kind
    return _effect("patent_kind", "专利类型", "Patent kind", KIND_ZH[kind], KIND[kind], why)


def _term(inp: EstimateInput) -> FactorEffect:
    years = remaining_years(inp)
    mult = next(m for floor, m in TERM_STEPS if years >= floor)
    why = f"许可开始时剩余保护期约{years:.1f}年（≥10年不调整，5–10年、2–5年、<2年逐级下调）"
    return _effect("remaining_term", "剩余保护期", "Remaining term", f"{years:.2f}", mult, why)


def _claims(inp: EstimateInput) -> FactorEffect:
    count = inp.claim_count
    if count is None:
        return _effect(
            "claim_count", "权利要求数", "Claim count", "未提供", D("1.00"), "未提供权利要求数，不调整"
        )
    mult = next(m for floor, m in CLAIM_STEPS if count >= floor)
    why = f"{count}项权利要求（1–3项保护范围较窄下调，4–10项不调整，11项以上上调）"
    return _effect("claim_count", "权利要求数", "Claim count", str(count), mult, why)


def _stability(inp: EstimateInput) -> FactorEffect:
    value = STABILITY_ZH[inp.stability]
    why = f"{value}：稳定性证据越强，被宣告无效的风险越低"
    return _effect("stability", "法律稳定性", "Legal stability", value, STABILITY[inp.stability], why)


def _maturity(inp: EstimateInput) -> FactorEffect:
    value = MATURITY_ZH[inp.maturity]
    why = f"技术{value}：越接近量产，被许可人实施风险和追加投入越小"
    return _effect("maturity", "技术成熟度", "Technology maturity", value, MATURITY[inp.maturity], why)


def _market(inp: EstimateInput) -> FactorEffect:
    value = MARKET_ZH[inp.market_size]
    why = f"市场规模{value}：市场越大，同一费率的议价空间越大"
    return _effect("market_size", "市场规模", "Market size", value, MARKET[inp.market_size], why)


def _non_exclusive() -> FactorEffect:
    why = (
        "开放许可为普通（非独占）许可（专利法第51条：开放许可期间不得给予独占或排他许可），"
        "而参考数据含独占、排他许可，故下调"
    )
    return _effect("non_exclusive", "非独占许可", "Non-exclusive licence", "普通许可", NON_EXCLUSIVE, why)
