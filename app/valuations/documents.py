"""The valuation report as a PDF, in Chinese (a document for a talk with a bank or a guarantor)."""

from __future__ import annotations

from typing import Any

from app import pdf
from app.valuations.services import Report

NOT_APPRAISAL = (
    "本报告是平台按免除许可费法（许可费节省法）作出的估算，用于支持质押融资洽谈，"
    "不是资产评估机构依《资产评估法》出具的资产评估报告；质押登记、授信所需的评估，请委托具有资质的资产评估机构。"
)
LIMITED = {"economic_life": "剩余经济寿命", "legal_term": "剩余法定保护期（《专利法》第四十二条）"}


def assumptions(r: Report) -> list[list[str]]:
    v, req = r.valuation, r.request
    source = (
        "用户填写（上下浮动 20%）"
        if v.rate_source == "entered"
        else "平台许可费估算（行业参考、收益分成、可比许可）"
    )
    return [
        ["估值基准日", str(r.as_of)],
        ["专利", f"{r.patent.number} {r.patent.title}"],
        [
            "许可费率（净销售额 %）",
            f"低 {v.rates.low}% / 中 {v.rates.mid}% / 高 {v.rates.high}%；来源：{source}",
        ],
        ["首年销售收入", f"{req.first_year_revenue:,.2f} 元；年增长率 {req.growth_pct}%"],
        [
            "收益期",
            f"{v.result.life_years} 年（剩余经济寿命 {req.economic_life_years} 年与剩余法定保护期 "
            f"{v.legal_term_years} 年取短，以{LIMITED[v.result.limited_by]}为限；保护期届满日 {v.expiry}）",
        ],
        ["折现率", f"{req.discount_rate_pct}%，年末折现；末年不足一年按比例计"],
        ["所得税率", f"{req.tax_rate_pct}%（节省的许可费按税后计）"],
    ]


def sensitivity(r: Report) -> list[list[Any]]:
    res = r.valuation.result
    rows: list[list[Any]] = [["许可费率 \\ 折现率", *[f"{d}%" for d in res.discount_rates]]]
    for rate, values in res.sensitivity:
        rows.append([f"{rate}%", *[f"{v:,.2f}" for v in values]])
    return rows


def schedule(r: Report) -> list[list[Any]]:
    rows: list[list[Any]] = [["年度", "比例", "销售收入", "税后节省许可费", "折现系数", "现值"]]
    for y in r.valuation.result.schedule:
        money = [f"{y.revenue:,.2f}", f"{y.royalty_after_tax:,.2f}"]
        rows.append([y.year, y.fraction, *money, y.discount_factor, f"{y.present_value:,.2f}"])
    return rows


def report_pdf(r: Report) -> bytes:
    values = r.valuation.result.values
    summary = (
        f"估算价值（中值）：{values.mid:,.2f} 元；区间 {values.low:,.2f} 元至 {values.high:,.2f} 元"
        "（低值：低费率、折现率加步长；高值：高费率、折现率减步长）。"
    )
    return pdf.render(
        f"专利价值估算报告（免除许可费法）{r.patent.number}",
        [
            ("说明", NOT_APPRAISAL),
            ("一、结果", summary),
            ("二、假设", assumptions(r)),
            ("三、敏感性分析（现值，元）", sensitivity(r)),
            ("四、逐年计算（中值费率、输入折现率）", schedule(r)),
        ],
        "依据：辽宁省知识产权质押融资相关措施（措施五）鼓励专利质押融资；本估算仅供洽谈参考。",
    )
