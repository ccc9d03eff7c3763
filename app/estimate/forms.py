"""Wizard forms: shape and format only; the estimator itself judges the values (one source of messages)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from app.declarations.models import FeeMethod
from app.forms import DayField, MoneyField, choices, label_choices
from royalties.types import EstimateInput, MarketSize, Maturity, PatentKind, Stability

PICK = _l("请从列表中选择。")

KIND_CHOICES = [("invention", _l("发明")), ("utility_model", _l("实用新型")), ("design", _l("外观设计"))]
STABILITY_CHOICES = [
    ("none", _l("暂无（未做评价报告，也未经历无效宣告）")),
    ("evaluation_report", _l("已取得专利权评价报告")),
    ("invalidation_survived", _l("经历过无效宣告请求，专利权被维持")),
]
MATURITY_CHOICES = [
    ("lab", _l("实验室阶段（样品、原理验证）")),
    ("pilot", _l("中试阶段（小批量试制）")),
    ("mass_production", _l("已量产（有成熟产品在售）")),
]
MARKET_CHOICES = [
    ("small", _l("小（细分、区域市场）")),
    ("medium", _l("中等")),
    ("large", _l("大（全国性或快速增长的市场）")),
]

STEP1_FIELDS = (
    "patent_kind",
    "filing_date",
    "grant_date",
    "annual_fee_paid_until",
    "claim_count",
    "stability",
    "ipc_subclass",
)
STEP2_FIELDS = (
    "industry_code",
    "annual_sales_forecast",
    "profit_margin_pct",
    "contribution_pct",
    "maturity",
    "market_size",
    "unit_price",
    "licence_start",
    "licence_end",
    "discount_rate_pct",
)


def _required(what: str) -> InputRequired:
    return InputRequired(message=_l("请填写%(what)s。", what=what))


class PatentFactsForm(FlaskForm):
    """Step 1 「专利情况」: prefilled from the patent record."""

    patent_kind = SelectField(_l("专利类型"), choices=choices(KIND_CHOICES), invalid_choice_message=PICK)
    filing_date = DayField(_l("申请日"), validators=[_required(_l("申请日"))])
    grant_date = DayField(_l("授权公告日"), validators=[Optional()])
    annual_fee_paid_until = DayField(_l("年费已缴至"), validators=[Optional()])
    claim_count = IntegerField(
        _l("权利要求项数"), validators=[Optional()], render_kw={"inputmode": "numeric", "min": "1"}
    )
    stability = SelectField(_l("法律稳定性"), choices=choices(STABILITY_CHOICES), invalid_choice_message=PICK)
    ipc_subclass = StringField(_l("IPC 小类（用于查找可比许可）"), validators=[Optional(), Length(max=8)])


class BusinessForm(FlaskForm):
    """Step 2 「经营预测」: the patentee's view of a typical licensee's business."""

    industry_code = StringField(
        _l("适用行业代码（GB/T 4754-2017）"),
        validators=[_required(_l("行业代码"))],
        render_kw={"list": "industry-codes", "autocomplete": "off"},
    )
    annual_sales_forecast = MoneyField(
        _l("被许可人预计年净销售额（元）"), validators=[_required(_l("预计年净销售额"))]
    )
    profit_margin_pct = MoneyField(_l("预计利润率（%）"), validators=[_required(_l("利润率"))])
    contribution_pct = MoneyField(_l("专利对利润的贡献率（%）"), validators=[Optional()])
    maturity = SelectField(_l("技术成熟度"), choices=choices(MATURITY_CHOICES), invalid_choice_message=PICK)
    market_size = SelectField(_l("市场规模"), choices=choices(MARKET_CHOICES), invalid_choice_message=PICK)
    unit_price = MoneyField(_l("产品单价（元/件，选填，用于按件计费）"), validators=[Optional()])
    licence_start = DayField(_l("许可期限开始日"), validators=[_required(_l("许可期限开始日"))])
    licence_end = DayField(_l("许可期限结束日"), validators=[_required(_l("许可期限结束日"))])
    discount_rate_pct = MoneyField(_l("年折现率（%）"), validators=[_required(_l("折现率"))])


class TryNumbersForm(PatentFactsForm, BusinessForm):
    """Both steps on one page, for trying numbers without a declaration."""


def estimate_input(data: dict[str, Any], as_of: date) -> EstimateInput:
    """Build the estimator's input from the two steps' cleaned data."""
    contribution = data.get("contribution_pct")
    return EstimateInput(
        patent_kind=PatentKind(data["patent_kind"]),
        filing_date=data["filing_date"],
        grant_date=data.get("grant_date"),
        annual_fee_paid_until=data.get("annual_fee_paid_until"),
        claim_count=data.get("claim_count"),
        industry_code=(data.get("industry_code") or "").strip().upper(),
        ipc_subclass=(data.get("ipc_subclass") or "").strip().upper() or None,
        stability=Stability(data["stability"]),
        maturity=Maturity(data["maturity"]),
        market_size=MarketSize(data["market_size"]),
        annual_sales_forecast=data["annual_sales_forecast"],
        profit_margin_pct=data["profit_margin_pct"],
        contribution_pct=None if contribution is None else Decimal(contribution),
        unit_price=data.get("unit_price"),
        licence_start=data["licence_start"],
        licence_end=data["licence_end"],
        discount_rate_pct=data["discount_rate_pct"],
        as_of=as_of,
    )


def to_session(form: FlaskForm, names: tuple[str, ...]) -> dict[str, Any]:
    """The form's cleaned values as JSON-safe strings (dates ISO, decimals as text)."""
    out: dict[str, Any] = {}
    for name in names:
        value = form[name].data
        out[name] = (
            value.isoformat() if isinstance(value, date) else (str(value) if value is not None else None)
        )
    return out


def from_session(saved: dict[str, Any]) -> dict[str, Any]:
    """Inverse of to_session for the fields the estimator needs."""
    dates = {"filing_date", "grant_date", "annual_fee_paid_until", "licence_start", "licence_end"}
    money = {
        "annual_sales_forecast",
        "profit_margin_pct",
        "contribution_pct",
        "unit_price",
        "discount_rate_pct",
    }
    out: dict[str, Any] = {}
    for name, raw in saved.items():
        if raw is None or name not in dates | money | {"claim_count"}:
            out[name] = raw
        elif name in dates:
            out[name] = date.fromisoformat(raw)
        elif name in money:
            out[name] = Decimal(raw)
        else:
            out[name] = int(raw)
    return out


class AcceptForm(FlaskForm):
    """One payment method's standard, prefilled with the mid values, editable before it is written."""

    fee_method = SelectField(
        _l("支付方式"),
        choices=label_choices(FeeMethod),
        invalid_choice_message=PICK,
    )
    lump_sum = MoneyField(_l("一次性总付金额（元）"), validators=[Optional()])
    entry_fee = MoneyField(_l("入门费（元）"), validators=[Optional()])
    royalty_rate_pct = MoneyField(_l("提成比例（净销售额的 %）"), validators=[Optional()])
    unit_fee = MoneyField(_l("每件使用费（元/件）"), validators=[Optional()])


# The fields each payment method declares (the others stay empty so the standard is unambiguous).
METHOD_FIELDS: dict[str, tuple[str, ...]] = {
    FeeMethod.LUMP_SUM.value: ("lump_sum",),
    FeeMethod.RUNNING_ROYALTY.value: ("royalty_rate_pct",),
    FeeMethod.PER_UNIT.value: ("unit_fee",),
    FeeMethod.ENTRY_PLUS_RUNNING.value: ("entry_fee", "royalty_rate_pct"),
}
