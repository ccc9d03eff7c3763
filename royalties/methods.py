"""The three estimation methods. Each returns a ``MethodResult`` with its inputs and its rates.

1. ``benchmark``: industry reference range (royalties/data), times the adjustment factors.
2. ``income``: rate = licensee's profit margin × the patent's contribution share (default 25 %,
   the 25 % rule / 三分法·四分法 rule of thumb); the range is that share ±20 %; the lump-sum value
   is the yearly royalty discounted over the licence period.
3. ``comparables``: median and quartiles of running-royalty rates of declarations and licences
   on this marketplace in the same IPC subclass (else the same industry division), once there
   are at least ``MIN_COMPARABLES`` of them; times the adjustment factors.
"""

from collections.abc import Sequence
from decimal import Decimal

from royalties.discount import present_value
from royalties.money import ZERO, money, of_pct, pct
from royalties.rates import benchmark_for, normalise_code
from royalties.types import Band, Comparable, EstimateInput, FeeMethod, MethodResult

DEFAULT_CONTRIBUTION_PCT = Decimal("25")
INCOME_BAND = (Decimal("0.8"), Decimal("1.2"))
MIN_COMPARABLES = 5
LABELS = {
    "benchmark": ("行业参考费率法", "Industry benchmark"),
    "income": ("收益分成法", "Income approach (profit split)"),
    "comparables": ("可比许可法", "Marketplace comparables"),
}


def _unavailable(name: str, why: str, inputs: dict[str, str] | None = None) -> MethodResult:
    zh, en = LABELS[name]
    return MethodResult(
        name=name, label_zh=zh, label_en=en, available=False, inputs=inputs or {}, reason_unavailable=why
    )


def _available(
    name: str, inputs: dict[str, str], rates: Band, text: str, lumps: Band | None = None
) -> MethodResult:
    zh, en = LABELS[name]
    return MethodResult(
        name=name,
        label_zh=zh,
        label_en=en,
        available=True,
        inputs=inputs,
        rates=rates,
        lump_sum_cny=lumps,
        explanation_zh=text,
    )


def scaled(band: Band, multiplier: Decimal) -> Band:
    """Multiply each rate of ``band`` by ``multiplier``, two decimals."""
    return Band(pct(band.low * multiplier), pct(band.mid * multiplier), pct(band.high * multiplier))


def benchmark(inp: EstimateInput, multiplier: Decimal) -> MethodResult:
    """Industry benchmark method, adjusted by the combined factor ``multiplier``."""
    ref = benchmark_for(inp.industry_code)
    if ref is None:
        why = f"行业{normalise_code(inp.industry_code)}暂无可引用的参考费率（见数据文件说明）"
        return _unavailable("benchmark", why)
    rates = scaled(ref.rates, multiplier)
    inputs = {
        "industry_code": ref.code,
        "industry_name": ref.industry_name,
        "category": ref.category_label_zh,
        "reference_range_pct": f"{ref.rates.low}–{ref.rates.high}",
        "reference_mid_pct": str(ref.rates.mid),
        "combined_multiplier": str(multiplier),
        "source": ref.source,
    }
    text = (
        f"{ref.industry_name}归入“{ref.category_label_zh}”，参考提成率{ref.rates.low}%–{ref.rates.high}%"
        f"（中值{ref.rates.mid}%，参考数据，非官方统计）；乘以调整系数{multiplier}后为"
        f"{rates.low}%–{rates.high}%，中值{rates.mid}%。"
    )
    return _available("benchmark", inputs, rates, text)


def income(inp: EstimateInput, licence_years: Decimal) -> MethodResult:
    """Income approach (收益法): profit split, discounted over the licence period."""
    share = DEFAULT_CONTRIBUTION_PCT if inp.contribution_pct is None else inp.contribution_pct
    if inp.profit_margin_pct == ZERO or share == ZERO:
        why = "利润率或专利贡献率为0，收益法得不出正的费率"
        return _unavailable("income", why)
    mid = inp.profit_margin_pct * share / 100
    rates = Band(pct(mid * INCOME_BAND[0]), pct(mid), pct(mid * INCOME_BAND[1]))
    lumps = Band(*(_lump(inp, r, licence_years) for r in (rates.low, rates.mid, rates.high)))
    inputs = _income_inputs(inp, share, licence_years)
    text = _income_text(inp, share, rates, lumps, licence_years)
    return _available("income", inputs, rates, text, lumps)


def _lump(inp: EstimateInput, rate_pct: Decimal, years: Decimal) -> Decimal:
    annual = of_pct(inp.annual_sales_forecast, rate_pct)
    return money(present_value(annual, years, inp.discount_rate_pct))


def _income_inputs(inp: EstimateInput, share: Decimal, years: Decimal) -> dict[str, str]:
    return {
        "annual_sales_forecast_cny": str(money(inp.annual_sales_forecast)),
        "profit_margin_pct": str(pct(inp.profit_margin_pct)),
        "contribution_pct": str(pct(share)),
        "contribution_source": "默认25%（25%经验法则）" if inp.contribution_pct is None else "用户输入",
        "licence_years": f"{years:.2f}",
        "discount_rate_pct": str(pct(inp.discount_rate_pct)),
    }


def _income_text(inp: EstimateInput, share: Decimal, rates: Band, lumps: Band, years: Decimal) -> str:
    annual = money(of_pct(inp.annual_sales_forecast, rates.mid))
    return (
        f"提成率 = 利润率{pct(inp.profit_margin_pct)}% × 专利贡献率{pct(share)}% = {rates.mid}%"
        f"（贡献率上下浮动20%得{rates.low}%–{rates.high}%）。按预计年销售额"
        f"{money(inp.annual_sales_forecast)}元，每年提成约{annual}元；在{years:.2f}年许可期内按年折现率"
        f"{pct(inp.discount_rate_pct)}%折现，一次性总付现值约{lumps.mid}元"
        f"（{lumps.low}–{lumps.high}元）。"
    )


def comparables(inp: EstimateInput, items: Sequence[Comparable], multiplier: Decimal) -> MethodResult:
    """Comparables on this marketplace: running-royalty median and quartiles, adjusted."""
    group, basis = _comparable_group(inp, items)
    if len(group) < MIN_COMPARABLES:
        why = f"{basis}的提成费率样本仅{len(group)}个，少于{MIN_COMPARABLES}个，暂不采用"
        return _unavailable("comparables", why, {"basis": basis})
    rates_raw = sorted(c.royalty_rate_pct for c in group if c.royalty_rate_pct is not None)
    raw = Band(
        pct(_quantile(rates_raw, "0.25")), pct(_quantile(rates_raw, "0.5")), pct(_quantile(rates_raw, "0.75"))
    )
    rates = scaled(raw, multiplier)
    inputs = {
        "basis": basis,
        "count": str(len(rates_raw)),
        "quartiles_pct": f"{raw.low} / {raw.mid} / {raw.high}",
        "min_max_pct": f"{pct(rates_raw[0])}–{pct(rates_raw[-1])}",
        "combined_multiplier": str(multiplier),
        "keys": ", ".join(sorted(c.key for c in group)),
    }
    text = (
        f"{basis}的{len(rates_raw)}个提成许可：中位数{raw.mid}%，四分位{raw.low}%–{raw.high}%；"
        f"乘以调整系数{multiplier}后为{rates.low}%–{rates.high}%，中值{rates.mid}%。"
    )
    return _available("comparables", inputs, rates, text)


def _comparable_group(inp: EstimateInput, items: Sequence[Comparable]) -> tuple[list[Comparable], str]:
    rated = [c for c in items if c.fee_method is FeeMethod.RUNNING_ROYALTY and c.royalty_rate_pct is not None]
    ipc = _ipc(inp.ipc_subclass)
    same_ipc = [c for c in rated if ipc and _ipc(c.ipc_subclass) == ipc]
    if len(same_ipc) >= MIN_COMPARABLES:
        return same_ipc, f"同IPC小类{ipc}"
    code = normalise_code(inp.industry_code)
    same_industry = [c for c in rated if c.industry_code and normalise_code(c.industry_code) == code]
    if len(same_industry) >= MIN_COMPARABLES or len(same_industry) >= len(same_ipc):
        return same_industry, f"同行业{code}"
    # Neither group is large enough: report the larger one, so the count shown is not misleadingly low.
    return same_ipc, f"同IPC小类{ipc}"


def _ipc(code: str | None) -> str:
    return (code or "").replace(" ", "").upper()[:4]


def _quantile(values: Sequence[Decimal], q: str) -> Decimal:
    """Linear-interpolation quantile (numpy's default), exact in Decimal."""
    pos = Decimal(q) * (len(values) - 1)
    lower = int(pos)
    upper = min(lower + 1, len(values) - 1)
    return values[lower] + (values[upper] - values[lower]) * (pos - lower)
