"""Patent row + the user's figures -> royalties.estimate (the royalty rates) -> royalties.valuation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import gettext as _

from app.integrations.estimate import patent_facts
from app.integrations.royalties import patent_expiry
from app.patents.models import Patent
from royalties.errors import EstimateInputError
from royalties.estimate import estimate
from royalties.money import pct
from royalties.term import add_years, years_between
from royalties.types import Band, EstimateInput, PatentKind, Stability
from royalties.valuation import Valuation, ValuationInput, valuate

OWN_RATE_BAND = (Decimal("0.8"), Decimal("1.2"))  # an entered rate is valued ±20 %, like the income method


@dataclass(frozen=True, kw_only=True)
class ValuationRequest:
    """The user's figures: industry and margin (for the royalty estimate), or an own rate; forecast; rates."""

    industry_code: str
    first_year_revenue: Decimal
    profit_margin_pct: Decimal | None
    royalty_rate_pct: Decimal | None
    growth_pct: Decimal
    economic_life_years: Decimal
    discount_rate_pct: Decimal
    tax_rate_pct: Decimal


@dataclass(frozen=True)
class PatentValuation:
    expiry: date
    legal_term_years: Decimal
    rates: Band
    rate_source: str  # "estimate" | "entered"
    result: Valuation


def royalty_rates(patent: Patent, req: ValuationRequest, expiry: date, today: date) -> tuple[Band, str]:
    """The rate band: the one entered (±20 %), else royalties.estimate over the valued life."""
    if req.royalty_rate_pct is not None:
        low, high = OWN_RATE_BAND
        rate = req.royalty_rate_pct
        if not Decimal(0) < rate <= Decimal(100):
            raise EstimateInputError("royalty_rate_pct", _("许可费率须大于 0 且不超过 100%"))
        return Band(pct(rate * low), pct(rate), pct(min(rate * high, Decimal(100)))), "entered"
    if req.profit_margin_pct is None:
        raise EstimateInputError("profit_margin_pct", _("请填写利润率，或直接填写许可费率"))
    facts = patent_facts(patent)
    years = int(req.economic_life_years) or 1
    inp = EstimateInput(
        patent_kind=PatentKind(facts["patent_kind"]),
        filing_date=facts["filing_date"],
        grant_date=facts["grant_date"],
        annual_fee_paid_until=None,  # a valuation looks at the technology, not at this year's fee
        claim_count=facts["claim_count"],
        industry_code=req.industry_code,
        ipc_subclass=facts["ipc_subclass"] or None,
        stability=Stability(facts["stability"]),
        annual_sales_forecast=req.first_year_revenue,
        profit_margin_pct=req.profit_margin_pct,
        licence_start=today,
        licence_end=min(add_years(today, years) - timedelta(days=1), expiry),
        discount_rate_pct=req.discount_rate_pct,
        as_of=today,
    )
    return estimate(inp).rates, "estimate"


def value_patent(patent: Patent, req: ValuationRequest, today: date) -> PatentValuation:
    """Relief-from-royalty value of the patent on ``today``.

    Raises:
        EstimateInputError: the patent's filing date is unknown, or a figure is out of range.
    """
    expiry = patent_expiry(patent)
    if expiry is None:
        raise EstimateInputError("filing_date", _("专利申请日未知，无法计算剩余法定保护期"))
    legal = years_between(today, expiry + timedelta(days=1))
    if legal <= 0:
        raise EstimateInputError("legal_term_years", _("专利权保护期已届满，无法按许可费节省估值"))
    rates, source = royalty_rates(patent, req, expiry, today)
    inp = ValuationInput(
        royalty_rates=rates,
        first_year_revenue=req.first_year_revenue,
        growth_pct=req.growth_pct,
        economic_life_years=req.economic_life_years,
        legal_term_years=legal,
        discount_rate_pct=req.discount_rate_pct,
        tax_rate_pct=req.tax_rate_pct,
    )
    return PatentValuation(expiry, legal.quantize(Decimal("0.01")), rates, source, valuate(inp))
