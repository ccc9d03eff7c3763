"""Patents as a patentee records them."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, Enum, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.db import Money, TimestampMixin
from app.extensions import db
from app.i18n import N_


class PatentKind(enum.StrEnum):
    INVENTION = "invention"
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"


KIND_LABELS = {
    PatentKind.INVENTION: N_("发明"),
    PatentKind.UTILITY_MODEL: N_("实用新型"),
    PatentKind.DESIGN: N_("外观设计"),
}


class LegalStatus(enum.StrEnum):
    PENDING = "pending"  # filed or published, not granted
    GRANTED = "granted"  # granted and in force
    LAPSED = "lapsed"  # terminated, e.g. annual fee not paid
    INVALIDATED = "invalidated"
    EXPIRED = "expired"


STATUS_LABELS = {
    LegalStatus.PENDING: N_("审查中"),
    LegalStatus.GRANTED: N_("授权有效"),
    LegalStatus.LAPSED: N_("终止（未缴年费等）"),
    LegalStatus.INVALIDATED: N_("被宣告无效"),
    LegalStatus.EXPIRED: N_("期限届满"),
}


class Patent(TimestampMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "patents"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    application_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    publication_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    kind: Mapped[PatentKind] = mapped_column(Enum(PatentKind, native_enum=False, length=20))
    title: Mapped[str] = mapped_column(String(500))
    abstract: Mapped[str] = mapped_column(Text, default="")
    first_claim: Mapped[str] = mapped_column(Text, default="")
    claim_count: Mapped[int | None] = mapped_column(Integer)
    ipc_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    applicants: Mapped[str] = mapped_column(String(500), default="")
    filing_date: Mapped[date | None] = mapped_column(Date)
    grant_date: Mapped[date | None] = mapped_column(Date)
    legal_status: Mapped[LegalStatus] = mapped_column(Enum(LegalStatus, native_enum=False, length=20))
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
    owner: Mapped[User] = relationship()

    @property
    def number(self) -> str:
        return self.publication_number or self.application_number or ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.legal_status]

    @property
    def ipc_subclasses(self) -> list[str]:
        return sorted({c.replace(" ", "")[:4] for c in self.ipc_codes})
