"""Fee arithmetic for licence sales reports, shared by the licence flow and the wizard.

``fee_due`` is the royalty owed for one sales report (a period's net sales and units):

- running_royalty: net_sales × royalty_rate_pct / 100
- per_unit: unit_fee × units
- entry_plus_running: net_sales × royalty_rate_pct / 100 (the entry fee is due once, up front)
- lump_sum: 0 (the lump sum is due once, up front)

``upfront_due`` is what is paid once when the licence is taken (lump sum or entry fee).
Amounts are CNY rounded to the fen, ROUND_HALF_UP.
"""

from decimal import Decimal

from royalties.errors import EstimateInputError
from royalties.money import HUNDRED, ZERO, money, of_pct
from royalties.types import FeeMethod, FeeStandard

__all__ = ["FeeStandard", "fee_due", "upfront_due", "validate_standard"]

REQUIRED = {
    FeeMethod.LUMP_SUM: ("lump_sum",),
    FeeMethod.RUNNING_ROYALTY: ("royalty_rate_pct",),
    FeeMethod.PER_UNIT: ("unit_fee",),
    FeeMethod.ENTRY_PLUS_RUNNING: ("entry_fee", "royalty_rate_pct"),
}
ALL_FIELDS = ("lump_sum", "entry_fee", "royalty_rate_pct", "unit_fee")
LABELS = {
    "lump_sum": "一次性总付金额",
    "entry_fee": "入门费",
    "royalty_rate_pct": "提成比例",
    "unit_fee": "每件使用费",
}


def validate_standard(standard: FeeStandard) -> dict[str, str]:
    """Return field errors of a fee standard; empty means complete and unambiguous.

    The method's own fields must be set and positive (a rate at most 100 %); the other
    fields must be empty, so that the declared standard is unambiguous.
    """
    errors = {}
    required = REQUIRED[standard.fee_method]
    for name in ALL_FIELDS:
        value: Decimal | None = getattr(standard, name)
        message = _field_error(name, value, name in required)
        if message:
            errors[name] = message
    return errors


def _field_error(name: str, value: Decimal | None, required: bool) -> str:
    label = LABELS[name]
    if not required:
        return f"该支付方式不使用{label}，请留空" if value is not None else ""
    if value is None:
        return f"请填写{label}"
    if value <= ZERO:
        return f"{label}须大于0"
    if name == "royalty_rate_pct" and value > HUNDRED:
        return "提成比例不得超过100%"
    return ""


def _check(standard: FeeStandard, net_sales: Decimal, units: int) -> None:
    errors = validate_standard(standard)
    if net_sales < ZERO:
        errors["net_sales"] = "净销售额不得为负数"
    if units < 0:
        errors["units"] = "销售数量不得为负数"
    if errors:
        raise EstimateInputError(errors)


def fee_due(standard: FeeStandard, net_sales: Decimal, units: int) -> Decimal:
    """Royalty due for one sales report.

    Args:
        standard: the licence's fee standard (must be complete, see ``validate_standard``).
        net_sales: net sales of the patented product in the period, CNY.
        units: units sold in the period.

    Returns:
        CNY to the fen (ROUND_HALF_UP).

    Raises:
        EstimateInputError: incomplete standard, negative sales or units.
    """
    _check(standard, net_sales, units)
    method = standard.fee_method
    if method in (FeeMethod.RUNNING_ROYALTY, FeeMethod.ENTRY_PLUS_RUNNING):
        assert standard.royalty_rate_pct is not None
        return money(of_pct(net_sales, standard.royalty_rate_pct))
    if method is FeeMethod.PER_UNIT:
        assert standard.unit_fee is not None
        return money(standard.unit_fee * units)
    return money(ZERO)


def upfront_due(standard: FeeStandard) -> Decimal:
    """One-off amount due when the licence is taken (lump sum or entry fee), CNY; else 0."""
    errors = validate_standard(standard)
    if errors:
        raise EstimateInputError(errors)
    if standard.fee_method is FeeMethod.LUMP_SUM and standard.lump_sum is not None:
        return money(standard.lump_sum)
    if standard.fee_method is FeeMethod.ENTRY_PLUS_RUNNING and standard.entry_fee is not None:
        return money(standard.entry_fee)
    return money(ZERO)
