"""The one pagination helper: a page of a query's rows, numbered from 1, kept within the pages there are."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from app.extensions import db

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    page: int
    pages: int
    total: int


def paginate(stmt: Select[Any], page: int, per_page: int) -> Page[Any]:
    """Rows of page `page` (clamped to 1..pages) of the ordered query, `per_page` to a page."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    rows = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page))
    return Page(list(rows.unique()), page, pages, total)


def page_of(items: Sequence[T], page: int, per_page: int) -> Page[T]:
    """Page `page` (clamped to 1..pages) of rows already computed in Python, `per_page` to a page."""
    pages = max(1, math.ceil(len(items) / per_page))
    page = min(max(1, page), pages)
    return Page(list(items[(page - 1) * per_page : page * per_page]), page, pages, len(items))
