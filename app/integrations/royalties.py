"""Declaration rows <-> royalties dataclasses: the one place app/ calls royalties' arithmetic."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from typing import Protocol

from flask_babel import gettext as _

from app.declarations.models import Declaration
from app.patents.models import Patent
from royalties.annual_fees import GRACE_MONTHS, SURCHARGE_PCT_PER_MONTH, add_months, fee_status, year_start
from royalties.errors import EstimateInputError
from royalties.running import FeeStandard, fee_due, upfront_due, validate_standard
from royalties.term import add_years, expiry_date
from royalties.types import FeeFacts, FeeMethod, FeeStatus, FeeYear, PatentKind


class FeeOffer(Protocol):
    """A row that states a fee standard: a declaration, or a pool's offer (which has no entry fee)."""

    @property
    def fee_method(self) -> Enum | None: ...
    @property
    def lump_sum(self) -> Decimal | None: ...
    @property
    def royalty_rate_pct(self) -> Decimal | None: ...
    @property
    def unit_fee(self) -> Decimal | None: ...


def standard_of(offer: FeeOffer) -> FeeStandard | None:
    """The offer's fee standard (declarations and pools alike), or None while no payment method is chosen."""
    if offer.fee_method is None:
        return None
    return FeeStandard(
        fee_method=FeeMethod(offer.fee_method.value),
        lump_sum=offer.lump_sum,
        entry_fee=getattr(offer, "entry_fee", None),
        royalty_rate_pct=offer.royalty_rate_pct,
        unit_fee=offer.unit_fee,
    )


def standard_errors(offer: FeeOffer) -> dict[str, str]:
    """Field errors of the offered fee standard; empty = complete and unambiguous."""
    standard = standard_of(offer)
    if standard is None:
        return {"fee_method": _("请选择许可使用费支付方式")}
    return validate_standard(standard)


def upfront_amount(decl: Declaration) -> Decimal:
    """CNY due once when a licence is taken: the lump sum or the entry fee, else 0."""
    standard = standard_of(decl)
    if standard is None or validate_standard(standard):
        raise ValueError("incomplete fee standard")  # a published declaration always has a complete one
    return upfront_due(standard)


def report_fee(decl: Declaration, net_sales: Decimal, units: int) -> Decimal:
    """CNY due for one sales report under the declaration's standard."""
    standard = standard_of(decl)
    if standard is None:
        raise EstimateInputError("fee_method", _("许可使用费标准不完整"))
    return fee_due(standard, net_sales, units)


def patent_expiry(patent: Patent) -> date | None:
    """Last day of the statutory term (Patent Law Art. 42), or None when the filing date is unknown."""
    if patent.filing_date is None:
        return None
    return expiry_date(PatentKind(patent.kind.value), patent.filing_date)


def fee_position(
    patent: Patent, open_licence: tuple[tuple[date, date | None], ...], today: date
) -> FeeStatus | None:
    """The patent's annual-fee schedule and position on ``today`` (Rules 2023 Art. 115), or None while the
    filing or grant date is unknown."""
    if patent.filing_date is None or patent.grant_date is None:
        return None
    facts = FeeFacts(
        kind=PatentKind(patent.kind.value),
        filing_date=patent.filing_date,
        grant_date=patent.grant_date,
        paid_until=patent.annual_fee_paid_until,
        fee_reduction_pct=Decimal(patent.fee_reduction_pct) if patent.fee_reduction_pct else None,
        open_licence=open_licence,
    )
    return fee_status(facts, today)


def highest_fee_payment(due: FeeYear) -> Decimal:
    """The most a year's fee can come to: the full fee with the surcharge of the last month of grace
    (Rules 2023 Art. 115)."""
    return due.full_amount * (1 + SURCHARGE_PCT_PER_MONTH * (GRACE_MONTHS - 1) / 100)


def last_day_of_patent_year(filing_date: date, year: int) -> date:
    """The last day of patent year ``year`` (years are counted from the filing date)."""
    return year_start(filing_date, year + 1) - timedelta(days=1)


def years_after(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February -> 28 February), as the patent term counts."""
    return add_years(day, years)


def months_after(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (or earlier), as the grace period counts them."""
    return add_months(day, months)


def fee_standard_errors(standard: FeeStandard) -> dict[str, str]:
    """Field -> message for an incomplete or inconsistent fee standard (Rules 2023 Art. 85)."""
    return validate_standard(standard)
