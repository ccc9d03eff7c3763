"""An introduction: a patentee or an operator tells a ranked enterprise about a published declaration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.declarations.models import InboxItem
from app.extensions import db


class Introduction(InboxItem, db.Model):  # type: ignore[name-defined]
    """One inbox message to one enterprise about one declaration; never twice (unique pair)."""

    __tablename__ = "introductions"
    __table_args__ = (UniqueConstraint("declaration_id", "enterprise_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    message: Mapped[str] = mapped_column(Text)
    reply: Mapped[str] = mapped_column(Text, default="")
    replied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    enterprise: Mapped[User] = relationship(foreign_keys=[enterprise_id])
    sender: Mapped[User] = relationship(foreign_keys=[sender_id])
