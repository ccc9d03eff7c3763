"""Each adjustment factor, its multiplier and the combined product."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from royalties.factors import all_factors, combined
from royalties.types import EstimateInput, MarketSize, Maturity, PatentKind, Stability


def _factor(inp: EstimateInput, name: str) -> Decimal:
    return next(f.multiplier for f in all_factors(inp) if f.name == name)


@pytest.mark.parametrize(
    ("name", "overrides", "multiplier"),
    [
        ("patent_kind", {"patent_kind": PatentKind.INVENTION}, "1.00"),
        ("patent_kind", {"patent_kind": PatentKind.UTILITY_MODEL, "filing_date": date(2020, 1, 1)}, "0.80"),
        ("patent_kind", {"patent_kind": PatentKind.DESIGN, "filing_date": date(2022, 1, 1)}, "0.70"),
        ("remaining_term", {"filing_date": date(2016, 3, 1)}, "1.00"),  # 10.7 years left
        ("remaining_term", {"filing_date": date(2013, 3, 1), "grant_date": None}, "0.95"),  # 7.7 years
        ("remaining_term", {"filing_date": date(2008, 3, 1), "grant_date": None}, "0.90"),  # 2.7 years
        # one year left: expiry 2027-02-28, licence to 2027-02-28
        (
            "remaining_term",
            {"filing_date": date(2007, 3, 1), "grant_date": None, "licence_end": date(2027, 2, 28)},
            "0.80",
        ),
        ("claim_count", {"claim_count": None}, "1.00"),
        ("claim_count", {"claim_count": 1}, "0.95"),
        ("claim_count", {"claim_count": 3}, "0.95"),
        ("claim_count", {"claim_count": 4}, "1.00"),
        ("claim_count", {"claim_count": 10}, "1.00"),
        ("claim_count", {"claim_count": 11}, "1.05"),
        ("stability", {"stability": Stability.NONE}, "0.90"),
        ("stability", {"stability": Stability.EVALUATION_REPORT}, "1.00"),
        ("stability", {"stability": Stability.INVALIDATION_SURVIVED}, "1.10"),
        ("maturity", {"maturity": Maturity.LAB}, "0.70"),
        ("maturity", {"maturity": Maturity.PILOT}, "0.85"),
        ("maturity", {"maturity": Maturity.MASS_PRODUCTION}, "1.00"),
        ("market_size", {"market_size": MarketSize.SMALL}, "0.90"),
        ("market_size", {"market_size": MarketSize.MEDIUM}, "1.00"),
        ("market_size", {"market_size": MarketSize.LARGE}, "1.10"),
        ("non_exclusive", {}, "0.90"),
    ],
)
def test_factor_multipliers(
    make_input: Callable[..., EstimateInput], name: str, overrides: dict[str, Any], multiplier: str
) -> None:
    inp = make_input(**overrides)
    if name == "remaining_term" and "licence_end" not in overrides:
        inp = make_input(**overrides, licence_end=date(2026, 6, 30))
    assert _factor(inp, name) == Decimal(multiplier)


def test_remaining_term_bands_are_what_the_label_says(make_input: Callable[..., EstimateInput]) -> None:
    inp = make_input(filing_date=date(2010, 3, 1), grant_date=None, licence_end=date(2026, 6, 30))
    term = next(f for f in all_factors(inp) if f.name == "remaining_term")
    assert term.value == "4.66" and term.multiplier == Decimal("0.90")


def test_combined_is_product_and_every_effect_is_explained(make_input: Callable[..., EstimateInput]) -> None:
    inp = make_input(
        stability=Stability.NONE, maturity=Maturity.PILOT, market_size=MarketSize.LARGE, claim_count=12
    )
    factors = all_factors(inp)
    # 1.00 × 1.00 × 1.05 × 0.90 × 0.85 × 1.10 × 0.90
    assert combined(factors) == Decimal("0.7952")
    assert [f.name for f in factors] == [
        "patent_kind",
        "remaining_term",
        "claim_count",
        "stability",
        "maturity",
        "market_size",
        "non_exclusive",
    ]
    assert all(f.label_zh and str(f.multiplier) in f.explanation_zh for f in factors)
