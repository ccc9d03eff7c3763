"""The keyword index behind the announcements search: pg_trgm GIN indexes on PostgreSQL, an FTS5 trigram table
on SQLite. Both answer "which patents contain this substring" without reading every row; results equal the
plain case-insensitive LIKE scan they replace (tests/market/test_search_index.py).

Databases built with create_all() (the tests) get these statements from the DDL events at the bottom; the
migration (search_fulltext) keeps its own copy, as a migration must not change when this module does.
tests/test_migrations.py leaves these objects out of the models == migrations check: they are not tables or
indexes SQLAlchemy's metadata can describe.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import DDL, ColumnElement, String, cast, event, literal_column, or_, select, text

from app.patents.models import Patent

# The columns a keyword is looked for in (the JSON list of IPC codes as its text).
SEARCHED = ("title", "abstract", "publication_number", "application_number", "ipc_codes")

FTS_TABLE = "patents_fts"
TRIGRAM_INDEXES = tuple(f"ix_patents_{column}_trgm" for column in SEARCHED)
# Every database object made here, for the migration-drift test to leave out.
_SHADOW = tuple(f"{FTS_TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config"))
OBJECTS = frozenset({FTS_TABLE, *_SHADOW, *TRIGRAM_INDEXES})

_COLUMNS = ", ".join(SEARCHED)
_NEW = ", ".join(f"new.{c}" for c in SEARCHED)
_OLD = ", ".join(f"old.{c}" for c in SEARCHED)
_DELETE_OLD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD});"
_INSERT_NEW = f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});"

# An external-content FTS5 table over patents (no second copy of the text), kept in step by triggers, so every
# way a patent row changes (UI, API, import, demo loader, raw SQL) reaches the index.
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({_COLUMNS}, content='patents', content_rowid='id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER {FTS_TABLE}_ai AFTER INSERT ON patents BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER {FTS_TABLE}_ad AFTER DELETE ON patents BEGIN {_DELETE_OLD} END",
    f"CREATE TRIGGER {FTS_TABLE}_au AFTER UPDATE OF {_COLUMNS} ON patents "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)
SQLITE_DROP = (f"DROP TABLE IF EXISTS {FTS_TABLE}",)  # the triggers go with the patents table

# gin_trgm_ops serves ILIKE '%word%' for words of three characters or more; the ipc_codes index is on the same
# CAST(... AS VARCHAR) expression the query uses, or the planner would not match it.
_PG_EXPRESSIONS = {c: c for c in SEARCHED} | {"ipc_codes": "(CAST(ipc_codes AS VARCHAR))"}
POSTGRES_CREATE = ("CREATE EXTENSION IF NOT EXISTS pg_trgm",) + tuple(
    f"CREATE INDEX {name} ON patents USING gin ({_PG_EXPRESSIONS[column]} gin_trgm_ops)"
    for name, column in zip(TRIGRAM_INDEXES, SEARCHED, strict=True)
)

# FTS5's trigram tokenizer cannot look up fewer than three characters (a two-character Chinese word such as
# 电池 is common), so shorter words fall back to LIKE over the columns: correct, but it reads every row.
TRIGRAM = 3


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _like_any(word: str) -> ColumnElement[bool]:
    pattern = _like(word)
    columns: list[Any] = [getattr(Patent, c) for c in SEARCHED[:-1]] + [cast(Patent.ipc_codes, String)]
    # A word without upper or lower case (Chinese, digits) needs no case folding: plain LIKE finds the same
    # rows, and on PostgreSQL is about 4 times faster than ILIKE, which lowercases every abstract it reads.
    if word.lower() == word.upper():
        return or_(*(column.like(pattern, escape="\\") for column in columns))
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


def _fts_match(word: str) -> ColumnElement[bool]:
    phrase = '"' + word.replace('"', '""') + '"'  # a quoted FTS5 string: every character literal
    match = text(f"{FTS_TABLE} MATCH :phrase").bindparams(phrase=phrase)
    return Patent.id.in_(select(literal_column("rowid")).select_from(text(FTS_TABLE)).where(match))


def contains(word: str, dialect: str) -> ColumnElement[bool]:
    """SQL condition: the patent's title, abstract, numbers or IPC codes contain `word`, ignoring case."""
    if dialect == "sqlite" and len(word) >= TRIGRAM:
        return _fts_match(word)
    return _like_any(word)  # PostgreSQL's planner picks the trigram indexes itself when the word allows


def _run(statements: tuple[str, ...], dialect: str) -> Any:
    def listener(target: Any, connection: Any, **kw: Any) -> None:
        if connection.dialect.name == dialect:
            for statement in statements:
                connection.execute(DDL(statement))

    return listener


event.listen(Patent.__table__, "after_create", _run(SQLITE_CREATE, "sqlite"))
event.listen(Patent.__table__, "before_drop", _run(SQLITE_DROP, "sqlite"))
event.listen(Patent.__table__, "after_create", _run(POSTGRES_CREATE, "postgresql"))
