"""HTTP caching of the public pages and open-data API answers: a weak ETag from the data version, 304 on a
matching If-None-Match, and `Cache-Control: public, max-age=60` for anonymous visitors only.

Signed-in users see user-specific bits (navigation, the take-a-licence form, the owner's audit trail), so
their answers are `private, no-store` and get no ETag.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import Table, func, select

from app import clock
from app.extensions import db

PUBLIC = "public, max-age=60"
PRIVATE = "private, no-store"
NOT_MODIFIED = "Not modified: the If-None-Match ETag still holds (callers without a token; no body)"


def _version_columns(table: Table) -> list[Any]:
    # updated_at catches edits where a table keeps one (indexed); the largest id catches inserts everywhere.
    columns = [table.c.updated_at] if "updated_at" in table.c else []
    columns += [table.c.id] if "id" in table.c else []
    return [select(func.max(column)).scalar_subquery() for column in columns]


def data_version() -> str:
    """A fingerprint of the data: newest updated_at and largest id of every table, in one indexed query.

    Public rows are not deleted (withdrawal is an update), so this changes with whatever a public page shows;
    a deletion that comes with no insert or update elsewhere goes unseen until the next change. The day is in
    it because figures such as the amount due depend on it.
    """
    subqueries = [q for table in db.metadata.sorted_tables for q in _version_columns(table)]
    row = db.session.execute(select(*subqueries)).one()
    return f"{clock.today().isoformat()}|" + "|".join(str(value) for value in row)


def _anonymous() -> bool:
    if request.blueprint == "api":
        return "Authorization" not in request.headers
    return not current_user.is_authenticated and not session.get("_flashes")


def _etag() -> str:
    key = "\n".join([data_version(), request.full_path, str(get_locale())])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _vary(resp: Response) -> Response:
    resp.vary.update({"Authorization"} if request.blueprint == "api" else {"Cookie"})
    return resp


def public_cache(view: Callable[..., Any]) -> Callable[..., Any]:
    """Answer anonymous GETs with a weak ETag and public caching, 304 when the client's copy is current."""

    @wraps(view)
    def cached(*args: Any, **kwargs: Any) -> Response:
        if not _anonymous():
            resp = make_response(view(*args, **kwargs))
            resp.headers["Cache-Control"] = PRIVATE
            return _vary(resp)
        etag = _etag()
        if request.if_none_match.contains_weak(etag):
            resp = Response(status=304)
        else:
            resp = make_response(view(*args, **kwargs))
            if resp.status_code != 200:
                return _vary(resp)
        resp.set_etag(etag, weak=True)
        resp.headers["Cache-Control"] = PUBLIC
        return _vary(resp)

    return cached
