"""Licences taken under an open licence (Art. 51): written notice, payment, sales reports."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.db import Money, TimestampMixin, enum_type
from app.declarations.models import Declaration
from app.extensions import db
from app.i18n import N_, Labelled


class LicenceStatus(Labelled):
    # notice reached the patentee; payment due before exploitation
    NOTIFIED = "notified", N_("已通知，待付款")
    # notice given, payment claimed; the patentee has not confirmed it
    PAYMENT_PENDING = "payment_pending", N_("已通知，待专利权人确认收款")
    # notice given and the payment due at taking confirmed (or nothing was due)
    IN_FORCE = "in_force", N_("已生效")
    # the patentee disputes the claimed payment: in mediation (Art. 52)
    DISPUTED = "disputed", N_("付款有争议，调解中")
    # the dispute ended with the payment refunded and the licence cancelled
    CANCELLED = "cancelled", N_("已撤销")
    ENDED = "ended", N_("已终止")


class PaymentStatus(Labelled):
    """Claimed by the payer, then confirmed by the receiving side (or its provider) or disputed."""

    CLAIMED = "claimed", N_("待确认收款")
    CONFIRMED = "confirmed", N_("已确认收款")
    DISPUTED = "disputed", N_("有争议")
    REFUNDED = "refunded", N_("已退款")  # the dispute ended with the payment refunded


class Licence(TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "licences"
    __table_args__ = (UniqueConstraint("declaration_id", "licensee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), index=True)
    licensee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[LicenceStatus] = mapped_column(enum_type(LicenceStatus), default=LicenceStatus.NOTIFIED)
    notice: Mapped[str] = mapped_column(Text)
    notice_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    in_force_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    declaration: Mapped[Declaration] = relationship()
    licensee: Mapped[User] = relationship()
    payments: Mapped[list[Payment]] = relationship(back_populates="licence", order_by="Payment.id")
    reports: Mapped[list[SalesReport]] = relationship(
        back_populates="licence", order_by="SalesReport.period_start"
    )

    @property
    def upfront_payment(self) -> Payment | None:
        """The payment claimed with the notice (lump sum or entry fee), if one was due."""
        return next((p for p in self.payments if p.purpose == "licence"), None)


class Payment(db.Model):  # type: ignore[name-defined]
    """A payment claimed by the payer (amount in CNY, reference, when, an optional receipt), confirmed by
    the payee (the patentee, or the pool's operator) or by a payment provider's signed callback."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int | None] = mapped_column(ForeignKey("licences.id"), index=True)
    payer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    purpose: Mapped[str] = mapped_column(String(30), default="licence")
    paid_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)  # when claimed
    payee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[PaymentStatus] = mapped_column(
        enum_type(PaymentStatus), default=PaymentStatus.CLAIMED, index=True
    )
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_via: Mapped[str] = mapped_column(String(20), default="")  # payee | provider | mediation
    overdue_alerted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    receipt_sha256: Mapped[str] = mapped_column(String(64), default="")
    receipt_name: Mapped[str] = mapped_column(String(200), default="")
    receipt_type: Mapped[str] = mapped_column(String(50), default="")
    licence: Mapped[Licence | None] = relationship(back_populates="payments")
    payer: Mapped[User] = relationship(foreign_keys=[payer_id])
    payee: Mapped[User | None] = relationship(foreign_keys=[payee_id])

    @property
    def claimed_at(self) -> datetime:
        return self.paid_at


class SalesReport(db.Model):  # type: ignore[name-defined]
    """A licensee's periodic sales report; fee_due is computed by royalties.running from the standard."""

    __tablename__ = "sales_reports"
    __table_args__ = (UniqueConstraint("licence_id", "period_start", "period_end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(ForeignKey("licences.id"), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    net_sales: Mapped[Decimal] = mapped_column(Money)
    units: Mapped[int] = mapped_column(Integer, default=0)
    fee_due: Mapped[Decimal] = mapped_column(Money)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    licence: Mapped[Licence] = relationship(back_populates="reports")
    payment: Mapped[Payment | None] = relationship()
