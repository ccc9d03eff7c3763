"""The one pagination helper: numbered pages (paginate) for short lists, keyset pages (paginate_keyset) for
lists that grow to 100,000 rows, where OFFSET would read and drop every earlier row."""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from flask_babel import gettext as _
from sqlalchemy import Select, func, select, tuple_

from app.errors import DomainError
from app.extensions import db

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    page: int
    pages: int
    total: int


def _count(stmt: Select[Any]) -> int:
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def _clamped(page: int, total: int, per_page: int) -> tuple[int, int]:
    """(page kept within 1..pages, pages) for a list of `total` rows."""
    pages = max(1, math.ceil(total / per_page))
    return min(max(1, page), pages), pages


def paginate(stmt: Select[Any], page: int, per_page: int) -> Page[Any]:
    """Rows of page `page` (clamped to 1..pages) of the ordered query, `per_page` to a page."""
    total = _count(stmt)
    page, pages = _clamped(page, total, per_page)
    rows = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page))
    return Page(list(rows.unique()), page, pages, total)


def page_of(items: Sequence[T], page: int, per_page: int) -> Page[T]:
    """Page `page` (clamped to 1..pages) of rows already computed in Python, `per_page` to a page."""
    page, pages = _clamped(page, len(items), per_page)
    return Page(list(items[(page - 1) * per_page : page * per_page]), page, pages, len(items))


class BadCursor(DomainError):
    """A `cursor` parameter that this server did not hand out (edited, truncated or from another list)."""

    status = 400
    code = "bad_cursor"


@dataclass(frozen=True)
class CursorPage(Generic[T]):
    """A keyset page: its rows, the cursor of the next page (None on the last), the total of the list counted
    up to a cap (total_exact False: more rows than `total` match)."""

    items: list[T]
    next_cursor: str | None
    total: int
    total_exact: bool


MAX_CURSOR = 200  # characters; the cursors handed out are about 60


def _encode(values: list[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def _decode_value(raw: Any, column: Any) -> Any:
    if column.type.python_type is datetime and isinstance(raw, str):
        return datetime.fromisoformat(raw)
    if column.type.python_type is int and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    raise ValueError(raw)


def _decode(cursor: str, keys: Sequence[Any]) -> list[Any]:
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError(cursor)
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError(cursor)
        return [_decode_value(value, key) for value, key in zip(raw, keys, strict=True)]
    except ValueError:  # binascii.Error, JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise BadCursor(_("翻页参数 cursor 无效：请从列表第一页重新开始翻页。")) from None


def _count_up_to(stmt: Select[Any], cap: int) -> tuple[int, bool]:
    """(rows of the query, exact): the count stops at cap + 1 rows, so a list or search matching 100,000 rows
    reads about `cap` of them instead of all."""
    found = _count(stmt.limit(cap + 1))
    return min(found, cap), found <= cap


def paginate_keyset(
    stmt: Select[Any], keys: Sequence[Any], cursor: str, per_page: int, count_cap: int
) -> CursorPage[Any]:
    """Rows after `cursor` of the query ordered by `keys` descending (the last key unique, e.g. the id), and
    the number of rows of the whole query up to `count_cap`.

    The cursor is the last row's key values, so a page costs an index range scan however deep it is, and rows
    inserted meanwhile neither repeat nor skip rows on the following pages (unlike OFFSET).
    """
    total, exact = _count_up_to(stmt, count_cap)
    ordered = stmt.order_by(None).order_by(*(key.desc() for key in keys))
    if cursor:
        ordered = ordered.where(tuple_(*keys) < tuple_(*_decode(cursor, keys)))
    rows = list(db.session.scalars(ordered.limit(per_page + 1)).unique())
    more = len(rows) > per_page
    rows = rows[:per_page]
    last = [getattr(rows[-1], str(key.key)) for key in keys] if more else None
    return CursorPage(rows, _encode(last) if last else None, total, exact)
