"""Co-owners of a patent with their shares, and each co-owner's recorded consent to a declaration step."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.db import Percent, enum_type
from app.extensions import db
from app.i18n import N_, Labelled


class ConsentAction(Labelled):
    """What a co-owner consents to (CNIPA open-licence FAQ 2024: declaring and withdrawing need all)."""

    DECLARE = "declare", N_("同意声明开放许可")
    WITHDRAW = "withdraw", N_("同意撤回开放许可声明")


class CoOwner(db.Model):  # type: ignore[name-defined]
    """One owner of a patent and its share (%); position 0 is the patent's account owner.

    A co-owner is an account (it consents itself) or a named owner without an account (a university, a
    person): the patentee records that owner's signed written consent by its document reference.
    """

    __tablename__ = "patent_co_owners"
    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    share_pct: Mapped[Decimal] = mapped_column(Percent)
    user: Mapped[User | None] = relationship()

    @property
    def label(self) -> str:
        if self.user is None:
            return self.name
        org = self.user.organisation
        return org.name if org else (self.user.display_name or self.user.email)


class CoOwnerConsent(db.Model):  # type: ignore[name-defined]
    """A co-owner's consent to declaring or withdrawing one declaration: given by the account, or recorded
    by the patentee with the reference of the signed written consent."""

    __tablename__ = "co_owner_consents"
    __table_args__ = (UniqueConstraint("declaration_id", "co_owner_id", "action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), index=True)
    co_owner_id: Mapped[int] = mapped_column(
        ForeignKey("patent_co_owners.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[ConsentAction] = mapped_column(enum_type(ConsentAction))
    reference: Mapped[str] = mapped_column(String(200), default="")
    # SHA-256 of the declaration's terms consented to: a later edit of the draft voids the consent.
    terms_sha256: Mapped[str] = mapped_column(String(64))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    co_owner: Mapped[CoOwner] = relationship()
    recorded_by: Mapped[User] = relationship()
