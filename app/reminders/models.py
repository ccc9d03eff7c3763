"""A reminder delivered to one user: shown in the in-app list, e-mailed once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.extensions import db


class Reminder(db.Model):  # type: ignore[name-defined]
    """One reminder; the unique key makes each (user, kind, subject, due key) happen once."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("user_id", "kind", "subject", "due_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # e.g. annual_fee, recordal
    subject: Mapped[str] = mapped_column(String(80))  # what it is about, e.g. patent:12
    due_key: Mapped[str] = mapped_column(String(80))  # which occasion, e.g. 2027-03-01/d30
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(300), default="")  # a path inside the app
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    mail_attempts: Mapped[int] = mapped_column(Integer, default=0)
    mail_error: Mapped[str] = mapped_column(Text, default="")
    user: Mapped[User] = relationship()
