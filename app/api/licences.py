"""Licences over the API: take a licence (notice + payment, idempotent), list, read, sales reports."""

from __future__ import annotations

from datetime import date
from typing import Literal

from flask import jsonify
from pydantic import Field
from werkzeug.wrappers import Response

from app.api.core import api_user, token_required
from app.api.schema import (
    DateReq,
    DecimalIn,
    DecimalReq,
    In,
    Instant,
    Integer,
    Money,
    Out,
    TextOrNull,
    api_route,
    committed,
)
from app.auth.models import Role
from app.licences import models as lm
from app.licences import services as svc
from app.payments.models import DisputeOutcome
from app.payments.services import dispute_of


class Payment(Out):
    """A payment: the payer's claim, and its confirmation or dispute by the receiving side."""

    id: int
    amount: Money
    currency: str = Field(examples=["CNY"])
    reference: str
    purpose: Literal["licence", "royalty", "pool_licence", "pool", "cross_balance"]
    status: lm.PaymentStatus
    paid_at: Instant
    claimed_at: Instant
    confirmed_at: Instant | None
    confirmed_via: Literal["payee", "provider", "mediation"] | None
    receipt_sha256: str | None
    disputed_at: Instant | None
    disputed_reason: str | None
    dispute_outcome: DisputeOutcome | None

    @classmethod
    def of(cls, p: lm.Payment) -> Payment:
        dispute = dispute_of(p)
        return cls.of_row(
            p,
            confirmed_via=p.confirmed_via or None,
            receipt_sha256=p.receipt_sha256 or None,
            disputed_at=dispute.raised_at if dispute else None,
            disputed_reason=dispute.reason if dispute else None,
            dispute_outcome=dispute.outcome if dispute else None,
        )


class SalesReport(Out):
    id: int
    licence_id: int
    period_start: date
    period_end: date
    net_sales: Money
    units: int
    fee_due: Money
    payment: Payment | None

    @classmethod
    def of(cls, r: lm.SalesReport) -> SalesReport:
        return cls.of_row(r, payment=Payment.of(r.payment) if r.payment else None)


class Licence(Out):
    id: int
    declaration_id: int
    licensee_id: int
    patentee_id: int
    patent_number: str
    notice: str
    notice_at: Instant
    in_force_at: Instant | None
    payment_reference: str | None
    amount: Money = Field(description="The payment due at taking (0.00 when nothing was due)")
    currency: Literal["CNY"]
    status: lm.LicenceStatus = Field(
        description="payment_pending until the patentee or the payment provider confirms the payment due at "
        "taking; in_force at once when nothing is due"
    )
    payment: Payment | None = Field(description="The payment due at taking")
    payments: list[Payment]
    reports: list[SalesReport]

    @classmethod
    def of(cls, licence: lm.Licence) -> Licence:
        first = licence.upfront_payment
        return cls.of_row(
            licence,
            patentee_id=licence.declaration.owner_id,
            patent_number=licence.declaration.patent.number,
            payment_reference=first.reference if first else None,
            amount=first.amount if first else 0,
            currency="CNY",
            payment=Payment.of(first) if first else None,
            payments=[Payment.of(p) for p in licence.payments],
            reports=[SalesReport.of(r) for r in licence.reports],
        )


class Licences(Out):
    items: list[Licence]
    total: int


class TakeLicence(In):
    notice: TextOrNull = ""
    payment_reference: TextOrNull = ""
    amount: DecimalIn = None


class SalesReportInput(In):
    period_start: DateReq
    period_end: DateReq
    net_sales: DecimalReq
    units: Integer = Field(0, json_schema_extra={"minimum": 0})
    payment_reference: TextOrNull = ""


@api_route(
    "post",
    "/declarations/<int:decl_id>/licences",
    {
        "201": ("Licence taken", Licence),
        "200": ("Already taken: the same licence, nothing recorded", Licence),
    },
    body=TakeLicence,
)
@token_required(Role.ENTERPRISE)
def licences_take(decl_id: int) -> tuple[Response, int]:
    """Take a licence: written notice + the claimed payment due now (lump sum or entry fee); payment_pending
    until the patentee confirms; idempotent, also under concurrent duplicates"""
    data = TakeLicence.parse()
    licence, created = svc.take_licence(api_user(), decl_id, data.notice, data.payment_reference, data.amount)
    return committed(Licence.of(licence), 201 if created else 200)


@api_route("get", "/licences", {"200": ("OK", Licences)})
@token_required(Role.ENTERPRISE, Role.PATENTEE)
def licences_index() -> Response:
    """Licences where the caller is licensee or patentee"""
    items = [Licence.of(licence) for licence in svc.licences_for(api_user())]
    return jsonify(Licences(items=items, total=len(items)).dump())


@api_route("get", "/licences/<int:licence_id>", {"200": ("OK", Licence)})
@token_required(Role.ENTERPRISE, Role.PATENTEE)
def licences_get(licence_id: int) -> Response:
    """One licence (parties only)"""
    return jsonify(Licence.of(svc.get_licence(api_user(), licence_id)).dump())


@api_route(
    "post", "/licences/<int:licence_id>/reports", {"201": ("Filed", SalesReport)}, body=SalesReportInput
)
@token_required(Role.ENTERPRISE)
def licences_report(licence_id: int) -> tuple[Response, int]:
    """File a sales report; fee_due is computed from the announced standard"""
    d = SalesReportInput.parse()
    report = svc.file_sales_report(
        api_user(), licence_id, d.period_start, d.period_end, d.net_sales, d.units, d.payment_reference
    )
    return committed(SalesReport.of(report), 201)
