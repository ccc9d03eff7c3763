"""Pool, pool-patent and cross-licence rows <-> royalties dataclasses; pool patent suggestions.

All arithmetic (fee standards, the split of a payment, patent values, the balancing payment)
is royalties'; this module only converts rows to its inputs and its outputs back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select

from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.integrations import royalties as royalties_bridge
from app.integrations.royalties import patent_expiry
from app.patents.models import LegalStatus, Patent
from app.pools.models import Essentiality, Pool, PoolPatent, PoolPatentStatus, Rule
from royalties import rates
from royalties.cross import CrossBalance, PortfolioItem, balance, item_from_recommendation
from royalties.estimate import estimate
from royalties.pools import Distribution, PoolShareInput, distribute, patent_weight
from royalties.running import fee_due, upfront_due
from royalties.term import years_between
from royalties.types import EstimateInput, PatentKind

IPC_TITLES = Path(__file__).resolve().parents[2] / "data" / "ipc_zh_subclasses.json"
# Essentiality as a 0-1 factor for the weighted rule; an unjudged patent counts as merely relevant.
ESSENTIALITY_FACTOR = {
    Essentiality.ESSENTIAL: Decimal("1"),
    Essentiality.RELEVANT: Decimal("0.5"),
    Essentiality.NOT_RELEVANT: Decimal("0"),
    None: Decimal("0.5"),
}
RULE_WORDS = {
    Rule.COUNT: "每件在池专利权重为1",
    Rule.WEIGHTED: "每件专利权重 = 付款日剩余保护期（年）× 必要性系数（必要1、相关或未判定0.5、不相关0）"
    " × 类型系数（发明1.0、实用新型0.6、外观设计0.4）",
    Rule.SHARE: "每件专利按运营中心设定的份额（%）",
}


def standard_errors(pool: Pool) -> dict[str, str]:
    """Field errors of the offer's fee standard; empty = complete and unambiguous."""
    return royalties_bridge.standard_errors(pool)


def upfront_amount(pool: Pool) -> Decimal:
    """CNY due once when the pool licence is taken (the lump sum), else 0."""
    standard = royalties_bridge.standard_of(pool)
    assert standard is not None  # an open pool always has a complete standard
    return upfront_due(standard)


def report_fee(pool: Pool, net_sales: Decimal, units: int) -> Decimal:
    """CNY due for one sales report under the pool's running or per-unit standard."""
    standard = royalties_bridge.standard_of(pool)
    assert standard is not None
    return fee_due(standard, net_sales, units)


def screen_patent(patent: Patent, pool: Pool, today: date) -> dict[str, object]:
    """Screening flags: in force, not expiring within the pool term, relevant to the field."""
    expiry = patent_expiry(patent)
    fee_ok = patent.annual_fee_paid_until is None or patent.annual_fee_paid_until >= today
    in_force = patent.legal_status is LegalStatus.GRANTED and fee_ok and (expiry is None or expiry >= today)
    term_end = pool.term_end or today
    return {
        "in_force": in_force,
        "term_ok": expiry is not None and expiry >= term_end,
        "relevant": bool(set(patent.ipc_subclasses) & set(pool.field_ipc)),
        "expiry": expiry.isoformat() if expiry else None,
    }


def share_key(patent_id: int) -> str:
    """Member key for royalties: zero-padded so its tie-break order is the patent id order."""
    return f"{patent_id:010d}"


def share_basis(pp: PoolPatent, rule: Rule, on: date) -> Decimal:
    """The number the rule splits by for this patent: 1, its weight, or its share %."""
    if rule is Rule.COUNT:
        return Decimal(1)
    if rule is Rule.SHARE:
        return pp.share_pct or Decimal(0)
    expiry = patent_expiry(pp.patent)
    remaining = years_between(on, expiry + timedelta(days=1)) if expiry else Decimal(0)
    kind = PatentKind(pp.patent.kind.value)
    return patent_weight(remaining, ESSENTIALITY_FACTOR[pp.essentiality], kind).quantize(Decimal("0.000001"))


def split_payment(pool: Pool, amount: Decimal, on: date) -> tuple[Distribution, dict[str, Decimal]]:
    """Split ``amount`` among the patents in the pool on ``on``; returns the split and each basis."""
    active = [pp for pp in pool.patents if pp.status is PoolPatentStatus.CONSENTED]
    rule = pool.distribution_rule
    bases = {share_key(pp.patent_id): share_basis(pp, rule, on) for pp in active}
    members = [
        PoolShareInput(key=k, weight=b, share_pct=b if rule is Rule.SHARE else None) for k, b in bases.items()
    ]
    return distribute(amount, members, rule.value, pool.admin_fee_pct), bases


def rounding_note(pool: Pool) -> str:
    """The rule and the rounding, in words, stored with each ledger line."""
    return (
        f"先扣管理费：付款额 × {pool.admin_fee_pct}%，四舍五入到分；"
        f"余额按“{RULE_WORDS[pool.distribution_rule]}”的比例计算每件专利以分计的精确份额，"
        "各取整分，剩余的分按小数部分从大到小逐一补给（最大余额法），小数部分相同时按专利编号从小到大；"
        "因此各份额与管理费之和恰好等于付款额。"
    )


@dataclass(frozen=True)
class ValuationBasis:
    """The business assumptions each offered patent is valued under (same for both sides)."""

    industry_code: str
    annual_sales: Decimal
    profit_margin_pct: Decimal
    term_start: date
    term_end: date
    as_of: date


def value_patent(patent: Patent, basis: ValuationBasis) -> PortfolioItem:
    """The patent's lump-sum value from royalties.estimate (licence end capped at its expiry)."""
    expiry = patent_expiry(patent)
    if patent.filing_date is None or expiry is None:
        raise ValueError(_("申请日未知，无法估值"))
    inp = EstimateInput(
        patent_kind=PatentKind(patent.kind.value),
        filing_date=patent.filing_date,
        grant_date=patent.grant_date,
        annual_fee_paid_until=patent.annual_fee_paid_until,
        claim_count=patent.claim_count,
        industry_code=basis.industry_code,
        ipc_subclass=patent.ipc_subclasses[0] if patent.ipc_subclasses else None,
        annual_sales_forecast=basis.annual_sales,
        profit_margin_pct=basis.profit_margin_pct,
        licence_start=basis.term_start,
        licence_end=min(basis.term_end, expiry),
        as_of=basis.as_of,
    )
    return item_from_recommendation(str(patent.id), estimate(inp))


def balance_portfolios(side_a: Sequence[PortfolioItem], side_b: Sequence[PortfolioItem]) -> CrossBalance:
    """Both portfolios' values and the balancing payment (royalties.cross.balance)."""
    return balance(side_a, side_b)


@lru_cache(maxsize=1)
def ipc_titles() -> dict[str, str]:
    with IPC_TITLES.open(encoding="utf-8") as fh:
        data: dict[str, str] = json.load(fh)
    return data


def _bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text if ch.strip() and ch not in "，。；、（）()")
    return {text[i : i + 2] for i in range(len(text) - 1)}


def fit_score(patent: Patent, field_ipc: Sequence[str]) -> float:
    """Fit of a patent to a pool field: IPC-subclass overlap first, then title/IPC-title bigram overlap."""
    field = set(field_ipc)
    overlap = len(set(patent.ipc_subclasses) & field) / max(len(field), 1)
    field_text = set().union(*(_bigrams(ipc_titles().get(code, "")) for code in field)) if field else set()
    title = _bigrams(patent.title)
    lexical = len(title & field_text) / max(len(title), 1)
    return round(overlap + 0.5 * lexical, 4)


def suggest_patents_for_pool(pool: Pool, limit: int = 20) -> list[tuple[Patent, float]]:
    """Patents with a published declaration, not yet in the pool, ranked by fit to its field."""
    in_pool = {pp.patent_id for pp in pool.patents if pp.status is not PoolPatentStatus.LEFT}
    declared = select(Declaration.patent_id).where(Declaration.status == DeclarationStatus.PUBLISHED)
    stmt = select(Patent).where(Patent.id.in_(declared), Patent.legal_status == LegalStatus.GRANTED)
    scored = [(p, fit_score(p, pool.field_ipc)) for p in db.session.scalars(stmt) if p.id not in in_pool]
    scored = [(p, s) for p, s in scored if s > 0]
    scored.sort(key=lambda ps: (-ps[1], ps[0].id))
    return scored[:limit]


def known_industry(code: str) -> bool:
    """Whether ``code`` is a GB/T 4754-2017 section, division, group or class."""
    return rates.known_industry(code)
