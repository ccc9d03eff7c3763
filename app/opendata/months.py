"""A portable "month in China time" SQL expression: one construct, compiled per dialect."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class china_month(FunctionElement[str]):  # noqa: N801  (reads like an SQL function)
    """'YYYY-MM' of a UTC timestamp in Beijing time (UTC+8, no daylight saving)."""

    type = String()
    name = "china_month"
    inherit_cache = True


@compiles(china_month, "sqlite")
def _sqlite(element: china_month, compiler: Any, **kw: Any) -> str:
    # SQLite keeps the UTC timestamp as text 'YYYY-MM-DD HH:MM:SS[.ffffff]'.
    column = compiler.process(element.clauses, **kw)
    return f"strftime('%Y-%m', {column}, '+8 hours')"


@compiles(china_month, "postgresql")
def _postgresql(element: china_month, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"to_char({column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')"


def month_range(first: str, last: str) -> list[str]:
    """Every 'YYYY-MM' from first to last inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
