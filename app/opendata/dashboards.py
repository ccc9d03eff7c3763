"""Dashboard figures for patentees and enterprises: a chart each, today's counts and the next reports due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app import clock
from app.auth.models import User
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod
from app.extensions import db
from app.licences.models import Licence, LicenceStatus, Payment, SalesReport
from app.opendata.charts import Chart, Series, as_json
from app.opendata.figures import months_of, per_month
from app.stats.services import CONFIRMED

# Fee methods paid with periodic sales reports (Patent Law 2020 Art. 51: the announced payment standard).
REPORTED = (FeeMethod.RUNNING_ROYALTY, FeeMethod.PER_UNIT, FeeMethod.ENTRY_PLUS_RUNNING)
REPORT_GRACE_DAYS = 30  # a quarter's report is expected within 30 days after the quarter ends


@dataclass(frozen=True)
class NextReport:
    licence: Licence
    period_start: date
    period_end: date
    due_on: date

    @property
    def overdue(self) -> bool:
        return self.due_on < clock.today()


@dataclass(frozen=True)
class Dashboard:
    counts: tuple[tuple[str, Any], ...]
    chart: Chart
    next_reports: list[NextReport]

    @property
    def chart_json(self) -> dict[str, Any]:
        return as_json([self.chart])


def quarter_end(day: date) -> date:
    """The last day of the calendar quarter of ``day``."""
    last_month = (day.month - 1) // 3 * 3 + 3
    first_after = date(day.year + 1, 1, 1) if last_month == 12 else date(day.year, last_month + 1, 1)
    return first_after - timedelta(days=1)


def next_period(start: date, last_end: date | None, licence_end: date | None) -> tuple[date, date] | None:
    """The next reporting quarter after the last reported period (or from the licence's start)."""
    begin = max(start, last_end + timedelta(days=1)) if last_end else start
    if licence_end and begin > licence_end:
        return None  # everything up to the end of the licence term is reported
    end = quarter_end(begin)
    return begin, min(end, licence_end) if licence_end else end


def _china_date(at: datetime) -> date:
    aware = at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite hands back naive UTC
    return aware.astimezone(clock.SHANGHAI).date()


def _next_report(licence: Licence, last_end: date | None) -> NextReport | None:
    decl = licence.declaration
    started = _china_date(licence.in_force_at) if licence.in_force_at else clock.today()
    period = next_period(max(filter(None, (decl.period_start, started))), last_end, decl.period_end)
    if period is None:
        return None
    return NextReport(licence, period[0], period[1], period[1] + timedelta(days=REPORT_GRACE_DAYS))


def next_reports(*conds: Any) -> list[NextReport]:
    """The next sales report of each reported licence in force matching conds, soonest due first."""
    last = (
        select(SalesReport.licence_id, func.max(SalesReport.period_end).label("last_end"))
        .group_by(SalesReport.licence_id)
        .subquery()
    )
    stmt = (
        select(Licence, last.c.last_end)
        .join(Declaration, Licence.declaration_id == Declaration.id)
        .outerjoin(last, last.c.licence_id == Licence.id)
        .where(Licence.status == LicenceStatus.IN_FORCE, Declaration.fee_method.in_(REPORTED), *conds)
        .options(joinedload(Licence.declaration).joinedload(Declaration.patent), joinedload(Licence.licensee))
    )
    found = (_next_report(licence, last_end) for licence, last_end in db.session.execute(stmt).unique())
    return sorted((r for r in found if r), key=lambda r: (r.due_on, r.licence.id))


def _paid(*conds: Any) -> Decimal:
    """Confirmed royalties only: a claim the patentee has not confirmed is not paid (Art. 51)."""
    stmt = select(func.sum(Payment.amount)).join(Licence, Payment.licence_id == Licence.id)
    stmt = stmt.join(Declaration, Licence.declaration_id == Declaration.id)
    return Decimal(db.session.scalar(stmt.where(CONFIRMED, *conds)) or 0).quantize(Decimal("0.01"))


def _count(*conds: Any) -> int:
    return db.session.scalar(select(func.count(Declaration.id)).where(*conds)) or 0


def _licence_count(*conds: Any) -> int:
    stmt = select(func.count(Licence.id)).join(Declaration, Licence.declaration_id == Declaration.id)
    return db.session.scalar(stmt.where(Licence.status == LicenceStatus.IN_FORCE, *conds)) or 0


def patentee_dashboard(actor: User) -> Dashboard:
    """Royalties received per month, today's counts, and the sales reports expected next from licensees."""
    mine = Declaration.owner_id == actor.id
    joins = [
        (Licence, Payment.licence_id == Licence.id),
        (Declaration, Licence.declaration_id == Declaration.id),
    ]
    received = per_month(Payment.paid_at, func.sum(Payment.amount), mine, CONFIRMED, joins=joins)
    months = months_of(received)[-12:]
    chart = Chart(
        "chart-received", _("每月收到的许可使用费（元）"), "bar", tuple(months),
        (Series(_("使用费（元）"), tuple(float(received.get(m) or 0) for m in months)),), money=True,
    )  # fmt: skip
    counts = (
        (_("公告中的声明"), _count(mine, Declaration.status == DeclarationStatus.PUBLISHED)),
        (_("生效中的许可"), _licence_count(mine)),
        (_("累计收到的使用费（元）"), _paid(mine)),
    )
    return Dashboard(counts, chart, next_reports(mine))


def enterprise_dashboard(actor: User) -> Dashboard:
    """Licences held per month (cumulative), today's counts, and the next sales reports due."""
    held = Licence.licensee_id == actor.id
    started = per_month(Licence.in_force_at, func.count(Licence.id), held)
    months = months_of(started)[-12:]
    before = sum(int(n) for m, n in started.items() if m < months[0])
    running = [before + sum(int(started.get(x, 0)) for x in months[: i + 1]) for i in range(len(months))]
    chart = Chart(
        "chart-held",
        _("持有的开放许可（累计）"),
        "line",
        tuple(months),
        (Series(_("许可数"), tuple(running)),),
    )
    counts = (
        (_("生效中的许可"), _licence_count(held)),
        (_("累计支付的使用费（元）"), _paid(Payment.payer_id == actor.id)),
    )
    return Dashboard(counts, chart, next_reports(held))
