"""Turn a Recommendation into plain-Chinese rows for the result page (no business rules here)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.declarations.models import FeeMethod as DeclFeeMethod
from app.templating import money
from royalties.types import FeeMethod, FeeStandard, MethodResult, Recommendation

INPUT_LABELS = {
    "industry_code": _l("行业代码"),
    "industry_name": _l("行业名称"),
    "category": _l("参考类别"),
    "reference_range_pct": _l("参考提成率（%）"),
    "reference_mid_pct": _l("参考中值（%）"),
    "combined_multiplier": _l("调整系数"),
    "source": _l("数据来源"),
    "annual_sales_forecast_cny": _l("预计年净销售额（元）"),
    "profit_margin_pct": _l("利润率（%）"),
    "contribution_pct": _l("专利贡献率（%）"),
    "contribution_source": _l("贡献率来源"),
    "licence_years": _l("许可年限（年）"),
    "discount_rate_pct": _l("年折现率（%）"),
    "basis": _l("比较范围"),
    "count": _l("样本数"),
    "quartiles_pct": _l("四分位 / 中位数（%）"),
    "min_max_pct": _l("最低–最高（%）"),
    "keys": _l("样本"),
}

# Long citations are shown once under 「数据来源」, not in each method's table.
HIDDEN_INPUTS = {"source", "keys"}

# What each payment method means, in one sentence a non-economist can follow.
METHOD_HELP = {
    FeeMethod.RUNNING_ROYALTY: _l("被许可人每卖出一笔带专利的产品，按净销售额的一定比例付费；卖得多付得多。"),
    FeeMethod.LUMP_SUM: _l("许可开始时一次付清；金额相当于整个许可期内提成的“今天的价值”（已折现）。"),
    FeeMethod.PER_UNIT: _l("每生产或销售一件产品付固定金额，适合单价稳定的产品。"),
    FeeMethod.ENTRY_PLUS_RUNNING: _l(
        "先付一笔入门费，之后按较低比例提成；两部分合起来约等于一次性总付的价值。"
    ),
}

GLOSSARY = [
    (_l("净销售额"), _l("被许可人销售专利产品的收入，扣除退货、折扣、税费等之后的金额。")),
    (_l("提成费率"), _l("使用费占净销售额的百分比，例如 3% 即每卖 100 元付 3 元。")),
    (
        _l("25% 法则（三分法·四分法）"),
        _l(
            "一条通行的经验：被许可人靠这项技术多赚的利润，约四分之一到三分之一归技术提供方。"
            "所以“利润率 × 25%”就是一个常用的提成费率起点。"
        ),
    ),
    (
        _l("折现"),
        _l("将来收到的钱不如今天的钱值钱；把每年的提成按年折现率换算成今天的金额再相加，就是一次性总付。"),
    ),
    (
        _l("调整系数"),
        _l(
            "行业参考值描述的是“行业里一般的专利”；再按您专利的具体情况（类型、保护期、稳定性等）上调或下调。"
        ),
    ),
]


@dataclass(frozen=True)
class StandardRow:
    method: str
    label: str
    help: str
    low: str
    mid: str
    high: str


def standard_text(fs: FeeStandard) -> str:
    """One fee standard in words: '3.39%', '¥1,082,696.63', '¥6.10/件', '入门费 ¥… + 2.71%'."""
    if fs.fee_method is FeeMethod.RUNNING_ROYALTY:
        return _("净销售额的 %(pct)s%%", pct=fs.royalty_rate_pct)
    if fs.fee_method is FeeMethod.LUMP_SUM:
        return money(fs.lump_sum)
    if fs.fee_method is FeeMethod.PER_UNIT:
        return _("%(fee)s/件", fee=money(fs.unit_fee))
    return _("入门费 %(fee)s + 净销售额的 %(pct)s%%", fee=money(fs.entry_fee), pct=fs.royalty_rate_pct)


def method_label(method: FeeMethod) -> str:
    return _(DeclFeeMethod(method.value).label)


def standard_rows(rec: Recommendation) -> list[StandardRow]:
    """Low / mid / high per payment method, in words."""
    return [
        StandardRow(
            method=m.value,
            label=method_label(m),
            help=METHOD_HELP[m],
            low=standard_text(r.low),
            mid=standard_text(r.mid),
            high=standard_text(r.high),
        )
        for m, r in rec.standards.items()
    ]


def shown_inputs(method: MethodResult) -> list[tuple[str, str]]:
    """A method's inputs with Chinese labels, citations left out."""
    return [(INPUT_LABELS.get(k, k), v) for k, v in method.inputs.items() if k not in HIDDEN_INPUTS]


def sources(rec: Recommendation) -> list[str]:
    """Citations behind the methods used (shown under 「数据来源」)."""
    return [m.inputs["source"] for m in rec.methods if "source" in m.inputs]


def factor_change(multiplier: Decimal) -> str:
    """'+10%', '-15%' or '不调整' for a multiplier."""
    delta = (multiplier - 1) * 100
    if delta == 0:
        return _("不调整")
    return f"{'+' if delta > 0 else '−'}{abs(delta):.0f}%"


def mid_values(rec: Recommendation) -> dict[str, dict[str, Decimal | None]]:
    """Prefill for each payment method's accept form: the mid standard's fields."""
    return {
        m.value: {
            "fee_method": m.value,  # type: ignore[dict-item]
            "lump_sum": r.mid.lump_sum,
            "entry_fee": r.mid.entry_fee,
            "royalty_rate_pct": r.mid.royalty_rate_pct,
            "unit_fee": r.mid.unit_fee,
        }
        for m, r in rec.standards.items()
    }
