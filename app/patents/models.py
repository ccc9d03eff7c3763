"""Patents as a patentee records them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.db import Money, TimestampMixin, enum_type
from app.extensions import db
from app.i18n import N_, Labelled

if TYPE_CHECKING:  # resolved by name at mapping time; importing them here would make import cycles
    from app.declarations.models import Declaration
    from app.highvalue.models import PatentAward


class PatentKind(Labelled):
    INVENTION = "invention", N_("发明")
    UTILITY_MODEL = "utility_model", N_("实用新型")
    DESIGN = "design", N_("外观设计")


class LegalStatus(Labelled):
    PENDING = "pending", N_("审查中")  # filed or published, not granted
    GRANTED = "granted", N_("授权有效")  # granted and in force
    LAPSED = "lapsed", N_("终止（未缴年费等）")  # terminated, e.g. annual fee not paid
    INVALIDATED = "invalidated", N_("被宣告无效")
    EXPIRED = "expired", N_("期限届满")


class Verification(Labelled):
    """Whether an operation centre has checked the patent against the register (Rules 2023 Art. 85, 88)."""

    UNVERIFIED = "unverified", N_("待核验")
    VERIFIED = "verified", N_("已核验")
    REJECTED = "rejected", N_("核验未通过")


VERIFICATION_ACTIONS = {
    "verified": N_("核验通过"),
    "rejected": N_("驳回核验"),
    "reset": N_("修改号码、类型、权利人或法律状态，待重新核验"),
}


class Patent(TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "patents"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    application_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    publication_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    kind: Mapped[PatentKind] = mapped_column(enum_type(PatentKind))
    title: Mapped[str] = mapped_column(String(500))
    abstract: Mapped[str] = mapped_column(Text, default="")
    first_claim: Mapped[str] = mapped_column(Text, default="")
    claim_count: Mapped[int | None] = mapped_column(Integer)
    ipc_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    applicants: Mapped[str] = mapped_column(String(500), default="")
    filing_date: Mapped[date | None] = mapped_column(Date)
    grant_date: Mapped[date | None] = mapped_column(Date)
    legal_status: Mapped[LegalStatus] = mapped_column(enum_type(LegalStatus))
    annual_fee_paid_until: Mapped[date | None] = mapped_column(Date)
    # 费减 declared by the owner: 85 (one qualifying owner) or 70 (joint owners); None = not eligible.
    fee_reduction_pct: Mapped[int | None] = mapped_column(Integer)
    # Facts for CNIPA's high-value categories (app/highvalue): family members abroad, pledge financing.
    foreign_family: Mapped[list[str]] = mapped_column(JSON, default=list)
    pledge_amount: Mapped[Decimal | None] = mapped_column(Money)
    pledgee: Mapped[str] = mapped_column(String(200), default="")
    # Encumbrances the Implementing Rules look at before a declaration may be published.
    exclusive_licence_until: Mapped[date | None] = mapped_column(Date)
    ownership_dispute: Mapped[bool] = mapped_column(Boolean, default=False)
    pledged: Mapped[bool] = mapped_column(Boolean, default=False)
    pledgee_consent_ref: Mapped[str] = mapped_column(String(200), default="")
    evaluation_report_ref: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    verification: Mapped[Verification] = mapped_column(
        enum_type(Verification),
        default=Verification.UNVERIFIED,
        server_default=Verification.UNVERIFIED.name,
        index=True,
    )
    owner: Mapped[User] = relationship()
    # Collections so that a page of patents loads them in one query each (selectinload in list_patents).
    awards: Mapped[list[PatentAward]] = relationship(
        order_by="PatentAward.year", cascade="all, delete-orphan"
    )
    declarations: Mapped[list[Declaration]] = relationship(back_populates="patent", order_by="Declaration.id")
    verification_events: Mapped[list[PatentVerificationEvent]] = relationship(
        back_populates="patent", order_by="PatentVerificationEvent.id", cascade="all, delete-orphan"
    )

    @property
    def number(self) -> str:
        return self.publication_number or self.application_number or ""

    @property
    def is_verified(self) -> bool:
        return self.verification == Verification.VERIFIED

    @property
    def last_verification_event(self) -> PatentVerificationEvent | None:
        return self.verification_events[-1] if self.verification_events else None

    @property
    def ipc_subclasses(self) -> list[str]:
        return sorted({c.replace(" ", "")[:4] for c in self.ipc_codes})


class PatentEvidence(db.Model):  # type: ignore[name-defined]
    """An uploaded certificate or register extract; the file is kept under instance/ by its SHA-256."""

    __tablename__ = "patent_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id"), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    patent: Mapped[Patent] = relationship()
    uploaded_by: Mapped[User] = relationship()


class PatentVerificationEvent(db.Model):  # type: ignore[name-defined]
    """One line of a patent's verification audit trail: who verified, rejected or reset it, when, on what."""

    __tablename__ = "patent_verification_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(30))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    patent: Mapped[Patent] = relationship(back_populates="verification_events")
    actor: Mapped[User | None] = relationship()

    @property
    def action_label(self) -> str:
        return VERIFICATION_ACTIONS.get(self.action, self.action)
