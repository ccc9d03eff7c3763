"""Annual fees over the API: a patent's fee schedule and what is due now (Rules 2023 Art. 115)."""

from __future__ import annotations

from datetime import date

from flask import jsonify
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, token_required
from app.api.schema import DateReq, DecimalReq, DecimalText, In, Integer, Money, Out, api_route
from app.auth.models import Role
from app.errors import DomainError
from app.extensions import db
from app.fees.services import NO_DATES, FeePaymentInput, patent_fees, record_fee_payment
from royalties.types import FeeStatus, ReductionBasis, YearStatus


class FeeYear(Out):
    year: int = Field(description="patent year, counted from the filing date")
    due_date: date
    full_amount: DecimalText = Field(description="CNY as a decimal string")
    reduction_pct: DecimalText
    reduction_basis: ReductionBasis | None
    amount: DecimalText = Field(description="CNY, what to pay now, before any surcharge")
    status: YearStatus


class Grace(Out):
    deadline: date
    months_late: int
    surcharge: DecimalText = Field(description="CNY as a decimal string")


class FeePosition(Out):
    patent_year: int
    paid_until: date | None
    next_due: FeeYear | None
    grace: Grace | None = Field(description="The grace period of next_due, when it is in one")
    schedule: list[FeeYear]

    @classmethod
    def of(cls, position: FeeStatus) -> FeePosition:
        due = position.next_due
        grace = None
        if due is not None and due.status is YearStatus.GRACE:
            grace = Grace(deadline=due.grace_deadline, months_late=due.months_late, surcharge=due.surcharge)
        return cls.of_row(position, grace=grace, schedule=list(position.schedule))


class FeePayment(In):
    problem = _l("年费缴纳记录有误。")
    messages = {"year": _l("必须是整数（专利年度）。")}
    year: Integer
    paid_on: DateReq
    amount: DecimalReq


class FeePaid(Out):
    year: int
    paid_on: date
    amount: Money


class FeePaymentRecorded(Out):
    payment: FeePaid
    fees: FeePosition


def _fees_of(patent_id: int) -> FeePosition:
    position = patent_fees(api_user(), patent_id)
    if position is None:
        raise DomainError(_(NO_DATES))
    return FeePosition.of(position)


@api_route(
    "get",
    "/patents/<int:patent_id>/fees",
    {"200": ("The fee position today", FeePosition)},
    errors=("401", "403", "404", "409"),
)
@token_required(Role.PATENTEE, Role.OPERATOR)
def patents_fees(patent_id: int) -> Response:
    """Annual fees: schedule, next fee due, grace and surcharge (owner, operation centre)"""
    return jsonify(_fees_of(patent_id).dump())


@api_route(
    "post",
    "/patents/<int:patent_id>/fee-payments",
    {"201": ("Recorded; the payment and the new fee position", FeePaymentRecorded)},
    body=FeePayment,
)
@token_required(Role.PATENTEE)
def patents_fee_payments(patent_id: int) -> tuple[Response, int]:
    """Record the annual fee paid for the next unpaid patent year (the patent's owner)"""
    data = FeePayment.parse()
    inp = FeePaymentInput(year=data.year, paid_on=data.paid_on, amount=data.amount)
    payment = record_fee_payment(api_user(), patent_id, inp)
    db.session.commit()
    paid = FeePaid.of_row(payment)
    return jsonify(FeePaymentRecorded(payment=paid, fees=_fees_of(patent_id)).dump()), 201
