"""Resident population of a region, entered by an operation centre, for "high-value inventions per 10,000
people" (the national indicator: CNIPA; ../shared/LEGAL.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import db


class RegionPopulation(db.Model):  # type: ignore[name-defined]
    """One province's resident population (常住人口) with where the figure comes from."""

    __tablename__ = "region_populations"

    id: Mapped[int] = mapped_column(primary_key=True)
    province: Mapped[str] = mapped_column(String(20), unique=True)
    population: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(100))  # e.g. "2025 统计年鉴"
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
