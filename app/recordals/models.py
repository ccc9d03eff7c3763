"""A licence's recordal with CNIPA: the date and the recordal number, marked by the patentee or licensee."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.extensions import db


class LicenceRecordal(db.Model):  # type: ignore[name-defined]
    __tablename__ = "licence_recordals"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(ForeignKey("licences.id"), unique=True)
    recorded_on: Mapped[date] = mapped_column(Date)
    recordal_number: Mapped[str] = mapped_column(String(20))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    recorded_by: Mapped[User] = relationship()
