"""Market statistics for operation centres: SQL aggregates over patents, declarations, licences and pools."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import String, and_, cast, func, select

from app.auth.models import Organisation
from app.db import money_sum
from app.declarations.models import Declaration, DeclarationStatus
from app.errors import ValidationFailed
from app.extensions import db
from app.industries import PROVINCES, industries
from app.licences.models import Licence, LicenceStatus, Payment, PaymentStatus
from app.matches.models import Feedback, MatchNotice
from app.patents.models import LegalStatus, Patent, PatentKind
from app.pools.models import Pool, PoolLicence, PoolLicenceStatus, PoolPayment, PoolStatus
from app.stats.high_value import HighValueStats, high_value_stats

IPC_SECTIONS = tuple("ABCDEFGH")
# Royalty figures count payments the receiving side confirmed, never a payer's unconfirmed claim.
CONFIRMED = Payment.status == PaymentStatus.CONFIRMED


@dataclass(frozen=True)
class StatsFilter:
    province: str = ""
    industry_section: str = ""
    ipc_section: str = ""

    @property
    def active(self) -> bool:
        return bool(self.province or self.industry_section or self.ipc_section)


@dataclass(frozen=True)
class Stats:
    patents: int
    high_value: HighValueStats  # CNIPA's five categories (app/highvalue), per category, region and SEI
    inventions_filing_unknown: int  # granted inventions without a filing date: category 3 undecidable
    published: int
    by_fee_method: tuple[tuple[str, int], ...]
    by_ipc_section: tuple[tuple[str, int], ...]
    by_province: tuple[tuple[str, int], ...]
    licences_in_force: int
    licence_payments: Decimal
    pool_payments: Decimal
    matches_pushed: int
    matches_useful: int
    open_pools: int
    pool_licences_in_force: int

    @property
    def payments_total(self) -> Decimal:
        return self.licence_payments + self.pool_payments

    @property
    def useful_share_pct(self) -> Decimal | None:
        if not self.matches_pushed:
            return None
        return (Decimal(100) * self.matches_useful / self.matches_pushed).quantize(Decimal("0.1"))


def industry_sections() -> list[tuple[str, str]]:
    """GB/T 4754 sections (A–T) as (letter, name)."""
    return [(c, row["name"]) for c, row in industries().items() if row["level"] == "1"]


def parse_filter(province: str, industry_section: str, ipc_section: str) -> StatsFilter:
    """Check the filter values (from a query string); unknown values raise ValidationFailed."""
    f = StatsFilter(province.strip(), industry_section.strip().upper(), ipc_section.strip().upper())
    errors: dict[str, str] = {}
    if f.province and f.province not in PROVINCES:
        errors["province"] = _("未知的省份。")
    if f.industry_section and f.industry_section not in dict(industry_sections()):
        errors["industry_section"] = _("未知的国民经济行业门类（GB/T 4754，A–T）。")
    if f.ipc_section and f.ipc_section not in IPC_SECTIONS:
        errors["ipc_section"] = _("未知的 IPC 部（A–H）。")
    if errors:
        raise ValidationFailed(_("筛选条件有误。"), errors)
    return f


def _owners_in(province: str) -> Any:
    return select(Organisation.owner_id).where(Organisation.province == province)


def decl_conditions(f: StatsFilter) -> list[Any]:
    conds: list[Any] = []
    if f.province:
        conds.append(Declaration.owner_id.in_(_owners_in(f.province)))
    if f.industry_section:
        # industry_code is a section letter or a division/group/class code; all map to one section.
        codes = [c for c, row in industries().items() if row["section"] == f.industry_section]
        conds.append(Declaration.industry_code.in_(codes))
    if f.ipc_section:
        conds.append(Declaration.in_ipc_section(f.ipc_section))
    return conds


def decl_ids(f: StatsFilter) -> Any:
    return select(Declaration.id).where(*decl_conditions(f))


def _patent_conditions(f: StatsFilter) -> list[Any]:
    # A patent has no industry code; the industry filter applies to declarations only.
    conds: list[Any] = []
    if f.province:
        conds.append(Patent.owner_id.in_(_owners_in(f.province)))
    if f.ipc_section:
        # ipc_codes is a JSON list of strings: '["G01D", ...]' on SQLite and PostgreSQL alike.
        conds.append(cast(Patent.ipc_codes, String).like(f'%"{f.ipc_section}%'))
    return conds


def _count(*conds: Any, of: Any) -> int:
    return db.session.scalar(select(func.count(of)).where(*conds)) or 0


def _filing_unknown(f: StatsFilter) -> int:
    return _count(
        *_patent_conditions(f),
        Patent.kind == PatentKind.INVENTION,
        Patent.legal_status == LegalStatus.GRANTED,
        Patent.filing_date.is_(None),
        of=Patent.id,
    )


def _grouped(column: Any, conds: list[Any], join: Any = None) -> list[tuple[Any, int]]:
    stmt = select(column, func.count(Declaration.id))
    if join is not None:
        stmt = stmt.join(*join, isouter=True)
    rows = db.session.execute(stmt.where(*conds).group_by(column).order_by(column))
    return [(key, n) for key, n in rows]


def _by_ipc_section(conds: list[Any]) -> tuple[tuple[str, int], ...]:
    totals = dict.fromkeys(IPC_SECTIONS, 0)
    for sections, n in _grouped(Declaration.ipc_sections, conds):
        for letter in (sections or "").split(","):
            if letter in totals:
                totals[letter] += n
    return tuple(totals.items())


def _published(f: StatsFilter) -> tuple[int, Any, Any, Any]:
    conds = [*decl_conditions(f), Declaration.status == DeclarationStatus.PUBLISHED]
    fee = _grouped(Declaration.fee_method, conds)
    region = _grouped(
        Organisation.province, conds, join=(Organisation, Organisation.owner_id == Declaration.owner_id)
    )
    by_fee = tuple((m.value if m else "", n) for m, n in fee)
    by_region = tuple(sorted(((p or "", n) for p, n in region), key=lambda r: -r[1]))
    return _count(*conds, of=Declaration.id), by_fee, _by_ipc_section(conds), by_region


def _money(stmt: Any) -> Decimal:
    total: Decimal = db.session.scalar(stmt)
    return total


def _licences(f: StatsFilter) -> tuple[int, Decimal]:
    in_scope = Licence.declaration_id.in_(decl_ids(f))
    in_force = _count(in_scope, Licence.status == LicenceStatus.IN_FORCE, of=Licence.id)
    paid = _money(
        select(money_sum(Payment.amount))
        .join(Licence, Payment.licence_id == Licence.id)
        .where(in_scope, CONFIRMED)
    )
    return in_force, paid


def _matches(f: StatsFilter) -> tuple[int, int]:
    in_scope = MatchNotice.declaration_id.in_(decl_ids(f))
    pushed = _count(in_scope, of=MatchNotice.id)
    same_pair = and_(
        Feedback.user_id == MatchNotice.user_id, Feedback.declaration_id == MatchNotice.declaration_id
    )
    useful = db.session.scalar(
        select(func.count(MatchNotice.id))
        .join(Feedback, same_pair)
        .where(in_scope, Feedback.useful.is_(True))
    )
    return pushed, useful or 0


def _pools() -> tuple[int, int, Decimal]:
    open_pools = _count(Pool.status == PoolStatus.OPEN, of=Pool.id)
    licences = _count(PoolLicence.status == PoolLicenceStatus.IN_FORCE, of=PoolLicence.id)
    paid = _money(
        select(money_sum(Payment.amount))
        .join(PoolPayment, PoolPayment.payment_id == Payment.id)
        .where(CONFIRMED)
    )
    return open_pools, licences, paid


def market_stats(f: StatsFilter) -> Stats:
    """Platform figures within the filter (today's); pool figures are platform-wide (a pool has no region)."""
    published, by_fee, by_ipc, by_region = _published(f)
    licences_in_force, licence_paid = _licences(f)
    pushed, useful = _matches(f)
    open_pools, pool_licences, pool_paid = _pools()
    return Stats(
        patents=_count(*_patent_conditions(f), of=Patent.id),
        high_value=high_value_stats(_patent_conditions(f)),
        inventions_filing_unknown=_filing_unknown(f),
        published=published,
        by_fee_method=by_fee,
        by_ipc_section=by_ipc,
        by_province=by_region,
        licences_in_force=licences_in_force,
        licence_payments=licence_paid,
        pool_payments=pool_paid,
        matches_pushed=pushed,
        matches_useful=useful,
        open_pools=open_pools,
        pool_licences_in_force=pool_licences,
    )
