"""Patent pools, their one-stop licences and the royalty ledger (each payment split among patentees)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.alliances.models import Alliance
from app.auth.models import User
from app.db import FixedPoint, Money, TimestampMixin, enum_type
from app.db import Percent as Pct
from app.extensions import db
from app.i18n import N_, Labelled
from app.licences.models import Payment
from app.patents.models import Patent

# A distribution basis: a count, a weight or a share %, exact to 6 decimals (was Numeric(18, 6)).
Basis = FixedPoint(6, Decimal("999999999999.999999"))


class FeeMethod(Labelled):
    """The pool offer's payment method: the three the one-stop offer may use."""

    LUMP_SUM = "lump_sum", N_("一次性总付")
    RUNNING_ROYALTY = "running_royalty", N_("按净销售额提成")
    PER_UNIT = "per_unit", N_("按件计费")


class PoolStatus(Labelled):
    DRAFT = "draft", N_("筹备中")
    OPEN = "open", N_("许可要约已发布")
    CLOSED = "closed", N_("已关闭")


class PoolPatentStatus(Labelled):
    INVITED = "invited", N_("待专利权人同意")
    CONSENTED = "consented", N_("已同意入池")
    DECLINED = "declined", N_("专利权人已拒绝")
    LEFT = "left", N_("已退出")


class Essentiality(Labelled):
    ESSENTIAL = "essential", N_("必要专利")
    RELEVANT = "relevant", N_("相关专利")
    NOT_RELEVANT = "not_relevant", N_("不相关")


class Rule(Labelled):
    """Distribution rules, named as royalties.pools.distribute names them."""

    COUNT = "count", N_("按专利件数平均分配")
    WEIGHTED = "weighted", N_("按专利加权（剩余保护期 × 必要性 × 专利类型）")
    SHARE = "share", N_("按运营中心设定的份额")


class PoolLicenceStatus(Labelled):
    NOTIFIED = "notified", N_("已通知，待付款")
    PAYMENT_PENDING = "payment_pending", N_("已通知，待运营中心确认收款")
    IN_FORCE = "in_force", N_("已生效")
    DISPUTED = "disputed", N_("付款有争议，调解中")
    CANCELLED = "cancelled", N_("已撤销")


class Pool(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A patent pool for one technology field, with one published one-stop licence offer."""

    __tablename__ = "pools"

    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    alliance_id: Mapped[int | None] = mapped_column(ForeignKey("alliances.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    field_ipc: Mapped[list[str]] = mapped_column(JSON, default=list)
    industry_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    fee_method: Mapped[FeeMethod | None] = mapped_column(enum_type(FeeMethod, 30))
    lump_sum: Mapped[Decimal | None] = mapped_column(Money)
    royalty_rate_pct: Mapped[Decimal | None] = mapped_column(Pct)
    unit_fee: Mapped[Decimal | None] = mapped_column(Money)
    field_of_use: Mapped[str] = mapped_column(Text, default="")
    admin_fee_pct: Mapped[Decimal] = mapped_column(Pct, default=Decimal("0"))
    distribution_rule: Mapped[Rule] = mapped_column(enum_type(Rule), default=Rule.COUNT)
    status: Mapped[PoolStatus] = mapped_column(enum_type(PoolStatus), default=PoolStatus.DRAFT, index=True)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    operator: Mapped[User] = relationship()
    alliance: Mapped[Alliance | None] = relationship()
    patents: Mapped[list[PoolPatent]] = relationship(back_populates="pool", order_by="PoolPatent.id")

    @property
    def consented(self) -> list[PoolPatent]:
        return [p for p in self.patents if p.status is PoolPatentStatus.CONSENTED]


class PoolPatent(db.Model):  # type: ignore[name-defined]
    """One patent's place in a pool: invitation, the holder's consent, screening and judgement."""

    __tablename__ = "pool_patents"
    __table_args__ = (UniqueConstraint("pool_id", "patent_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("pools.id"), index=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id"), index=True)
    status: Mapped[PoolPatentStatus] = mapped_column(
        enum_type(PoolPatentStatus), default=PoolPatentStatus.INVITED
    )
    invited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    consent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    declined_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    joined_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    left_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    essentiality: Mapped[Essentiality | None] = mapped_column(enum_type(Essentiality))
    essentiality_note: Mapped[str] = mapped_column(Text, default="")
    judged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    share_pct: Mapped[Decimal | None] = mapped_column(Pct)
    screen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    screened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pool: Mapped[Pool] = relationship(back_populates="patents")
    patent: Mapped[Patent] = relationship()
    consent_by: Mapped[User | None] = relationship()


class PoolLicence(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A licence under the pool's one-stop offer: written notice, then payment (as Art. 51)."""

    __tablename__ = "pool_licences"
    __table_args__ = (UniqueConstraint("pool_id", "licensee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("pools.id"), index=True)
    licensee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[PoolLicenceStatus] = mapped_column(
        enum_type(PoolLicenceStatus), default=PoolLicenceStatus.NOTIFIED
    )
    notice: Mapped[str] = mapped_column(Text)
    notice_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    in_force_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pool: Mapped[Pool] = relationship()
    licensee: Mapped[User] = relationship()


class PoolPayment(db.Model):  # type: ignore[name-defined]
    """One payment into the pool and how it was split (the ledger line)."""

    __tablename__ = "pool_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("pools.id"), index=True)
    pool_licence_id: Mapped[int | None] = mapped_column(ForeignKey("pool_licences.id"), index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), unique=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    admin_fee_pct: Mapped[Decimal] = mapped_column(Pct)
    admin_fee: Mapped[Decimal] = mapped_column(Money)
    distributed: Mapped[Decimal] = mapped_column(Money)
    rule: Mapped[Rule] = mapped_column(enum_type(Rule))
    rounding_note: Mapped[str] = mapped_column(Text)
    net_sales: Mapped[Decimal | None] = mapped_column(Money)
    units: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    pool: Mapped[Pool] = relationship()
    payment: Mapped[Payment] = relationship()
    licence: Mapped[PoolLicence | None] = relationship()
    shares: Mapped[list[PoolShare]] = relationship(back_populates="pool_payment", order_by="PoolShare.id")


class PoolShare(db.Model):  # type: ignore[name-defined]
    """One patent's share of one pool payment, paid to its holder at the time."""

    __tablename__ = "pool_shares"

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_payment_id: Mapped[int] = mapped_column(ForeignKey("pool_payments.id"), index=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id"), index=True)
    patentee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    basis: Mapped[Decimal] = mapped_column(Basis)  # the count, weight or share % used
    amount: Mapped[Decimal] = mapped_column(Money)
    pool_payment: Mapped[PoolPayment] = relationship(back_populates="shares")
    patent: Mapped[Patent] = relationship()
    patentee: Mapped[User] = relationship()
