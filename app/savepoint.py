"""Creating a row that a concurrent request may create first: in a savepoint, so a duplicate is not a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

from app.errors import DomainError
from app.extensions import db

T = TypeVar("T")


def create_once(
    create: Callable[[], T], existing: Callable[[], T | None], refused: DomainError | None = None
) -> tuple[T, bool]:
    """(create(), True), run in a savepoint; when a unique constraint refuses it, (existing(), False).

    The savepoint is gone by then; on PostgreSQL `existing()` sees the concurrent request's committed row.
    If there is no such row, another constraint refused the row: `refused` is raised in place of the
    IntegrityError (which is raised itself when `refused` is None).
    """
    try:
        with db.session.begin_nested():
            return create(), True
    except IntegrityError:
        found = existing()
        if found is None:
            if refused is None:
                raise
            raise refused from None
        return found, False
