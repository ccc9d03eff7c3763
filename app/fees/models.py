"""Annual-fee payments a patentee records (what was paid to CNIPA for which patent year)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.db import Money
from app.extensions import db
from app.patents.models import Patent


class FeePayment(db.Model):  # type: ignore[name-defined]
    """One annual fee paid for one patent year (each year once)."""

    __tablename__ = "fee_payments"
    __table_args__ = (UniqueConstraint("patent_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    patent: Mapped[Patent] = relationship()
    recorded_by: Mapped[User] = relationship()


class FeeCalendarFeed(db.Model):  # type: ignore[name-defined]
    """A patentee's secret calendar feed; only the SHA-256 of its secret is kept (shown once)."""

    __tablename__ = "fee_calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
