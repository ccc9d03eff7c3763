"""Industry codes, the benchmark table and patent-term arithmetic."""

import json
from datetime import date
from decimal import Decimal

import pytest

from royalties.errors import EstimateInputError
from royalties.rates import DATA_DIR, benchmark_for, known_industry, normalise_code
from royalties.term import expiry_date, term_years, years_between
from royalties.types import PatentKind


@pytest.mark.parametrize(
    ("code", "normalised", "known"),
    [
        ("C", "C", True),
        ("39", "39", True),
        ("391", "39", True),
        ("3911", "39", True),
        ("C3911", "39", True),
        (" c39 ", "39", True),
        ("D3911", "39", False),  # 39 is a manufacturing division, not section D
        ("Z", "", False),
        ("99", "99", False),
        ("39x", "", False),
        ("", "", False),
    ],
)
def test_codes(code: str, normalised: str, known: bool) -> None:
    assert normalise_code(code) == normalised
    assert known_industry(code) is known


@pytest.mark.parametrize(
    ("code", "low", "mid", "high", "category"),
    [
        ("39", "5.00", "5.50", "6.00", "high_technology"),
        ("3911", "5.00", "5.50", "6.00", "high_technology"),
        ("27", "5.00", "5.50", "6.00", "high_technology"),
        ("36", "4.00", "4.50", "5.00", "durable_consumer"),
        ("14", "4.00", "4.50", "5.00", "nondurable_consumer"),
        ("26", "3.00", "3.50", "4.00", "industrial_intermediate"),
        ("31", "2.00", "2.50", "3.00", "basic_industry"),
        ("C", "2.00", "4.00", "6.00", "manufacturing_envelope"),
        ("I", "5.00", "5.50", "6.00", "high_technology"),
        ("65", "5.00", "5.50", "6.00", "high_technology"),  # division of I falls back to its section
        ("B", "2.00", "2.50", "3.00", "basic_industry"),
    ],
)
def test_benchmark_for(code: str, low: str, mid: str, high: str, category: str) -> None:
    ref = benchmark_for(code)
    assert ref is not None
    assert (ref.rates.low, ref.rates.mid, ref.rates.high) == (Decimal(low), Decimal(mid), Decimal(high))
    assert ref.category == category
    assert "not a CNIPA statistic" in ref.source


@pytest.mark.parametrize("code", ["A", "01", "F", "J"])
def test_benchmark_absent_for_unmapped_industries(code: str) -> None:
    assert benchmark_for(code) is None


def test_benchmark_unknown_code_names_the_field() -> None:
    with pytest.raises(EstimateInputError) as info:
        benchmark_for("ZZ")
    assert info.value.field == "industry_code"
    assert "ZZ" in info.value.message


def test_data_file_states_sources_and_gaps() -> None:
    data = json.loads((DATA_DIR / "royalty_rate_benchmarks.json").read_text(encoding="utf-8"))
    assert "NOT OFFICIAL" in data["status"]
    for sought in data["official_sources_sought"]:
        assert sought["document"] and sought["date"] and sought["found"]
    assert "could NOT be retrieved" in json.dumps(data, ensure_ascii=False)
    categories = data["rate_reference"]["categories"]
    assert set(data["rate_reference"]["division_category"].values()) <= set(categories)


@pytest.mark.parametrize(
    ("kind", "filed", "years", "expiry"),
    [
        (PatentKind.INVENTION, date(2016, 3, 1), 20, date(2036, 2, 29)),
        (PatentKind.UTILITY_MODEL, date(2020, 1, 10), 10, date(2030, 1, 9)),
        (PatentKind.DESIGN, date(2021, 6, 1), 15, date(2036, 5, 31)),
        (PatentKind.DESIGN, date(2021, 5, 31), 10, date(2031, 5, 30)),  # before the 4th amendment
        (PatentKind.UTILITY_MODEL, date(2004, 2, 29), 10, date(2014, 2, 27)),  # 29 Feb -> 28 Feb
    ],
)
def test_term(kind: PatentKind, filed: date, years: int, expiry: date) -> None:
    assert term_years(kind, filed) == years
    assert expiry_date(kind, filed) == expiry


def test_years_between_never_negative() -> None:
    assert years_between(date(2025, 1, 1), date(2024, 1, 1)) == 0
    assert years_between(date(2025, 1, 1), date(2025, 1, 1).replace(year=2026)) == Decimal(365) / Decimal(
        "365.25"
    )
