"""Accounts, organisation profiles and API tokens."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.db import TimestampMixin, enum_type
from app.extensions import db
from app.i18n import N_, Labelled


class Role(Labelled):
    PATENTEE = "patentee", N_("专利权人")
    ENTERPRISE = "enterprise", N_("企业")
    OPERATOR = "operator", N_("运营中心")
    ADMIN = "admin", N_("管理员")


class User(UserMixin, TimestampMixin, db.Model):  # type: ignore[name-defined]
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    locale: Mapped[str] = mapped_column(String(5), default="zh")
    # Part of the session id (get_id): raising it ends every session and remember cookie of the account.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    organisation: Mapped[Organisation | None] = relationship(back_populates="owner", uselist=False)

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles or self.role == Role.ADMIN

    def can_manage(self, owner: User | int | None) -> bool:
        """The one owner check: True for the owner (a user or a user id) and for admins."""
        owner_id = owner.id if isinstance(owner, User) else owner
        return self.role == Role.ADMIN or (owner_id is not None and owner_id == self.id)


class Organisation(TimestampMixin, db.Model):  # type: ignore[name-defined]
    """The one profile an account may hold: a patentee, an enterprise or an operation centre."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    province: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(40), default="")
    industry_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    needs: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    # An enterprise's choice to be named to patentees in "who might need this" (app/needs); off by default.
    visible_to_patentees: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Strategic emerging industry categories the enterprise picked (top "1" or mid "1.1" codes).
    sei_codes: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    owner: Mapped[User] = relationship(back_populates="organisation")


class ApiToken(db.Model):  # type: ignore[name-defined]
    """A bearer token; only its SHA-256 digest is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user: Mapped[User] = relationship()
