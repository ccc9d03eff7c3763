"""Licences taken under an open licence (Art. 51): written notice, payment, sales reports."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.db import Money, TimestampMixin
from app.declarations.models import Declaration
from app.extensions import db
from app.i18n import N_


class LicenceStatus(enum.StrEnum):
    NOTIFIED = "notified"  # notice reached the patentee; payment due before exploitation
    IN_FORCE = "in_force"  # notice and the payment due at taking both exist
    ENDED = "ended"


LICENCE_STATUS_LABELS = {
    LicenceStatus.NOTIFIED: N_("已通知，待付款"),
    LicenceStatus.IN_FORCE: N_("已生效"),
    LicenceStatus.ENDED: N_("已终止"),
}


class Licence(TimestampMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "licences"
    __table_args__ = (UniqueConstraint("declaration_id", "licensee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), index=True)
    licensee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[LicenceStatus] = mapped_column(
        Enum(LicenceStatus, native_enum=False, length=20), default=LicenceStatus.NOTIFIED
    )
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
    def status_label(self) -> str:
        return LICENCE_STATUS_LABELS[self.status]


class Payment(db.Model):  # type: ignore[name-defined,misc]
    """A royalty payment record (no gateway): amount in CNY, the payer's reference, and when."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int | None] = mapped_column(ForeignKey("licences.id"), index=True)
    payer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    purpose: Mapped[str] = mapped_column(String(30), default="licence")
    paid_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    licence: Mapped[Licence | None] = relationship(back_populates="payments")


class SalesReport(db.Model):  # type: ignore[name-defined,misc]
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
