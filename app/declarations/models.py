"""Open-licence declarations (Patent Law Art. 50) and their audit trail."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from sqlalchemy import (
    JSON,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.db import Money, TimestampMixin, enum_type
from app.db import Percent as Pct
from app.extensions import db
from app.i18n import N_, Labelled

if TYPE_CHECKING:  # resolved by name at mapping time; importing it here would make an import cycle
    from app.patents.models import Patent


class DeclarationStatus(Labelled):
    DRAFT = "draft", N_("草稿")
    PUBLISHED = "published", N_("已公告")
    WITHDRAWN = "withdrawn", N_("已撤回")
    EXPIRED = "expired", N_("已到期")


class FeeMethod(Labelled):
    LUMP_SUM = "lump_sum", N_("一次性总付")
    RUNNING_ROYALTY = "running_royalty", N_("按净销售额提成")
    PER_UNIT = "per_unit", N_("按件计费")
    ENTRY_PLUS_RUNNING = "entry_plus_running", N_("入门费 + 提成")


# The Enum column stores member names; the partial index below matches the stored text.
_PUBLISHED = text("status = 'PUBLISHED'")
ONE_PUBLISHED_INDEX = "uq_declarations_one_published_per_patent"


class Declaration(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A patentee's open-licence declaration; non-exclusive by law, so it has no exclusivity field."""

    __tablename__ = "declarations"
    # One announced declaration per patent, enforced by the database too (two publishes at once).
    __table_args__ = (
        Index(
            ONE_PUBLISHED_INDEX,
            "patent_id",
            unique=True,
            sqlite_where=_PUBLISHED,
            postgresql_where=_PUBLISHED,
        ),
        # The public list's order within a status (search.py ORDER): a page is an index range.
        Index("ix_declarations_status_published_at_id", "status", "published_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[DeclarationStatus] = mapped_column(
        enum_type(DeclarationStatus), default=DeclarationStatus.DRAFT, index=True
    )
    fee_method: Mapped[FeeMethod | None] = mapped_column(enum_type(FeeMethod, 30))
    lump_sum: Mapped[Decimal | None] = mapped_column(Money)
    entry_fee: Mapped[Decimal | None] = mapped_column(Money)
    royalty_rate_pct: Mapped[Decimal | None] = mapped_column(Pct)
    unit_fee: Mapped[Decimal | None] = mapped_column(Money)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    contact: Mapped[str] = mapped_column(String(300), default="")
    industry_code: Mapped[str] = mapped_column(String(10), default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    # IPC sections of the patent as ",G,H," (set on publish) so the section filter is a portable LIKE.
    ipc_sections: Mapped[str] = mapped_column(String(40), default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="")
    patent: Mapped[Patent] = relationship(back_populates="declarations")
    owner: Mapped[User] = relationship()
    events: Mapped[list[DeclarationEvent]] = relationship(
        back_populates="declaration", order_by="DeclarationEvent.id", cascade="all, delete-orphan"
    )

    @staticmethod
    def sections_of(ipc_codes: list[str]) -> str:
        """The IPC sections of a patent as stored in ``ipc_sections``: ',G,H,' (delimited for LIKE)."""
        return "," + ",".join(sorted({c.strip()[:1].upper() for c in ipc_codes if c.strip()})) + ","

    @classmethod
    def in_ipc_section(cls, code: str) -> ColumnElement[bool]:
        """SQL condition: the patent has a code in the IPC section of ``code`` (a letter or longer)."""
        return cls.ipc_sections.like(f"%,{code.strip()[:1].upper()},%")

    @property
    def fee_method_label(self) -> str:
        return _(self.fee_method.label) if self.fee_method else _("未填写")

    @property
    def fee_summary(self) -> str:
        """One line such as '一次性总付 ¥50,000.00' or '入门费 ¥10,000.00 + 净销售额 3.00%'."""
        parts = (
            {
                FeeMethod.LUMP_SUM: [("", self.lump_sum, "¥")],
                FeeMethod.RUNNING_ROYALTY: [(_("净销售额 "), self.royalty_rate_pct, "%")],
                FeeMethod.PER_UNIT: [(_("每件 "), self.unit_fee, "¥")],
                FeeMethod.ENTRY_PLUS_RUNNING: [
                    (_("入门费 "), self.entry_fee, "¥"),
                    (_("净销售额 "), self.royalty_rate_pct, "%"),
                ],
            }.get(self.fee_method)
            if self.fee_method
            else None
        )
        if not parts:
            return _("未填写")
        shown = [
            f"{label}¥{v:,.2f}" if unit == "¥" else f"{label}{v:.2f}%"
            for label, v, unit in parts
            if v is not None
        ]
        return _(
            "%(method)s：%(parts)s", method=self.fee_method_label, parts=" + ".join(shown or [_("未填写")])
        )


class DeclarationEvent(db.Model):  # type: ignore[name-defined]
    """One line of the audit trail: who did what to a declaration, and when."""

    __tablename__ = "declaration_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(30))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    declaration: Mapped[Declaration] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class AboutDeclaration:
    """Mixin for a row about one declaration: its indexed id and the declaration."""

    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), index=True)

    @declared_attr
    def declaration(cls) -> Mapped[Declaration]:
        return relationship(Declaration)


class InboxItem(AboutDeclaration):
    """Mixin for an inbox item about one declaration: when it arrived and when its reader opened it."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
