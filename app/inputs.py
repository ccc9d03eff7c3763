"""Bad input never reaches the database: request size, control characters, text length, number range.

Two central guards (issue 8 §5), so no route can forget them:
- a request hook refuses control characters and over-long strings in the query string, form fields and
  JSON bodies with 422 naming the field, before any view runs;
- a ``before_flush`` check refuses any row whose text exceeds its column (String(n), or TEXT_MAX for Text),
  holds a control character, or whose number does not fit its column (Integer range, Money/Percent bounds).
  It only validates and raises; it changes nothing. Forms and API parsers check the same limits earlier
  with friendlier messages; this is the net under them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from flask import Flask, Request, current_app, render_template, request
from flask_babel import gettext as _
from sqlalchemy import BigInteger, Integer, String, Text, event, inspect
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter

from app.db import MONEY_MAX, FixedPoint, Money
from app.errors import ValidationFailed, json_error, wants_json

MAX_JSON_BYTES = 2 * 1024 * 1024  # any request body that is not a multipart upload
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # multipart/form-data (certificate, CSV/JSON import)
TEXT_MAX = 20_000  # characters: every Text column, and any one string value in a request
QUERY_MAX = 1_000  # characters: one query-string value
JSON_DEPTH_MAX = 20  # nesting of arrays/objects in a JSON body
# Introductions (app/needs): the message a patentee or operator sends, the enterprise's reply, and how many
# introductions one sender may send in 24 hours (so the inbox stays enterprise-first, not a mailing list).
INTRO_MESSAGE_MAX = 1_000
INTRO_REPLY_MAX = 500
INTRODUCTIONS_PER_DAY = 20

# Multi-line text may keep TAB, LF and CR; nothing else below U+0020, no DEL, C1, line/paragraph separators,
# and no lone surrogates (PostgreSQL refuses NUL and unpaired surrogates outright).
MULTI_LINE_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
SINGLE_LINE_BAD = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Request fields that are not columns but hold multi-line text.
EXTRA_MULTI_LINE = frozenset({"reason", "evidence", "numbers", "patents_a", "patents_b"})
INT_RANGE = {Integer: 2**31 - 1, BigInteger: 2**63 - 1}


class RowIdConverter(IntegerConverter):
    """``<int:...>`` in every route: at most 2^31 - 1 (an Integer key), so a huge id is a 404, not a 500."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # noqa: A002 (werkzeug's name)
        kwargs.setdefault("max", INT_RANGE[Integer])
        super().__init__(map, *args, **kwargs)


class LimitedRequest(Request):
    """Bodies other than multipart uploads are limited to MAX_JSON_BYTES (413 beyond)."""

    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is None and self.mimetype != "multipart/form-data":
            return int(current_app.config["MAX_JSON_BYTES"])
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


@cache
def multi_line_names() -> frozenset[str]:
    """Field names that may hold several lines: every Text column's name, plus a few request-only fields."""
    from app.db import Base

    texts = {c.name for t in Base.metadata.tables.values() for c in t.columns if isinstance(c.type, Text)}
    return frozenset(texts) | EXTRA_MULTI_LINE


def text_problem(value: str, multi_line: bool, limit: int) -> str | None:
    """Why a string is refused (control character or too long), or None when it is acceptable."""
    pattern = MULTI_LINE_BAD if multi_line else SINGLE_LINE_BAD
    if pattern.search(value):
        return _("含有不允许的控制字符（如 NUL、换行等），请删除后重试。")
    if len(value) > limit:
        return _("不能超过 %(n)s 个字符。", n=limit)
    return None


def decimal_problem(value: Decimal) -> str | None:
    """Why a typed amount or percentage is refused: beyond MONEY_MAX (below 10^12 CNY) or over 2 decimals."""
    if not value.is_finite():
        return _("请输入有限的数字。")
    if abs(value) > MONEY_MAX:
        return _("数值过大：绝对值不能超过 %(max)s（低于 10^12 元）。", max=f"{MONEY_MAX:,}")
    if not Money().fits(value):
        return _("最多保留两位小数。")
    return None


def _json_strings(data: Any, field: str = "", depth: int = 0) -> Iterator[tuple[str, str, str]]:
    """(top-level field, innermost key, string) for every key and string value in a JSON document."""
    if depth > JSON_DEPTH_MAX:
        message = _("JSON 嵌套层数过多（最多 %(n)s 层）。", n=JSON_DEPTH_MAX)
        raise ValidationFailed(message, {_printable(field): message})
    if isinstance(data, dict):
        for key, value in data.items():
            top = field or str(key)
            yield top, "", str(key)
            if isinstance(value, str):
                yield top, str(key), value
            else:
                yield from _json_strings(value, top, depth + 1)
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, str):
                yield field, field, item
            else:
                yield from _json_strings(item, field, depth + 1)


def _request_values() -> Iterator[tuple[str, str, str, int]]:
    """(field, key deciding single/multi-line, value, limit) for every string the request carries."""
    for name, value in request.args.items(multi=True):
        yield name, "", name, QUERY_MAX
        yield name, "", value, QUERY_MAX
    for name, value in request.form.items(multi=True):
        yield name, "", name, QUERY_MAX
        yield name, name, value, TEXT_MAX
    if request.is_json:
        try:
            data = request.get_json(silent=True)
        except RecursionError:
            raise ValidationFailed(_("JSON 嵌套层数过多（最多 %(n)s 层）。", n=JSON_DEPTH_MAX)) from None
        for field, key, value in _json_strings(data):
            yield field, key, value, TEXT_MAX


def check_request() -> None:
    """Before every view: refuse control characters and over-long values, naming the field (422)."""
    multi = multi_line_names()
    errors: dict[str, str] = {}
    for field, key, value, limit in _request_values():
        problem = text_problem(value, key in multi, limit)
        name = _printable(field)
        if problem and name not in errors:
            errors[name] = problem
    if errors:
        raise invalid(errors)


def invalid(errors: dict[str, str]) -> ValidationFailed:
    """One 422 naming every refused field and why (the page shows the message, the API also the fields)."""
    details = " ".join(f"「{name}」{problem}" for name, problem in errors.items())
    return ValidationFailed(_("输入无效：%(details)s", details=details), errors)


def _printable(name: str) -> str:
    return SINGLE_LINE_BAD.sub("?", name)[:100]


def _column_problem(column: Any, value: Any, multi: frozenset[str]) -> str | None:
    kind = column.type
    if isinstance(value, str) and isinstance(kind, String):
        limit = kind.length or TEXT_MAX
        return text_problem(value, isinstance(kind, Text) or column.name in multi, limit)
    if isinstance(kind, FixedPoint) and value is not None and not kind.fits(value):
        return _("数值超出范围（绝对值最大 %(max)s）或小数超过 %(n)s 位。", max=kind.maximum, n=kind.places)
    bound = next((b for t, b in INT_RANGE.items() if type(kind) is t), None)
    if bound is not None and isinstance(value, int) and abs(value) > bound:
        return _("数值超出范围（绝对值最大 %(max)s）。", max=bound)
    return None


def check_row(obj: Any, multi: frozenset[str]) -> dict[str, str]:
    """Field errors for one pending row (only the values already loaded; nothing is fetched)."""
    state = inspect(obj)
    errors = {}
    for attr in state.mapper.column_attrs:
        if attr.key in state.dict:
            problem = _column_problem(attr.columns[0], state.dict[attr.key], multi)
            if problem:
                errors[attr.key] = problem
    return errors


def check_flush(session: Session, flush_context: Any, instances: Any) -> None:
    """before_flush: refuse the whole flush when any new or changed row does not fit its columns."""
    multi = multi_line_names()
    errors: dict[str, str] = {}
    for obj in (*session.new, *session.dirty):
        errors.update(check_row(obj, multi))
    if errors:
        raise invalid(errors)


def _refused_page(err: ValidationFailed) -> Any:
    """A control character in a form or query string: a 422 page naming the fields (no form to re-render)."""
    if wants_json():
        return json_error(err.status, err.code, err.message, err.fields)
    return render_template("errors/error.html", status=422, message=err.message), 422


def init_app(app: Flask) -> None:
    app.request_class = LimitedRequest
    app.url_map.converters["int"] = RowIdConverter
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES
    app.config.setdefault("MAX_JSON_BYTES", MAX_JSON_BYTES)

    @app.before_request
    def refuse_bad_input() -> Any:
        try:
            check_request()
        except ValidationFailed as err:
            return _refused_page(err)
        return None

    if not event.contains(Session, "before_flush", check_flush):
        event.listen(Session, "before_flush", check_flush)
