"""Industry alliances (产业联盟) run by operation centres, and their member organisations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import Organisation, User
from app.db import TimestampMixin, enum_type
from app.extensions import db
from app.i18n import N_, Labelled


class MemberStatus(Labelled):
    INVITED = "invited", N_("已邀请")
    ACCEPTED = "accepted", N_("已加入")
    DECLINED = "declined", N_("已谢绝")


class Alliance(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """An industry alliance (产业联盟) run by an operation centre."""

    __tablename__ = "alliances"

    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    industry_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    region: Mapped[str] = mapped_column(String(100), default="")
    charter: Mapped[str] = mapped_column(Text, default="")
    operator: Mapped[User] = relationship()
    members: Mapped[list[AllianceMember]] = relationship(
        back_populates="alliance", order_by="AllianceMember.id"
    )

    @property
    def accepted_members(self) -> list[AllianceMember]:
        return [m for m in self.members if m.status is MemberStatus.ACCEPTED]


class AllianceMember(db.Model):  # type: ignore[name-defined]
    __tablename__ = "alliance_members"
    __table_args__ = (UniqueConstraint("alliance_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alliance_id: Mapped[int] = mapped_column(ForeignKey("alliances.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    status: Mapped[MemberStatus] = mapped_column(enum_type(MemberStatus), default=MemberStatus.INVITED)
    invited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    alliance: Mapped[Alliance] = relationship(back_populates="members")
    organisation: Mapped[Organisation] = relationship()
