"""Relief-from-royalty valuation: hand-computed cases, the legal-term cap, the range and every bad input."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from royalties.errors import EstimateInputError
from royalties.types import Band
from royalties.valuation import ValuationInput, valuate, value

BASE = ValuationInput(
    royalty_rates=Band(D("2"), D("3"), D("4")),
    first_year_revenue=D("1000000"),
    growth_pct=D("0"),
    economic_life_years=D("3"),
    legal_term_years=D("10"),
    discount_rate_pct=D("10"),
    tax_rate_pct=D("0"),
)


# By hand: 30,000 a year at 10 %: 30000/1.1 + 30000/1.21 + 30000/1.331 = 74,605.56.
@pytest.mark.parametrize(
    ("changes", "base_value"),
    [
        ({}, D("74605.56")),
        ({"tax_rate_pct": D("25")}, D("55954.17")),  # 74,605.56 × 0.75
        ({"growth_pct": D("10")}, D("81818.18")),  # 30,000/1.1 + 33,000/1.21 + 36,300/1.331
        ({"legal_term_years": D("2.5")}, D("63335.84")),  # last half year: 15,000/1.331
        ({"economic_life_years": D("2.5")}, D("63335.84")),
        ({"first_year_revenue": D("0")}, D("0.00")),
    ],
)
def test_base_value_by_hand(changes, base_value) -> None:
    assert valuate(replace(BASE, **changes)).values.mid == base_value


def test_range_is_the_corners_of_the_sensitivity_table() -> None:
    result = valuate(BASE)
    # low: 2 % at 12 %: 20000 × (1/1.12 + 1/1.2544 + 1/1.404928); high: 4 % at 8 %.
    assert result.values == Band(D("48036.63"), D("74605.56"), D("103083.88"))
    assert result.discount_rates == (D("8"), D("10"), D("12"))
    assert [rate for rate, _row in result.sensitivity] == [D("2"), D("3"), D("4")]
    assert result.sensitivity[1][1][1] == result.values.mid
    every = [v for _rate, row in result.sensitivity for v in row]
    assert (min(every), max(every)) == (result.values.low, result.values.high)


def test_legal_term_caps_the_economic_life() -> None:
    capped = valuate(replace(BASE, economic_life_years=D("5"), legal_term_years=D("2.5")))
    assert (capped.life_years, capped.limited_by) == (D("2.50"), "legal_term")
    assert [(y.year, y.fraction) for y in capped.schedule] == [(1, D(1)), (2, D(1)), (3, D("0.5"))]
    assert capped.schedule[2].revenue == D("500000.00") and capped.schedule[2].present_value == D("11269.72")
    assert valuate(BASE).limited_by == "economic_life"


def test_schedule_adds_up_to_the_base_value_within_rounding() -> None:
    result = valuate(replace(BASE, growth_pct=D("7"), economic_life_years=D("8.3"), tax_rate_pct=D("25")))
    total = sum(y.present_value for y in result.schedule)
    assert abs(total - result.values.mid) <= D("0.01") * len(result.schedule)


def test_discount_below_the_step_stops_at_zero() -> None:
    result = valuate(replace(BASE, discount_rate_pct=D("1")))
    assert result.discount_rates[0] == D("0")
    assert result.values.high == value(BASE, D("4"), D("0")) == D("120000.00")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"royalty_rates": Band(D("3"), D("2"), D("4"))}, "royalty_rates"),
        ({"royalty_rates": Band(D("-1"), D("2"), D("4"))}, "royalty_rates"),
        ({"royalty_rates": Band(D("1"), D("2"), D("101"))}, "royalty_rates"),
        ({"first_year_revenue": D("-1")}, "first_year_revenue"),
        ({"growth_pct": D("-51")}, "growth_pct"),
        ({"growth_pct": D("101")}, "growth_pct"),
        ({"economic_life_years": D("0")}, "economic_life_years"),
        ({"economic_life_years": D("31")}, "economic_life_years"),
        ({"legal_term_years": D("0")}, "legal_term_years"),
        ({"discount_rate_pct": D("0")}, "discount_rate_pct"),
        ({"discount_rate_pct": D("51")}, "discount_rate_pct"),
        ({"tax_rate_pct": D("100")}, "tax_rate_pct"),
        ({"tax_rate_pct": D("-1")}, "tax_rate_pct"),
        ({"step_pct": D("0")}, "step_pct"),
        ({"step_pct": D("11")}, "step_pct"),
    ],
)
def test_bad_input_names_the_field(changes, field) -> None:
    with pytest.raises(EstimateInputError) as err:
        valuate(replace(BASE, **changes))
    assert field in err.value.errors
