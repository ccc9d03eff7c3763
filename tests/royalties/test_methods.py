"""The three methods: benchmark, income approach, comparables; and discounting."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from royalties.discount import present_value
from royalties.methods import benchmark, comparables, income
from royalties.types import Band, Comparable, EstimateInput, FeeMethod


@pytest.mark.parametrize(
    ("code", "multiplier", "expected"),
    [
        ("39", "1", ("5.00", "5.50", "6.00")),
        ("39", "0.8", ("4.00", "4.40", "4.80")),
        ("3911", "0.7952", ("3.98", "4.37", "4.77")),
        ("26", "0.9", ("2.70", "3.15", "3.60")),
    ],
)
def test_benchmark_rates(
    make_input: Callable[..., EstimateInput], code: str, multiplier: str, expected: tuple[str, ...]
) -> None:
    result = benchmark(make_input(industry_code=code), Decimal(multiplier))
    assert result.available and result.rates == Band(*map(Decimal, expected))
    assert result.inputs["combined_multiplier"] == multiplier
    assert "非官方" in result.explanation_zh


def test_benchmark_unavailable_for_unmapped_industry(make_input: Callable[..., EstimateInput]) -> None:
    result = benchmark(make_input(industry_code="A"), Decimal(1))
    assert not result.available and result.rates is None and "A" in result.reason_unavailable


@pytest.mark.parametrize(
    ("margin", "contribution", "expected"),
    [
        ("20", None, ("4.00", "5.00", "6.00")),  # 20 % × default 25 %
        ("15", None, ("3.00", "3.75", "4.50")),
        ("20", "33.33", ("5.33", "6.67", "8.00")),
        ("8.5", "10", ("0.68", "0.85", "1.02")),
        ("100", "100", ("80.00", "100.00", "120.00")),  # clipped later, at reconciliation
    ],
)
def test_income_rates(
    make_input: Callable[..., EstimateInput], margin: str, contribution: str | None, expected: tuple[str, ...]
) -> None:
    inp = make_input(
        profit_margin_pct=Decimal(margin),
        contribution_pct=None if contribution is None else Decimal(contribution),
    )
    result = income(inp, Decimal(5))
    assert result.rates == Band(*map(Decimal, expected))
    default = "默认25%" if contribution is None else "用户输入"
    assert result.inputs["contribution_source"].startswith(default)


def test_income_lump_sum_is_discounted_royalty(make_input: Callable[..., EstimateInput]) -> None:
    # 1,000,000 × 5 % = 50,000 a year for 5 years at 8 %: annuity factor 3.99271004...
    result = income(make_input(), Decimal(5))
    assert result.lump_sum_cny is not None
    assert result.lump_sum_cny.mid == Decimal("199635.50")


def test_income_zero_sales_gives_rate_but_zero_lump_sum(make_input: Callable[..., EstimateInput]) -> None:
    result = income(make_input(annual_sales_forecast=Decimal(0)), Decimal(5))
    assert result.available and result.rates is not None and result.rates.mid == Decimal("5.00")
    assert result.lump_sum_cny == Band(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


@pytest.mark.parametrize("overrides", [{"profit_margin_pct": Decimal(0)}, {"contribution_pct": Decimal(0)}])
def test_income_unavailable_without_profit(
    make_input: Callable[..., EstimateInput], overrides: dict[str, Decimal]
) -> None:
    result = income(make_input(**overrides), Decimal(5))
    assert not result.available and "0" in result.reason_unavailable


@pytest.mark.parametrize(
    ("annual", "years", "rate", "expected"),
    [
        ("100", "1", "0", "100"),
        ("100", "2", "0", "200"),
        ("108", "1", "8", "100"),
        ("100", "0", "8", "0"),
        ("0", "5", "8", "0"),
        ("100", "1.5", "0", "150"),  # half a year pro rata
    ],
)
def test_present_value(annual: str, years: str, rate: str, expected: str) -> None:
    assert present_value(Decimal(annual), Decimal(years), Decimal(rate)) == Decimal(expected)


def test_comparables_need_five(
    make_input: Callable[..., EstimateInput], make_comparables: Callable[..., list[Comparable]]
) -> None:
    result = comparables(make_input(), make_comparables(["3", "4", "5", "6"]), Decimal(1))
    assert not result.available and "4个" in result.reason_unavailable and "5个" in result.reason_unavailable


@pytest.mark.parametrize(
    ("rates", "expected"),
    [
        (["3", "4", "5", "6", "7"], ("4.00", "5.00", "6.00")),
        (["1", "2", "3", "4", "5", "10"], ("2.25", "3.50", "4.75")),
        (["5", "5", "5", "5", "5"], ("5.00", "5.00", "5.00")),
    ],
)
def test_comparables_quartiles_same_ipc(
    make_input: Callable[..., EstimateInput],
    make_comparables: Callable[..., list[Comparable]],
    rates: list[str],
    expected: tuple[str, ...],
) -> None:
    result = comparables(make_input(), make_comparables(rates), Decimal(1))
    assert result.available and result.rates == Band(*map(Decimal, expected))
    assert result.inputs["basis"] == "同IPC小类H04L"


def test_comparables_fall_back_to_industry_and_ignore_other_methods(
    make_input: Callable[..., EstimateInput], make_comparables: Callable[..., list[Comparable]]
) -> None:
    items = make_comparables(["2", "3", "4", "5", "6"], ipc="G06F", industry="3912")
    items.append(
        Comparable(key="lump", fee_method=FeeMethod.LUMP_SUM, lump_sum=Decimal("1e6"), industry_code="39")
    )
    result = comparables(make_input(), items, Decimal("0.5"))
    assert result.inputs["basis"] == "同行业39" and result.inputs["count"] == "5"
    assert result.rates == Band(Decimal("1.50"), Decimal("2.00"), Decimal("2.50"))


def test_too_few_comparables_reports_the_larger_group(
    make_input: Callable[..., EstimateInput], make_comparables: Callable[..., list[Comparable]]
) -> None:
    """4 in the same IPC subclass and none in the industry: the message counts the 4, not 0."""
    items = make_comparables(["3", "4", "5", "6"], industry="2611")
    result = comparables(make_input(), items, Decimal(1))
    assert not result.available
    assert result.reason_unavailable.startswith("同IPC小类H04L的提成费率样本仅4个")
