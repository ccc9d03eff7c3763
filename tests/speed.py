"""What every test paid again for its fresh app and database, paid once per run instead (tests only).

Measured with 100 tests that only ask for the ``app`` fixture (SQLite): 7.6 s before, 2.3 s after.

- **URL builders.** Each ``create_app`` registers about 175 URL rules, and Werkzeug compiles two Python
  builder functions for each (``Rule._compile_builder``: an AST, then ``compile``). A builder depends only on
  the rule's parsed parts and defaults and takes the rule as its first argument, so one compiled builder
  serves the same rule in every app of the run.
- **The schema.** ``create_all`` compiles and runs some 280 DDL statements on SQLite (tables, indexes, the
  FTS5 search table and its triggers). They run once, in a template database that is copied into each test's
  in-memory database with SQLite's backup API. The PostgreSQL test database keeps its schema between tests:
  one query checks that every table is there.
- **Garbage collection.** Each test's app leaves some hundred thousand objects in reference cycles. With the
  default thresholds (700, 10, 10) the collector ran about 18 times a test and rescanned the live heap
  (SQLAlchemy, torch, ...) each time: two thirds of what was left of an empty test's time.
- **Two processes on PostgreSQL.** Its suite waits on the server at each query, so `make test-postgres` runs
  it in two pytest-xdist workers, each on its own database (``ole_test_gw0``, ``ole_test_gw1``).
"""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Callable
from typing import Any

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import create_engine, inspect, make_url
from sqlalchemy.pool import StaticPool
from werkzeug.routing.rules import Rule

Builder = Callable[..., tuple[str, str]]
_compile_builder = Rule._compile_builder
_builders: dict[tuple[Any, ...], Builder] = {}


def _shared_builder(self: Rule, append_unknown: bool = True) -> Builder:
    defaults = repr(sorted((self.defaults or {}).items()))
    key = (self.rule, self.subdomain, self.host, tuple(self._trace), defaults, append_unknown)
    builder = _builders.get(key)
    if builder is None:
        builder = _builders[key] = _compile_builder(self, append_unknown)
    return builder


def share_url_builders() -> None:
    """Reuse each rule's compiled URL builders across the apps of the run."""
    Rule._compile_builder = _shared_builder  # type: ignore[method-assign]


_template: sqlite3.Connection | None = None


def is_in_memory_sqlite(db: SQLAlchemy) -> bool:
    url = db.engine.url
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def copy_sqlite_schema(db: SQLAlchemy) -> None:
    """Give the app's in-memory SQLite database the whole schema, copied from a template made at first use."""
    global _template
    if _template is None:
        template = sqlite3.connect(":memory:", check_same_thread=False)
        db.metadata.create_all(create_engine("sqlite://", creator=lambda: template, poolclass=StaticPool))
        _template = template
    raw = db.engine.raw_connection()
    try:
        _template.backup(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()


def has_every_table(db: SQLAlchemy) -> bool:
    """Whether the database has every table of the models (one query; ``create_all`` asks table by table)."""
    return set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())


def collect_garbage_less() -> None:
    """Fewer, larger collections; what the imports and the collection made is frozen out of the scans."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 10)


def own_database_per_worker() -> None:
    """Under pytest-xdist, point TEST_DATABASE_URL (PostgreSQL) at a fresh database of this worker's own."""
    url, worker = os.environ.get("TEST_DATABASE_URL", ""), os.environ.get("PYTEST_XDIST_WORKER", "")
    if not (url.startswith("postgresql") and worker):
        return
    shared = make_url(url)
    own = shared.set(database=f"{shared.database}_{worker}")
    server = create_engine(shared.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{own.database}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{own.database}"')
    server.dispose()
    os.environ["TEST_DATABASE_URL"] = own.render_as_string(hide_password=False)
