"""Payment disputes (Patent Law 2020 Art. 52) and the payment provider's confirmed events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.db import enum_type
from app.extensions import db
from app.i18n import N_, Labelled
from app.licences.models import Payment


class DisputeRoute(Labelled):
    """The three routes of Patent Law 2020 Art. 52."""

    NEGOTIATION = "negotiation", N_("双方协商")
    CNIPA_MEDIATION = "cnipa_mediation", N_("国务院专利行政部门调解")
    COURT = "court", N_("人民法院判决或调解")


class DisputeOutcome(Labelled):
    # the payment was received after all: the licence goes into force
    CONFIRMED = "confirmed", N_("确认已收款，许可生效")
    # the payment is refunded (or was never made): the licence is cancelled
    REFUNDED = "refunded", N_("付款已退回，许可撤销")


class PaymentDispute(db.Model):  # type: ignore[name-defined]
    """The receiving side disputes a claimed payment; an operator records how the case ended."""

    __tablename__ = "payment_disputes"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), unique=True)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    route: Mapped[DisputeRoute | None] = mapped_column(enum_type(DisputeRoute))
    outcome: Mapped[DisputeOutcome | None] = mapped_column(enum_type(DisputeOutcome))
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    payment: Mapped[Payment] = relationship()
    raised_by: Mapped[User] = relationship(foreign_keys=[raised_by_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


class ProviderEvent(db.Model):  # type: ignore[name-defined]
    """One payment provider callback applied; its event id makes a repeated callback a no-op."""

    __tablename__ = "payment_provider_events"
    __table_args__ = (UniqueConstraint("provider", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(30))
    event_id: Mapped[str] = mapped_column(String(100))
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    payment: Mapped[Payment] = relationship()
