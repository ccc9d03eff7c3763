"""HTTP caching of the public pages and open-data API answers: a weak ETag from the data version, 304 on a
matching If-None-Match, and `Cache-Control: public, max-age=60` for anonymous visitors only.

Signed-in users see user-specific bits (navigation, the take-a-licence form, the owner's audit trail), so
their answers are `private, no-store` and get no ETag.

The server keeps the anonymous answers too, by their ETag, for PAGE_CACHE_SECONDS (60, as the max-age the
visitors' browsers and proxies are already allowed): a page is rendered once per data version, path and
language, then each visitor costs the one data-version query (national scale, issue 10: rendering was about
60 % of a list page's time). The store is each process's memory, the least recently read pages going first
beyond PAGE_CACHE_MEMORY_MB: so a flood of distinct searches costs a bounded amount, and Redis, which is also
Celery's broker, never has to evict. Each worker process renders a page once per data version.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response, current_app, make_response, request, session
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


class MemoryPages:
    """Pages (content type, body) in this process's memory, at most ``max_bytes`` of bodies, each for
    ``seconds``; beyond that size the least recently read go first."""

    def __init__(self, seconds: int, max_bytes: int) -> None:
        self.seconds, self.max_bytes, self.size = seconds, max_bytes, 0
        self.pages: OrderedDict[str, tuple[float, str, bytes]] = OrderedDict()
        self.lock = threading.Lock()  # gthread workers serve requests on several threads

    def get(self, key: str) -> tuple[str, bytes] | None:
        with self.lock:
            kept = self.pages.get(key)
            if kept is None:
                return None
            expires, content_type, body = kept
            if expires <= time.monotonic():
                self._drop(key)
                return None
            self.pages.move_to_end(key)
            return content_type, body

    def put(self, key: str, content_type: str, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        with self.lock:
            if key in self.pages:
                self._drop(key)
            self.pages[key] = (time.monotonic() + self.seconds, content_type, body)
            self.size += len(body)
            while self.size > self.max_bytes:
                self._drop(next(iter(self.pages)))

    def _drop(self, key: str) -> None:
        self.size -= len(self.pages.pop(key)[2])


EXTENSION_KEY = "page_cache"


def init_app(app: Flask) -> None:
    """The app's page store, or none when PAGE_CACHE_SECONDS is 0."""
    if app.config["PAGE_CACHE_SECONDS"] > 0:
        megabytes = app.config["PAGE_CACHE_MEMORY_MB"]
        app.extensions[EXTENSION_KEY] = MemoryPages(app.config["PAGE_CACHE_SECONDS"], megabytes * 1024 * 1024)


def _store() -> MemoryPages | None:
    store: MemoryPages | None = current_app.extensions.get(EXTENSION_KEY)
    return store


def _kept(etag: str) -> Response | None:
    store = _store()
    page = store.get(etag) if store else None
    return Response(page[1], content_type=page[0]) if page else None


def _keep(etag: str, resp: Response) -> None:
    """Keep a plain answer: a body and its type, nothing of this visitor's (no cookie, no session change)."""
    store = _store()
    plain = {name for name, _value in resp.headers.items()} <= {"Content-Type", "Content-Length"}
    if store and plain and not session.modified and not resp.is_streamed:
        store.put(etag, resp.content_type or "", resp.get_data())


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
        elif (kept := _kept(etag)) is not None:
            resp = kept
        else:
            resp = make_response(view(*args, **kwargs))
            if resp.status_code != 200:
                return _vary(resp)
            _keep(etag, resp)
        resp.set_etag(etag, weak=True)
        resp.headers["Cache-Control"] = PUBLIC
        return _vary(resp)

    return cached
