"""End-to-end estimates: reconciliation as documented, standards, edge cases, JSON output."""

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from royalties.errors import EstimateInputError
from royalties.estimate import estimate, to_dict
from royalties.reconcile import reconcile
from royalties.standards import ENTRY_SHARE, lump_value
from royalties.types import Band, Comparable, EstimateInput, FeeMethod, MethodResult, PatentKind, Stability

D = Decimal


def _method(name: str, low: str, mid: str, high: str) -> MethodResult:
    return MethodResult(
        name=name, label_zh=name, label_en=name, available=True, rates=Band(D(low), D(mid), D(high))
    )


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        # mid = (5×1 + 4×2 + 6×2) / 5 = 5.00; low = max(3, 2.5); high = min(7, 7.5)
        (
            {"benchmark": ("4", "5", "6"), "income": ("3", "4", "5"), "comparables": ("5", "6", "7")},
            ("3", "5", "7"),
        ),
        # only benchmark and income: mid = (5.5 + 2×3.75)/3 = 4.33; high = min(6, 6.495)
        ({"benchmark": ("5", "5.5", "6"), "income": ("3", "3.75", "4.5")}, ("3", "4.33", "6")),
        # wide spread is clipped to 0.5–1.5 × mid: mid = (1 + 2×9)/3 = 6.33
        ({"benchmark": ("0.5", "1", "1.5"), "income": ("7", "9", "30")}, ("3.17", "6.33", "9.50")),
        # the 20 % ceiling clips mid and high
        ({"income": ("80", "100", "120")}, ("20", "20", "20")),
    ],
)
def test_reconcile_rule(bands: dict[str, tuple[str, str, str]], expected: tuple[str, str, str]) -> None:
    methods = [_method(name, *band) for name, band in bands.items()]
    assert reconcile(methods, D(20)) == Band(*map(D, expected))


def test_estimate_reconciles_its_own_methods_as_documented(
    make_input: Callable[..., EstimateInput], make_comparables: Callable[..., list[Comparable]]
) -> None:
    rec = estimate(make_input(), make_comparables(["3", "4", "5", "6", "7"]))
    by_name = {m.name: m for m in rec.methods}
    assert all(m.available for m in rec.methods)
    assert [m.weight for m in rec.methods] == [D(1), D(2), D(2)]
    mids = {name: m.rates.mid for name, m in by_name.items() if m.rates}
    expected_mid = ((mids["benchmark"] + 2 * mids["income"] + 2 * mids["comparables"]) / 5).quantize(
        D("0.01")
    )
    assert rec.rates.mid == expected_mid
    assert rec.rates.low == max(min(m.rates.low for m in rec.methods if m.rates), (expected_mid * D("0.5")))
    assert str(rec.rates.mid) in rec.reconciliation_zh
    # factors multiply benchmark and comparables, not the income approach
    assert by_name["benchmark"].rates == Band(D("4.50"), D("4.95"), D("5.40"))  # 5/5.5/6 × 0.9
    assert by_name["income"].rates == Band(D("4.00"), D("5.00"), D("6.00"))


def test_standards_follow_the_band(make_input: Callable[..., EstimateInput]) -> None:
    inp = make_input()
    rec = estimate(inp)
    years = D(rec.licence_years)
    s = rec.standards
    assert s[FeeMethod.RUNNING_ROYALTY].mid.royalty_rate_pct == rec.rates.mid
    assert s[FeeMethod.PER_UNIT].mid.unit_fee == (D(100) * rec.rates.mid / 100).quantize(D("0.01"))
    lump = s[FeeMethod.LUMP_SUM].mid.lump_sum
    assert lump is not None and lump > 0
    assert abs(lump - lump_value(inp, rec.rates.mid, years)) < D(100)  # licence_years shown rounded
    entry = s[FeeMethod.ENTRY_PLUS_RUNNING].mid
    assert entry.entry_fee == (lump * ENTRY_SHARE).quantize(D("0.01"))
    assert entry.royalty_rate_pct == (rec.rates.mid * (1 - ENTRY_SHARE)).quantize(D("0.01"))
    for method in s.values():
        assert method.low.fee_method == method.fee_method


@pytest.mark.parametrize(
    ("overrides", "note"),
    [
        ({"annual_sales_forecast": D(0)}, "销售额为0"),
        ({"unit_price": None}, "单价"),
        (
            {
                "patent_kind": PatentKind.DESIGN,
                "filing_date": date(2022, 1, 1),
                "grant_date": None,
                "stability": Stability.NONE,
            },
            "评价报告",
        ),
        ({"contribution_pct": D(50)}, "40%"),
        ({"annual_sales_forecast": D("1e9")}, "2000万元"),
    ],
)
def test_edge_cases_produce_notes(
    make_input: Callable[..., EstimateInput], overrides: dict[str, object], note: str
) -> None:
    rec = estimate(make_input(**overrides))
    assert any(note in n for n in rec.notes_zh)


def test_zero_sales(make_input: Callable[..., EstimateInput]) -> None:
    rec = estimate(make_input(annual_sales_forecast=D(0)))
    assert rec.rates.mid > 0
    assert rec.standards[FeeMethod.LUMP_SUM].mid.lump_sum == D("0.00")


def test_per_unit_absent_without_price(make_input: Callable[..., EstimateInput]) -> None:
    assert FeeMethod.PER_UNIT not in estimate(make_input(unit_price=None)).standards


def test_design_patent(make_input: Callable[..., EstimateInput]) -> None:
    inp = make_input(
        patent_kind=PatentKind.DESIGN, filing_date=date(2022, 1, 1), grant_date=None, industry_code="21"
    )
    rec = estimate(inp)
    kind = next(f for f in rec.factors if f.name == "patent_kind")
    assert kind.multiplier == D("0.70") and rec.remaining_term_years == D("11.50")
    assert rec.methods[0].rates == Band(D("2.52"), D("2.84"), D("3.15"))  # 4/4.5/5 × 0.63


def test_one_year_left(make_input: Callable[..., EstimateInput]) -> None:
    inp = make_input(filing_date=date(2006, 7, 1), grant_date=None, licence_end=date(2026, 6, 30))
    rec = estimate(inp)
    assert rec.remaining_term_years == D("1.00") and rec.licence_years == D("1.00")
    assert next(f for f in rec.factors if f.name == "remaining_term").multiplier == D("0.80")


def test_expired_patent_is_refused(make_input: Callable[..., EstimateInput]) -> None:
    with pytest.raises(EstimateInputError) as info:
        estimate(make_input(filing_date=date(2005, 5, 31), grant_date=None))
    assert "filing_date" in info.value.errors and "届满" in info.value.errors["filing_date"]


def test_no_method_available(make_input: Callable[..., EstimateInput]) -> None:
    with pytest.raises(EstimateInputError) as info:
        estimate(make_input(industry_code="A", profit_margin_pct=D(0)))
    assert info.value.field == "methods"


def test_deterministic_and_json_safe(
    make_input: Callable[..., EstimateInput], make_comparables: Callable[..., list[Comparable]]
) -> None:
    comps = make_comparables(["3.1", "4.2", "5.3", "6.4", "7.5"])
    first = to_dict(estimate(make_input(), comps))
    second = to_dict(estimate(make_input(), list(reversed(comps))))
    assert first == second
    text = json.dumps(first, ensure_ascii=False)
    assert (
        json.loads(text)["standards"]["lump_sum"]["mid"]["lump_sum"]
        == first["standards"]["lump_sum"]["mid"]["lump_sum"]
    )
    assert first["rates"]["mid"].count(".") == 1 and len(first["rates"]["mid"].split(".")[1]) == 2
    assert first["rationale_zh"].startswith("建议提成费率")
