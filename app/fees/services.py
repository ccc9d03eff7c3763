"""Annual-fee services: a patent's fee position, recording fee payments, declaring a fee reduction.

Patent Law (2020) Art. 43–44; Implementing Rules (2023) Art. 115; the reductions in royalties/annual_fees.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from app import clock
from app.auth.models import Role, User
from app.db import in_chunks
from app.declarations.models import Declaration, DeclarationStatus
from app.errors import DomainError, Forbidden, ValidationFailed, clauses
from app.extensions import db
from app.fees.models import FeePayment
from app.i18n import N_
from app.integrations import royalties as bridge
from app.patents import services as patent_svc
from app.patents.importing import check_row_count
from app.patents.models import Patent
from app.patents.numbers import NumberError, normalise_application_number, normalise_publication_number
from royalties.types import FeeStatus, FeeYear

ANNOUNCED = (DeclarationStatus.PUBLISHED, DeclarationStatus.WITHDRAWN, DeclarationStatus.EXPIRED)
FEE_REDUCTION_CHOICES = (85, 70)
NO_DATES = N_("未填写申请日或授权公告日，无法计算年费（《专利法实施细则》（2023）第一百一十五条）。")


@dataclass(frozen=True)
class FeePaymentInput:
    year: int
    paid_on: date
    amount: Decimal


@dataclass(frozen=True)
class FeeRow:
    """One row of a fee-payment file: its input when well-formed, else its field errors."""

    row: int  # 1-based, counting data rows (the header is not a row)
    number: str
    payment: FeePaymentInput | None
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class FeeImportReport:
    recorded: list[FeePayment] = field(default_factory=list)
    rejected: list[patent_svc.RejectedRow] = field(default_factory=list)


def _published_period(decl: Declaration) -> tuple[date, date | None] | None:
    """The days a declaration stood published: announcement to withdrawal (or end of period), in China."""
    if decl.published_at is None:
        return None
    start = decl.published_at.astimezone(clock.SHANGHAI).date()
    if decl.withdrawn_at is not None:
        return start, decl.withdrawn_at.astimezone(clock.SHANGHAI).date()
    return start, decl.period_end if decl.status == DeclarationStatus.EXPIRED else None


def open_licence_periods(patent: Patent) -> tuple[tuple[date, date | None], ...]:
    """When the patent had an open licence published (the 15 % reduction applies to fees due then)."""
    announced = [decl for decl in patent.declarations if decl.status in ANNOUNCED]
    return tuple(period for decl in announced if (period := _published_period(decl)) is not None)


def open_licence_periods_of(patent_ids: Sequence[int]) -> dict[int, tuple[tuple[date, date | None], ...]]:
    """open_licence_periods for many patents at once (a query per IN_LIST_MAX patents), by patent id."""
    found: dict[int, list[tuple[date, date | None]]] = {}
    for chunk in in_chunks(patent_ids):
        query = select(Declaration).where(Declaration.patent_id.in_(chunk), Declaration.status.in_(ANNOUNCED))
        for decl in db.session.scalars(query):
            if (period := _published_period(decl)) is not None:
                found.setdefault(decl.patent_id, []).append(period)
    return {k: tuple(v) for k, v in found.items()}


def fee_position_of(patent: Patent) -> FeeStatus | None:
    """The patent's annual-fee position today, or None while its filing or grant date is unknown."""
    return fee_position_with(patent, open_licence_periods(patent))


def fee_position_with(patent: Patent, periods: tuple[tuple[date, date | None], ...]) -> FeeStatus | None:
    """The fee position given the patent's open-licence periods already read (see open_licence_periods_of)."""
    return bridge.fee_position(patent, periods, clock.today())


def patent_fees(actor: User, patent_id: int) -> FeeStatus | None:
    """A patent's annual fees today, for its owner, an operation centre or an admin; None without dates."""
    return fee_position_of(patent_svc.get_patent_for_viewer(actor, patent_id))


def _payment_errors(inp: FeePaymentInput, due: FeeYear, patent: Patent) -> dict[str, str]:
    errors: dict[str, str] = {}
    if inp.year != due.year:
        errors["year"] = _("应先登记第 %(n)s 年度的年费（年费按年度依次缴纳）。", n=due.year)
    if inp.paid_on > clock.today():
        errors["paid_on"] = _("缴费日期不能晚于今天。")
    elif patent.filing_date and inp.paid_on < patent.filing_date:
        errors["paid_on"] = _("缴费日期不能早于申请日。")
    elif inp.year == due.year and inp.paid_on >= due.grace_deadline:
        errors["paid_on"] = _(
            "第 %(n)s 年度年费的补缴期限 %(d)s 已过，专利权自缴费期限届满日 %(due)s 起终止"
            "（《专利法实施细则》（2023）第一百一十五条）；恢复权利须向国家知识产权局请求。",
            n=due.year,
            d=due.grace_deadline.isoformat(),
            due=due.due_date.isoformat(),
        )
    ceiling = bridge.highest_fee_payment(due)
    if not Decimal(0) < inp.amount <= ceiling:
        errors["amount"] = _(
            "金额应大于 0 且不超过 ¥%(max)s（当年全额年费加最高滞纳金）。", max=f"{ceiling:,.2f}"
        )
    return errors


def record_fee_payment(actor: User, patent_id: int, inp: FeePaymentInput) -> FeePayment:
    """Record the fee paid for the next unpaid patent year; "paid until" moves to that year's last day."""
    patent = patent_svc.get_patent_for_owner(actor, patent_id)
    position = fee_position_of(patent)
    if position is None or patent.filing_date is None:
        raise DomainError(_(NO_DATES))
    if position.next_due is None:
        raise DomainError(_("保护期内各年度年费均已缴纳。"))
    errors = _payment_errors(inp, position.next_due, patent)
    if errors:
        raise ValidationFailed(_("年费缴纳记录有误：%(detail)s", detail=clauses(errors.values())), errors)
    payment = FeePayment(
        patent=patent, year=inp.year, paid_on=inp.paid_on, amount=inp.amount, recorded_by=actor
    )
    db.session.add(payment)
    patent.annual_fee_paid_until = bridge.last_day_of_patent_year(patent.filing_date, inp.year)
    db.session.flush()
    return payment


def set_fee_reduction(actor: User, patent_id: int, pct: int | None) -> Patent:
    """Declare (85 % one owner, 70 % joint owners) or clear the owner's 费减 eligibility for this patent."""
    patent = patent_svc.get_patent_for_owner(actor, patent_id)
    if pct is not None and pct not in FEE_REDUCTION_CHOICES:
        raise ValidationFailed(
            _("费减比例只能是 85（单个权利人）或 70（共有权利人）。"), {"fee_reduction_pct": _("比例无效。")}
        )
    patent.fee_reduction_pct = pct
    db.session.flush()
    return patent


def _numbers(raw: str) -> set[str]:
    found = set()
    for normalise in (normalise_publication_number, normalise_application_number):
        try:
            found.add(normalise(raw))
        except NumberError:
            continue
    return found


def _own_patent(actor: User, raw: str) -> Patent | None:
    numbers = _numbers(raw)
    if not numbers:
        return None
    query = select(Patent).where(
        Patent.owner_id == actor.id,
        or_(Patent.publication_number.in_(numbers), Patent.application_number.in_(numbers)),
    )
    return db.session.scalars(query).first()


def _import_row(actor: User, row: FeeRow) -> FeePayment:
    if row.payment is None:
        raise ValidationFailed(_("该行有误。"), row.errors)
    patent = _own_patent(actor, row.number)
    if patent is None:
        message = _("您登记的专利中没有 %(no)s。", no=row.number)
        raise ValidationFailed(message, {"patent_number": message})
    with db.session.begin_nested():
        try:
            return record_fee_payment(actor, patent.id, row.payment)
        except IntegrityError:
            message = _("第 %(n)s 年度的年费已登记。", n=row.payment.year)
            raise ValidationFailed(message, {"year": message}) from None


def import_fee_payments(actor: User, rows: Sequence[FeeRow]) -> FeeImportReport:
    """Record the good rows together (in file order, so one patent's years may follow each other); report each
    bad row with its row number and reasons."""
    if not actor.has_role(Role.PATENTEE):
        raise Forbidden(_("只有专利权人可以导入年费缴纳记录。"))
    check_row_count(rows)
    report = FeeImportReport()
    for row in rows:
        try:
            report.recorded.append(_import_row(actor, row))
        except DomainError as err:
            errors = err.fields or {"row": err.message}
            report.rejected.append(
                patent_svc.RejectedRow(row=row.row, number=row.number, errors=dict(errors))
            )
    return report
