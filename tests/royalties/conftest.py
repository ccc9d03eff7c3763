"""Fixtures for the royalties package: an input factory with sensible defaults."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from royalties.types import Comparable, EstimateInput, FeeMethod, MarketSize, Maturity, PatentKind, Stability

BASE: dict[str, Any] = dict(
    patent_kind=PatentKind.INVENTION,
    filing_date=date(2016, 3, 1),
    grant_date=date(2019, 5, 1),
    annual_fee_paid_until=date(2026, 3, 1),
    claim_count=8,
    industry_code="39",
    ipc_subclass="H04L",
    stability=Stability.EVALUATION_REPORT,
    maturity=Maturity.MASS_PRODUCTION,
    market_size=MarketSize.MEDIUM,
    annual_sales_forecast=Decimal("1000000"),
    profit_margin_pct=Decimal("20"),
    contribution_pct=None,
    unit_price=Decimal("100"),
    licence_start=date(2025, 7, 1),
    licence_end=date(2030, 6, 30),
    discount_rate_pct=Decimal("8"),
    as_of=date(2025, 6, 1),
)


@pytest.fixture
def make_input() -> Callable[..., EstimateInput]:
    """Return a factory: ``make_input(field=value, ...)`` overrides the defaults."""

    def make(**overrides: Any) -> EstimateInput:
        return EstimateInput(**{**BASE, **overrides})

    return make


@pytest.fixture
def make_comparables() -> Callable[..., list[Comparable]]:
    """Return a factory of running-royalty comparables with the given rates (%)."""

    def make(rates: list[str], ipc: str | None = "H04L", industry: str | None = "39") -> list[Comparable]:
        return [
            Comparable(
                key=f"decl:{i:02d}",
                fee_method=FeeMethod.RUNNING_ROYALTY,
                royalty_rate_pct=Decimal(rate),
                ipc_subclass=ipc,
                industry_code=industry,
            )
            for i, rate in enumerate(rates)
        ]

    return make
