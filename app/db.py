"""Declarative base with a constraint naming convention, and shared column helpers."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import BigInteger, DateTime, Dialect, Enum, MetaData, TypeDecorator, func, type_coerce
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    # Indexed: max(updated_at) is the data version behind the public pages' ETags (app/httpcache.py).
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=clock.now, onupdate=clock.now, index=True
    )


def enum_type(cls: type[enum.Enum], length: int = 20) -> Enum:
    """An enum column type: the member's name in a VARCHAR of `length`, no database enum type."""
    return Enum(cls, native_enum=False, length=length)


def _exact(value: Decimal | int | float) -> Decimal:
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


class FixedPoint(TypeDecorator[Decimal]):
    """An exact decimal stored as a scaled integer (BigInteger) on every database.

    SQLite keeps NUMERIC as a binary float (REAL), so amounts came back inexact and sums
    drifted; a scaled integer is exact on SQLite and PostgreSQL alike and sums exactly with SQL ``SUM``.
    A value with more decimals than ``places`` or beyond ``maximum`` is refused (ValueError), never rounded.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, places: int = 2, maximum: Decimal = Decimal("999999999999.99")) -> None:
        super().__init__()
        self.places = places
        self.maximum = maximum
        self.quantum = Decimal(1).scaleb(-places)

    def fits(self, value: Decimal | int | float) -> bool:
        """True when the value has at most `places` decimals and lies within ±maximum."""
        exact = _exact(value)
        # The bound first: quantizing a huge exponent (1e999999) would itself fail.
        return exact.is_finite() and abs(exact) <= self.maximum and exact == exact.quantize(self.quantum)

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if not self.fits(value):
            raise ValueError(f"{value!r}: more than {self.places} decimals or beyond ±{self.maximum}")
        return int(_exact(value).scaleb(self.places))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.places).quantize(self.quantum)


MONEY_MAX = Decimal("999999999999.99")  # below 10^12 CNY, the range Numeric(14, 2) had
PCT_MAX = Decimal("9999.99")  # the range Numeric(6, 2) had; the legal rules bound rates to 0–100 on publish


class Money(FixedPoint):
    """CNY with 2 decimals (stored as integer fen), at most MONEY_MAX in absolute value."""

    cache_ok = True

    def __init__(self) -> None:
        super().__init__(2, MONEY_MAX)


class Percent(FixedPoint):
    """A percentage with 2 decimals (stored in hundredths of a percent), at most PCT_MAX in absolute value."""

    cache_ok = True

    def __init__(self) -> None:
        super().__init__(2, PCT_MAX)


def money_sum(column: Any) -> Any:
    """SQL SUM of a Money column (in fen), 0 when there are no rows, read back as an exact Decimal."""
    return type_coerce(func.coalesce(func.sum(column), 0), FixedPoint(2, Decimal(2**63 - 1).scaleb(-2)))


T = TypeVar("T")
IN_LIST_MAX = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's bound-parameter limits


def in_chunks(ids: Sequence[T], size: int = IN_LIST_MAX) -> Iterator[Sequence[T]]:
    """`ids` in consecutive slices of at most `size`, one per IN (...) query."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
