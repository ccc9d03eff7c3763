"""Input checks for ``estimate``: every bad field gets a Chinese message naming the problem."""

from collections.abc import Callable
from decimal import Decimal

from royalties.errors import EstimateInputError
from royalties.money import HUNDRED, ZERO
from royalties.rates import known_industry
from royalties.term import expiry_date
from royalties.types import EstimateInput

Check = Callable[[EstimateInput], dict[str, str]]


def validate_input(inp: EstimateInput) -> None:
    """Raise ``EstimateInputError`` carrying every field error found in ``inp``."""
    errors: dict[str, str] = {}
    for check in (_money_fields, _pct_fields, _counts, _dates, _term, _industry):
        for key, message in check(inp).items():
            errors.setdefault(key, message)
    if errors:
        raise EstimateInputError(errors)


def _money_fields(inp: EstimateInput) -> dict[str, str]:
    errors = {}
    if inp.annual_sales_forecast < ZERO:
        errors["annual_sales_forecast"] = "预计年销售额不得为负数"
    if inp.unit_price is not None and inp.unit_price <= ZERO:
        errors["unit_price"] = "产品单价须大于0"
    return errors


def _pct_fields(inp: EstimateInput) -> dict[str, str]:
    errors = {}
    checks: list[tuple[str, Decimal | None, str]] = [
        ("profit_margin_pct", inp.profit_margin_pct, "利润率"),
        ("contribution_pct", inp.contribution_pct, "专利贡献率"),
    ]
    for name, value, label in checks:
        if value is not None and not ZERO <= value <= HUNDRED:
            errors[name] = f"{label}须在0%至100%之间"
    if not ZERO <= inp.discount_rate_pct < HUNDRED:
        errors["discount_rate_pct"] = "折现率须不小于0%且小于100%"
    return errors


def _counts(inp: EstimateInput) -> dict[str, str]:
    if inp.claim_count is not None and inp.claim_count < 1:
        return {"claim_count": "权利要求项数须至少为1"}
    return {}


def _dates(inp: EstimateInput) -> dict[str, str]:
    errors = {}
    if inp.grant_date is not None and inp.grant_date < inp.filing_date:
        errors["grant_date"] = "授权公告日不得早于申请日"
    if inp.licence_end <= inp.licence_start:
        errors["licence_end"] = "许可期限结束日须晚于开始日"
    if inp.licence_start < inp.as_of:
        errors["licence_start"] = "许可期限开始日不得早于估算日"
    if inp.annual_fee_paid_until is not None and inp.annual_fee_paid_until < inp.as_of:
        errors["annual_fee_paid_until"] = (
            "年费缴纳截止日早于估算日：年费未缴纳的专利不得声明开放许可，且专利权可能已终止"
        )
    return errors


def _term(inp: EstimateInput) -> dict[str, str]:
    expiry = expiry_date(inp.patent_kind, inp.filing_date)
    if inp.as_of > expiry:
        return {"filing_date": f"专利权已于{expiry.isoformat()}期限届满，不能再许可"}
    if inp.licence_end > expiry:
        return {
            "licence_end": f"许可期限不得超过专利权期限届满日{expiry.isoformat()}",
        }
    return {}


def _industry(inp: EstimateInput) -> dict[str, str]:
    if not known_industry(inp.industry_code):
        return {"industry_code": f"未知的国民经济行业代码（GB/T 4754-2017）：{inp.industry_code}"}
    return {}
