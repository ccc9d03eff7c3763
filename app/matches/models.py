"""Subscriptions, the match inbox, feedback and push-run bookkeeping."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import User
from app.db import TimestampMixin, enum_type
from app.declarations.models import AboutDeclaration, Declaration, InboxItem
from app.extensions import db
from app.i18n import N_, Labelled


class SubscriptionKind(Labelled):
    INDUSTRY = "industry", N_("行业（GB/T 4754）")
    IPC = "ipc", N_("IPC 分类")
    KEYWORDS = "keywords", N_("关键词")
    TEXT = "text", N_("技术需求描述")
    SEI = "sei", N_("战略性新兴产业")


class Frequency(Labelled):
    IMMEDIATELY = "immediately", N_("即时推送")
    DAILY = "daily", N_("每日汇总")
    WEEKLY = "weekly", N_("每周汇总")


class Subscription(db.Model):  # type: ignore[name-defined]
    """What an enterprise asked to be told about, and how often."""

    __tablename__ = "match_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[SubscriptionKind] = mapped_column(enum_type(SubscriptionKind))
    value: Mapped[str] = mapped_column(String(500))
    frequency: Mapped[Frequency] = mapped_column(enum_type(Frequency), default=Frequency.IMMEDIATELY)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    user: Mapped[User] = relationship()


class PushRunStatus(enum.StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class PushRun(db.Model):  # type: ignore[name-defined]
    """One `flask push run`; a failed or crashed run is resumed by the next one."""

    __tablename__ = "push_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[PushRunStatus] = mapped_column(enum_type(PushRunStatus), default=PushRunStatus.RUNNING)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    # The last declaration id pushed, committed with each batch.
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    declarations: Mapped[int] = mapped_column(Integer, default=0)
    notices: Mapped[int] = mapped_column(Integer, default=0)
    emails: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")


class PushTask(db.Model):  # type: ignore[name-defined]
    """A published declaration waiting to be pushed to matching enterprises (queued on publish)."""

    __tablename__ = "push_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id"), unique=True)
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    push_run_id: Mapped[int | None] = mapped_column(ForeignKey("push_runs.id"))
    declaration: Mapped[Declaration] = relationship()


class MatchNotice(InboxItem, db.Model):  # type: ignore[name-defined]
    """An inbox item: one licence pushed to one enterprise, with its reasons; never twice (unique pair)."""

    __tablename__ = "match_notices"
    __table_args__ = (UniqueConstraint("user_id", "declaration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    frequency: Mapped[Frequency] = mapped_column(enum_type(Frequency))
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    # A message refused for good (5xx, or one that cannot be built) is marked here and not retried.
    email_failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_error: Mapped[str] = mapped_column(String(500), default="")
    push_run_id: Mapped[int | None] = mapped_column(ForeignKey("push_runs.id"))
    emailed_run_id: Mapped[int | None] = mapped_column(ForeignKey("push_runs.id"))
    user: Mapped[User] = relationship()


class Feedback(AboutDeclaration, TimestampMixin, db.Model):  # type: ignore[name-defined]
    """An enterprise's verdict on a matched licence; one per pair, updatable."""

    __tablename__ = "match_feedback"
    __table_args__ = (UniqueConstraint("user_id", "declaration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    useful: Mapped[bool] = mapped_column(Boolean)


class DigestState(db.Model):  # type: ignore[name-defined]
    """When an enterprise last got its daily or weekly digest."""

    __tablename__ = "match_digests"
    __table_args__ = (UniqueConstraint("user_id", "frequency"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    frequency: Mapped[Frequency] = mapped_column(enum_type(Frequency))
    last_sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MatchProfile(db.Model):  # type: ignore[name-defined]
    """An enterprise's matcher features, computed once and kept: its profile query (subscription_id 0) and
    each text subscription. The push run re-featurises a row only when its fingerprint (query and model)
    changes, so a changed profile or subscription is picked up at the next run."""

    __tablename__ = "match_profiles"
    __table_args__ = (UniqueConstraint("user_id", "subscription_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    subscription_id: Mapped[int] = mapped_column(Integer, default=0)
    fingerprint: Mapped[str] = mapped_column(String(64))
    features: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
