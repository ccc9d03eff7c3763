"""Guided royalty estimation: ``estimate(inp, comparables) -> Recommendation``.

Steps: validate the input (``EstimateInputError`` names each bad field); compute the
adjustment factors (factors.py); run the three methods (methods.py); reconcile them into one
running-royalty band (reconcile.py, rule documented there and in README.md); turn the band into
a standard for each payment method (standards.py); write the rationale.

Money is ``Decimal`` CNY rounded to the fen with ROUND_HALF_UP; rates are % of net sales with
two decimals (money.py). The same input always gives the same output.
"""

from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from royalties import factors as factor_mod
from royalties import methods as method_mod
from royalties.rates import ceilings
from royalties.reconcile import describe, reconcile, weight_of
from royalties.standards import standards_for
from royalties.term import years_between
from royalties.types import (
    Band,
    Comparable,
    EstimateInput,
    FeeMethod,
    MethodResult,
    PatentKind,
    Recommendation,
    Stability,
    StandardRange,
)
from royalties.validate import validate_input


def licence_years(inp: EstimateInput) -> Decimal:
    """Licence length in years, both end dates included (days / 365.25)."""
    return years_between(inp.licence_start, inp.licence_end + timedelta(days=1))


def estimate(inp: EstimateInput, comparables: Sequence[Comparable] = ()) -> Recommendation:
    """Estimate a royalty standard for an open-licence declaration.

    Args:
        inp: the patent and the licensee's business figures (CNY, %, dates).
        comparables: declarations / licences gathered by the app; never queried here.

    Returns:
        A ``Recommendation`` with a low / mid / high standard per payment method.

    Raises:
        EstimateInputError: a field is invalid, or no method can produce a rate.
    """
    validate_input(inp)
    years = licence_years(inp)
    factor_list = factor_mod.all_factors(inp)
    multiplier = factor_mod.combined(factor_list)
    methods = _weighted(
        [
            method_mod.benchmark(inp, multiplier),
            method_mod.income(inp, years),
            method_mod.comparables(inp, comparables, multiplier),
        ]
    )
    limits = ceilings()
    band = reconcile(methods, limits["running_royalty_max_pct_of_net_sales"])
    standards = standards_for(inp, band, years)
    remaining = factor_mod.remaining_years(inp)
    return Recommendation(
        rates=band,
        standards=standards,
        methods=methods,
        factors=factor_list,
        combined_multiplier=multiplier,
        remaining_term_years=remaining.quantize(Decimal("0.01")),
        licence_years=years.quantize(Decimal("0.01")),
        rationale_zh=_rationale_zh(band, methods, standards, multiplier, years),
        rationale_en=_rationale_en(band, methods, standards, years),
        reconciliation_zh=describe(methods, band),
        notes_zh=_notes(inp, standards, limits),
    )


def _weighted(methods: list[MethodResult]) -> list[MethodResult]:
    return [replace(m, weight=weight_of(m)) for m in methods]


def _lump_mid(standards: dict[FeeMethod, StandardRange]) -> Decimal:
    lump = standards[FeeMethod.LUMP_SUM].mid.lump_sum
    return lump if lump is not None else Decimal("0.00")


def _rationale_zh(
    band: Band,
    methods: list[MethodResult],
    standards: dict[FeeMethod, StandardRange],
    multiplier: Decimal,
    years: Decimal,
) -> str:
    used = "、".join(f"{m.label_zh}（中值{m.rates.mid}%）" for m in methods if m.available and m.rates)
    entry = standards[FeeMethod.ENTRY_PLUS_RUNNING].mid
    return (
        f"建议提成费率为净销售额的{band.mid}%，合理区间{band.low}%–{band.high}%。"
        f"该结果综合了{used}；行业参考与可比许可已按专利类型、剩余保护期、稳定性、成熟度、"
        f"市场规模和非独占性质等因素调整（合计系数{multiplier}）。"
        f"若一次性支付，{years:.2f}年许可期的折现总额约{_lump_mid(standards)}元；"
        f"若采用入门费加提成，可收入门费{entry.entry_fee}元，另按净销售额的{entry.royalty_rate_pct}%提成。"
        "以上为估算参考，专利权人可结合自身情况确定开放许可使用费标准。"
    )


def _rationale_en(
    band: Band,
    methods: list[MethodResult],
    standards: dict[FeeMethod, StandardRange],
    years: Decimal,
) -> str:
    used = ", ".join(f"{m.label_en} (mid {m.rates.mid} %)" for m in methods if m.available and m.rates)
    return (
        f"Suggested running royalty: {band.mid} % of net sales (range {band.low}–{band.high} %), "
        f"combining {used}. As a lump sum over {years:.2f} years, discounted: about CNY "
        f"{_lump_mid(standards)}. An estimate for guidance; the patentee sets the standard."
    )


def _notes(
    inp: EstimateInput, standards: dict[FeeMethod, StandardRange], limits: dict[str, Decimal]
) -> list[str]:
    notes = ["行业参考费率为公开的二手参考数据，并非国家知识产权局官方统计（见数据文件来源说明）。"]
    if inp.patent_kind is not PatentKind.INVENTION and inp.stability is Stability.NONE:
        notes.append("实用新型、外观设计专利声明开放许可须同时提交专利权评价报告（专利法第五十条）。")
    if inp.annual_sales_forecast == 0:
        notes.append("预计销售额为0：一次性总付与入门费按收益折算为0，建议采用提成方式或补充销售预测。")
    if inp.unit_price is None:
        notes.append("未提供产品单价，无法给出按件计费标准。")
    if (
        inp.contribution_pct is not None
        and inp.contribution_pct > limits["running_royalty_max_pct_of_profit"]
    ):
        notes.append("专利贡献率超过利润额的40%，高于公开报道的开放许可提成参考上限。")
    if _lump_mid(standards) > limits["fixed_fee_max_cny"]:
        notes.append("一次性总付估算超过2000万元，高于公开报道的开放许可固定费用参考上限。")
    return notes


def to_dict(rec: Recommendation) -> dict[str, Any]:
    """Return ``rec`` as JSON-safe data: Decimals and dates as strings, enums as values."""
    result = _jsonable(rec)
    assert isinstance(result, dict)
    return result


def _jsonable(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _jsonable(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal | date):
        return str(obj)
    if isinstance(obj, dict):
        return {_jsonable(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    return obj
