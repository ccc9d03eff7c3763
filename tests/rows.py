"""Counting a table's rows, for tests that check what was (or was not) written."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.extensions import db


def count(model: Any, *where: Any) -> int:
    """How many rows of `model` there are (those matching every `where` clause, when given)."""
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0
