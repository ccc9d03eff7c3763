"""Cross-licence proposals (交叉许可), their offered patents and the grants once accepted."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.alliances.models import Alliance
from app.auth.models import User
from app.db import Money, TimestampMixin, enum_type
from app.db import Percent as Pct
from app.extensions import db
from app.i18n import N_, Labelled
from app.licences.models import Payment
from app.patents.models import Patent

SIDES = ("a", "b")


class CrossStatus(Labelled):
    PROPOSED = "proposed", N_("已提出")
    COUNTERED = "countered", N_("已还价")
    ACCEPTED = "accepted", N_("双方已接受，许可生效")
    REJECTED = "rejected", N_("已拒绝")


class CrossLicence(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A proposal between two parties; a counter replaces the lists and resets both acceptances."""

    __tablename__ = "cross_licences"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_a_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    party_b_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    proposer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    alliance_id: Mapped[int | None] = mapped_column(ForeignKey("alliances.id"), index=True)
    status: Mapped[CrossStatus] = mapped_column(
        enum_type(CrossStatus), default=CrossStatus.PROPOSED, index=True
    )
    round: Mapped[int] = mapped_column(Integer, default=1)
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date] = mapped_column(Date)
    industry_code: Mapped[str] = mapped_column(String(10))
    annual_sales: Mapped[Decimal] = mapped_column(Money)  # valuation basis, CNY/year per licensee
    profit_margin_pct: Mapped[Decimal] = mapped_column(Pct)
    value_a: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    value_b: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    payer_side: Mapped[str | None] = mapped_column(String(1))
    balancing_payment: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    note: Mapped[str] = mapped_column(Text, default="")
    a_accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    b_accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rejected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    party_a: Mapped[User] = relationship(foreign_keys=[party_a_id])
    party_b: Mapped[User] = relationship(foreign_keys=[party_b_id])
    proposer: Mapped[User] = relationship(foreign_keys=[proposer_id])
    alliance: Mapped[Alliance | None] = relationship()
    payment: Mapped[Payment | None] = relationship()
    items: Mapped[list[CrossLicenceItem]] = relationship(
        back_populates="cross_licence", order_by="CrossLicenceItem.id", cascade="all, delete-orphan"
    )
    grants: Mapped[list[CrossGrant]] = relationship(back_populates="cross_licence", order_by="CrossGrant.id")

    def party(self, side: str) -> User:
        return self.party_a if side == "a" else self.party_b

    def side_of(self, user: User) -> str | None:
        if user.id == self.party_a_id:
            return "a"
        return "b" if user.id == self.party_b_id else None

    def items_of(self, side: str) -> list[CrossLicenceItem]:
        return [i for i in self.items if i.side == side]

    @property
    def payer(self) -> User | None:
        return self.party(self.payer_side) if self.payer_side else None

    @property
    def payee(self) -> User | None:
        return self.party("b" if self.payer_side == "a" else "a") if self.payer_side else None


class CrossLicenceItem(db.Model):  # type: ignore[name-defined]
    """One patent a side offers, with the value the estimation gave it."""

    __tablename__ = "cross_licence_items"
    __table_args__ = (UniqueConstraint("cross_licence_id", "patent_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cross_licence_id: Mapped[int] = mapped_column(ForeignKey("cross_licences.id"), index=True)
    side: Mapped[str] = mapped_column(String(1))
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id"))
    value: Mapped[Decimal] = mapped_column(Money)
    cross_licence: Mapped[CrossLicence] = relationship(back_populates="items")
    patent: Mapped[Patent] = relationship()


class CrossGrant(db.Model):  # type: ignore[name-defined]
    """A licence in force from one party to the other under an accepted cross-licence."""

    __tablename__ = "cross_grants"
    __table_args__ = (UniqueConstraint("cross_licence_id", "licensor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cross_licence_id: Mapped[int] = mapped_column(ForeignKey("cross_licences.id"), index=True)
    licensor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    licensee_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    in_force_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    cross_licence: Mapped[CrossLicence] = relationship(back_populates="grants")
    licensor: Mapped[User] = relationship(foreign_keys=[licensor_id])
    licensee: Mapped[User] = relationship(foreign_keys=[licensee_id])
