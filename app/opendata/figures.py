"""Open statistics: monthly series and breakdowns for the public charts (aggregates only, no identities)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import distinct, func, select, union

from app import clock
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.industries import industries
from app.licences.models import Licence, Payment
from app.matches.models import Feedback, MatchNotice
from app.opendata.months import china_month, month_range
from app.pools.models import PoolLicence, PoolPayment
from app.stats.services import CONFIRMED, StatsFilter, decl_conditions, decl_ids, industry_sections

MAX_MONTHS = 36  # the charts show at most the last three years, month by month


@dataclass(frozen=True)
class Monthly:
    """Figures per month ('YYYY-MM', China time), aligned on `months`."""

    months: tuple[str, ...]
    declarations: tuple[int, ...]
    licences: tuple[int, ...]
    royalties: tuple[Decimal, ...]


@dataclass(frozen=True)
class Headline:
    """The front page's live figures."""

    announcements: int
    licences: int
    royalties: Decimal
    enterprises: int


def per_month(column: Any, value: Any, *conds: Any, joins: Any = ()) -> dict[str, Any]:
    """{'YYYY-MM': value} grouped by the China-time month of a timestamp column (SQLite and PostgreSQL)."""
    month = china_month(column)
    stmt = select(month, value)
    for target in joins:
        stmt = stmt.join(*target)
    rows = db.session.execute(stmt.where(column.is_not(None), *conds).group_by(month))
    return {m: v for m, v in rows}


def months_of(*series: dict[str, Any]) -> list[str]:
    today = clock.today().isoformat()[:7]
    keys = [k for s in series for k in s]
    months = month_range(min([*keys, today]), max([*keys, today]))
    return months[-MAX_MONTHS:]


def _royalties_by_month(f: StatsFilter) -> dict[str, Decimal]:
    """Confirmed licence royalties in scope; pool royalties too when unfiltered (a pool has no region)."""
    in_scope = Licence.declaration_id.in_(decl_ids(f))
    paid = per_month(
        Payment.paid_at,
        func.sum(Payment.amount),
        in_scope,
        CONFIRMED,
        joins=[(Licence, Payment.licence_id == Licence.id)],
    )
    totals: Counter[str] = Counter({m: Decimal(v or 0) for m, v in paid.items()})
    if not f.active:
        pools = per_month(
            Payment.paid_at,
            func.sum(Payment.amount),
            CONFIRMED,
            joins=[(PoolPayment, PoolPayment.payment_id == Payment.id)],
        )
        totals.update({m: Decimal(v or 0) for m, v in pools.items()})
    return {m: Decimal(v).quantize(Decimal("0.01")) for m, v in totals.items()}


def monthly(f: StatsFilter) -> Monthly:
    """Declarations published, licences in force and royalties paid, per month, within the filter."""
    decls = per_month(Declaration.published_at, func.count(Declaration.id), *decl_conditions(f))
    in_scope = Licence.declaration_id.in_(decl_ids(f))
    licences = per_month(Licence.in_force_at, func.count(Licence.id), in_scope)
    royalties = _royalties_by_month(f)
    months = months_of(decls, licences, royalties)
    return Monthly(
        months=tuple(months),
        declarations=tuple(int(decls.get(m, 0)) for m in months),
        licences=tuple(int(licences.get(m, 0)) for m in months),
        royalties=tuple(royalties.get(m, Decimal("0.00")) for m in months),
    )


def by_industry(f: StatsFilter) -> tuple[tuple[str, str, int], ...]:
    """Declarations in force per GB/T 4754 section: (letter, name, count); unknown codes under ''."""
    conds = [*decl_conditions(f), Declaration.status == DeclarationStatus.PUBLISHED]
    rows = db.session.execute(
        select(Declaration.industry_code, func.count(Declaration.id))
        .where(*conds)
        .group_by(Declaration.industry_code)
    )
    known = industries()
    totals: Counter[str] = Counter()
    for code, n in rows:
        totals[known[code]["section"] if code in known else ""] += n
    named = [(letter, name, totals[letter]) for letter, name in industry_sections() if totals[letter]]
    return (*named, *((("", "", totals[""]),) if totals[""] else ()))


def push_feedback(f: StatsFilter) -> dict[str, tuple[Any, ...]]:
    """Matches pushed and marked useful / not useful per month (the operator's view)."""
    in_scope = MatchNotice.declaration_id.in_(decl_ids(f))
    pushed = per_month(MatchNotice.created_at, func.count(MatchNotice.id), in_scope)
    fb_scope = Feedback.declaration_id.in_(decl_ids(f))
    useful = per_month(Feedback.created_at, func.count(Feedback.id), fb_scope, Feedback.useful.is_(True))
    not_useful = per_month(Feedback.created_at, func.count(Feedback.id), fb_scope, Feedback.useful.is_(False))
    months = months_of(pushed, useful, not_useful)
    return {
        "months": tuple(months),
        "pushed": tuple(int(pushed.get(m, 0)) for m in months),
        "useful": tuple(int(useful.get(m, 0)) for m in months),
        "not_useful": tuple(int(not_useful.get(m, 0)) for m in months),
    }


def _count(*conds: Any) -> int:
    return db.session.scalar(select(func.count()).where(*conds)) or 0


def _royalties_paid() -> Decimal:
    """Every royalty the receiving side confirmed (Patent Law 2020 Art. 51), never a payer's bare claim."""
    paid = db.session.scalar(select(func.sum(Payment.amount)).where(CONFIRMED))
    return Decimal(paid or 0).quantize(Decimal("0.01"))


def headline() -> Headline:
    """Announcements in force, licences granted (single and pool), royalties paid, enterprises served."""
    licensees = union(
        select(Licence.licensee_id).where(Licence.in_force_at.is_not(None)),
        select(PoolLicence.licensee_id).where(PoolLicence.in_force_at.is_not(None)),
    ).subquery()
    return Headline(
        announcements=_count(Declaration.status == DeclarationStatus.PUBLISHED),
        licences=_count(Licence.in_force_at.is_not(None)) + _count(PoolLicence.in_force_at.is_not(None)),
        royalties=_royalties_paid(),
        enterprises=db.session.scalar(select(func.count(distinct(licensees.c[0])))) or 0,
    )
