"""Jinja filters for money, dates and labels."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask import Flask

from app import clock
from app.highvalue.rules import numbered_label
from app.i18n import label


def money(value: Decimal | int | None) -> str:
    """'¥1,234.50' from a Decimal in CNY; '—' when absent."""
    if value is None:
        return "—"
    return f"¥{Decimal(value):,.2f}"


def local_time(value: datetime | date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.astimezone(clock.SHANGHAI).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.filters["label"] = label
    app.jinja_env.globals["high_value_label"] = numbered_label
