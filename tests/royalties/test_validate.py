"""Every bad input gets an EstimateInputError naming the field, in Chinese."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from royalties.errors import EstimateInputError
from royalties.estimate import estimate
from royalties.types import EstimateInput, PatentKind


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"annual_sales_forecast": Decimal("-1")}, "annual_sales_forecast", "负数"),
        ({"profit_margin_pct": Decimal("100.01")}, "profit_margin_pct", "100%"),
        ({"profit_margin_pct": Decimal("-5")}, "profit_margin_pct", "0%"),
        ({"contribution_pct": Decimal("120")}, "contribution_pct", "贡献率"),
        ({"discount_rate_pct": Decimal("100")}, "discount_rate_pct", "折现率"),
        ({"unit_price": Decimal("0")}, "unit_price", "单价"),
        ({"claim_count": 0}, "claim_count", "权利要求"),
        ({"grant_date": date(2015, 1, 1)}, "grant_date", "申请日"),
        ({"licence_end": date(2025, 7, 1)}, "licence_end", "晚于"),
        ({"licence_start": date(2025, 5, 1)}, "licence_start", "估算日"),
        ({"annual_fee_paid_until": date(2025, 3, 1)}, "annual_fee_paid_until", "年费"),
        ({"licence_end": date(2036, 3, 1)}, "licence_end", "2036-02-29"),
        ({"industry_code": "ZZ"}, "industry_code", "ZZ"),
        ({"industry_code": "6510"}, "industry_code", "6510"),
        (
            {
                "filing_date": date(2005, 1, 1),
                "grant_date": None,
                "licence_end": date(2026, 1, 1),
            },
            "filing_date",
            "届满",
        ),
        (
            {"patent_kind": PatentKind.UTILITY_MODEL, "filing_date": date(2016, 3, 1)},
            "licence_end",
            "2026-02-28",
        ),
    ],
)
def test_bad_input_names_field(
    make_input: Callable[..., EstimateInput], overrides: dict[str, Any], field: str, fragment: str
) -> None:
    with pytest.raises(EstimateInputError) as info:
        estimate(make_input(**overrides))
    assert field in info.value.errors
    assert fragment in info.value.errors[field]


def test_several_errors_reported_at_once(make_input: Callable[..., EstimateInput]) -> None:
    bad = make_input(annual_sales_forecast=Decimal("-1"), profit_margin_pct=Decimal("101"), industry_code="?")
    with pytest.raises(EstimateInputError) as info:
        estimate(bad)
    assert set(info.value.errors) == {"annual_sales_forecast", "profit_margin_pct", "industry_code"}
    assert info.value.field == "annual_sales_forecast"


def test_error_single_field_constructor() -> None:
    err = EstimateInputError("x", "消息")
    assert err.errors == {"x": "消息"} and err.field == "x" and err.message == "消息"
    assert isinstance(err, ValueError)
