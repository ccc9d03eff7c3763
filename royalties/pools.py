"""Splitting a payment among patent-pool members (专利池分配).

Rules:
- ``count``: in proportion to each member's number of patents (``patents``).
- ``weighted``: in proportion to ``weight`` (e.g. ``patent_weight(...)`` summed per member).
- ``share``: operator-set percentages (``share_pct``) that must add up to 100.

An administration fee of ``admin_fee_pct`` % comes off first (rounded to the fen, half up);
the rest is split. Rounding: each member's exact share is computed in fen with fractions;
everyone gets the whole fen below it, and the fen left over go one each to the members with
the largest fractional remainders (largest-remainder / Hamilton method), ties broken by member
key in ascending order. So the shares always add up to the amount after the fee, to the fen,
and the same input always gives the same split.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from royalties.errors import EstimateInputError
from royalties.money import FEN, HUNDRED, ZERO, money
from royalties.types import PatentKind

RULES = ("count", "weighted", "share")
KIND_WEIGHT = {
    PatentKind.INVENTION: Decimal("1.0"),
    PatentKind.UTILITY_MODEL: Decimal("0.6"),
    PatentKind.DESIGN: Decimal("0.4"),
}


@dataclass(frozen=True)
class PoolShareInput:
    """A pool member: its key, patent count, weight and operator-set share (%)."""

    key: str
    patents: int = 1
    weight: Decimal = Decimal(1)
    share_pct: Decimal | None = None


@dataclass(frozen=True)
class Distribution:
    """The split: admin fee, amount split, and (member key, share CNY) sorted by key."""

    admin_fee: Decimal
    distributed: Decimal
    shares: tuple[tuple[str, Decimal], ...]


def patent_weight(remaining_years: Decimal, essentiality: Decimal, kind: PatentKind) -> Decimal:
    """Weight of one patent: remaining term (years) × essentiality (0-1) × kind factor."""
    return remaining_years * essentiality * KIND_WEIGHT[kind]


def distribute(
    amount: Decimal, members: Sequence[PoolShareInput], rule: str, admin_fee_pct: Decimal = ZERO
) -> Distribution:
    """Split ``amount`` CNY among ``members`` by ``rule`` after the admin fee.

    Raises:
        EstimateInputError: bad amount, fee, rule or members.
    """
    _validate(amount, members, rule, admin_fee_pct)
    admin_fee = money(amount * admin_fee_pct / HUNDRED)
    rest = money(amount) - admin_fee
    weights = {m.key: _weight(m, rule) for m in members}
    if sum(weights.values()) == 0:
        raise EstimateInputError("members", "所有成员的权重均为0，无法分配")
    fen = _largest_remainder(int(rest / FEN), weights)
    shares = tuple((key, Decimal(fen[key]) * FEN) for key in sorted(fen))
    return Distribution(admin_fee=admin_fee, distributed=rest, shares=shares)


def _weight(member: PoolShareInput, rule: str) -> Fraction:
    if rule == "count":
        return Fraction(member.patents)
    if rule == "weighted":
        return Fraction(member.weight)
    return Fraction(member.share_pct or ZERO)


def _largest_remainder(total_fen: int, weights: dict[str, Fraction]) -> dict[str, int]:
    whole_weight = sum(weights.values(), Fraction(0))
    exact = {key: total_fen * w / whole_weight for key, w in weights.items()}
    result = {key: int(value) for key, value in exact.items()}
    left = total_fen - sum(result.values())
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - result[k]), k))
    for key in by_remainder[:left]:
        result[key] += 1
    return result


def _validate(amount: Decimal, members: Sequence[PoolShareInput], rule: str, fee: Decimal) -> None:
    errors = {}
    if amount < ZERO:
        errors["amount"] = "分配金额不得为负数"
    if not ZERO <= fee <= HUNDRED:
        errors["admin_fee_pct"] = "管理费比例须在0%至100%之间"
    if rule not in RULES:
        errors["rule"] = f"未知的分配规则：{rule}（可选 count / weighted / share）"
    errors.update(_member_errors(members, rule))
    if errors:
        raise EstimateInputError(errors)


def _member_errors(members: Sequence[PoolShareInput], rule: str) -> dict[str, str]:
    keys = [m.key for m in members]
    if not members:
        return {"members": "至少需要一个成员"}
    if len(set(keys)) != len(keys):
        return {"members": "成员标识重复"}
    if any(m.patents < 0 or m.weight < ZERO or (m.share_pct or ZERO) < ZERO for m in members):
        return {"members": "专利数、权重和份额不得为负数"}
    if rule == "share" and sum((m.share_pct or ZERO for m in members), ZERO) != HUNDRED:
        return {"members": "各成员份额之和须等于100%"}
    return {}
