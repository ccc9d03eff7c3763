"""Pool distribution (largest remainder) and cross-licence balancing payments."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from royalties.cross import PortfolioItem, balance
from royalties.errors import EstimateInputError
from royalties.pools import PoolShareInput, distribute, patent_weight
from royalties.types import PatentKind

D = Decimal


def _m(key: str, patents: int = 1, weight: str = "1", share: str | None = None) -> PoolShareInput:
    return PoolShareInput(
        key=key, patents=patents, weight=D(weight), share_pct=None if share is None else D(share)
    )


@pytest.mark.parametrize(
    ("amount", "members", "rule", "fee", "admin", "shares"),
    [
        (
            "100.00",
            [_m("a"), _m("b"), _m("c")],
            "count",
            "0",
            "0.00",
            {"a": "33.34", "b": "33.33", "c": "33.33"},
        ),
        # tie broken by key: "c" sorts after "a"/"b" regardless of input order
        (
            "100.00",
            [_m("c"), _m("b"), _m("a")],
            "count",
            "0",
            "0.00",
            {"a": "33.34", "b": "33.33", "c": "33.33"},
        ),
        (
            "200.00",
            [_m("a"), _m("b"), _m("c")],
            "count",
            "0",
            "0.00",
            {"a": "66.67", "b": "66.67", "c": "66.66"},
        ),
        ("100.00", [_m("a", 2), _m("b", 1)], "count", "0", "0.00", {"a": "66.67", "b": "33.33"}),
        (
            "100.00",
            [_m("a", weight="3"), _m("b", weight="0")],
            "weighted",
            "0",
            "0.00",
            {"a": "100.00", "b": "0.00"},
        ),
        (
            "10.00",
            [_m("a", weight="1"), _m("b", weight="2")],
            "weighted",
            "0",
            "0.00",
            {"a": "3.33", "b": "6.67"},
        ),
        ("1000.00", [_m("a"), _m("b")], "count", "10", "100.00", {"a": "450.00", "b": "450.00"}),
        (
            "99.99",
            [_m("a"), _m("b"), _m("c")],
            "count",
            "2.5",
            "2.50",
            {"a": "32.50", "b": "32.50", "c": "32.49"},
        ),
        (
            "100.00",
            [_m("a", share="50"), _m("b", share="30"), _m("c", share="20")],
            "share",
            "0",
            "0.00",
            {"a": "50.00", "b": "30.00", "c": "20.00"},
        ),
        ("0.01", [_m("a"), _m("b")], "count", "0", "0.00", {"a": "0.01", "b": "0.00"}),
        ("0.00", [_m("a")], "count", "0", "0.00", {"a": "0.00"}),
    ],
)
def test_distribute(
    amount: str, members: list[PoolShareInput], rule: str, fee: str, admin: str, shares: dict[str, str]
) -> None:
    result = distribute(D(amount), members, rule, D(fee))
    assert result.admin_fee == D(admin)
    assert dict(result.shares) == {k: D(v) for k, v in shares.items()}
    assert sum(v for _, v in result.shares) + result.admin_fee == D(amount)


@pytest.mark.parametrize(
    ("amount", "members", "rule", "fee", "field"),
    [
        ("-1", [_m("a")], "count", "0", "amount"),
        ("1", [_m("a")], "count", "101", "admin_fee_pct"),
        ("1", [_m("a")], "equal", "0", "rule"),
        ("1", [], "count", "0", "members"),
        ("1", [_m("a"), _m("a")], "count", "0", "members"),
        ("1", [_m("a", weight="0"), _m("b", weight="0")], "weighted", "0", "members"),
        ("1", [_m("a", weight="-1")], "weighted", "0", "members"),
        ("1", [_m("a", share="60"), _m("b", share="30")], "share", "0", "members"),
    ],
)
def test_distribute_rejects(
    amount: str, members: list[PoolShareInput], rule: str, fee: str, field: str
) -> None:
    with pytest.raises(EstimateInputError) as info:
        distribute(D(amount), members, rule, D(fee))
    assert field in info.value.errors


@given(
    fen=st.integers(min_value=0, max_value=10**12),
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12).filter(any),
    fee_bp=st.integers(min_value=0, max_value=10000),
)
def test_shares_always_sum_to_payment(fen: int, weights: list[int], fee_bp: int) -> None:
    amount = D(fen) / 100
    members = [PoolShareInput(key=f"m{i:02d}", weight=D(w)) for i, w in enumerate(weights)]
    result = distribute(amount, members, "weighted", D(fee_bp) / 100)
    assert sum((v for _, v in result.shares), D(0)) == result.distributed
    assert result.distributed + result.admin_fee == amount
    assert all(v >= 0 and v == v.quantize(D("0.01")) for _, v in result.shares)
    assert distribute(amount, list(reversed(members)), "weighted", D(fee_bp) / 100) == result


def test_patent_weight() -> None:
    assert patent_weight(D(10), D("0.5"), PatentKind.INVENTION) == D("5.0")
    assert patent_weight(D(10), D(1), PatentKind.UTILITY_MODEL) == D("6.0")


def _side(*values: str) -> list[PortfolioItem]:
    return [PortfolioItem(key=f"p{i}", lump_sum_value=D(v)) for i, v in enumerate(values)]


@pytest.mark.parametrize(
    ("a", "b", "factor", "payer", "payee", "payment"),
    [
        (["100", "200"], ["150"], "1", "b", "a", "150.00"),
        (["100"], ["150", "50.5"], "1", "a", "b", "100.50"),
        (["100"], ["100"], "1", None, None, "0.00"),
        ([], ["80"], "0.5", "a", "b", "40.00"),
        (["10.005"], [], "1", "b", "a", "10.01"),
        (["300"], ["100"], "0", None, None, "0.00"),
    ],
)
def test_balance(
    a: list[str], b: list[str], factor: str, payer: str | None, payee: str | None, payment: str
) -> None:
    result = balance(_side(*a), _side(*b), D(factor))
    assert (result.payer, result.payee, result.payment) == (payer, payee, D(payment))


@pytest.mark.parametrize(("a", "factor", "field"), [(["-1"], "1", "lump_sum_value"), (["1"], "-1", "factor")])
def test_balance_rejects(a: list[str], factor: str, field: str) -> None:
    with pytest.raises(EstimateInputError) as info:
        balance(_side(*a), [], D(factor))
    assert info.value.field == field
