"""The keyword index behind the announcements search: on PostgreSQL, pg_trgm GIN indexes for words of three
characters or more and a GIN index over each patent's one- and two-character substrings for shorter words
(电池); on SQLite, an FTS5 trigram table. They answer "which patents contain this substring" without reading
every row; results equal the plain case-insensitive LIKE scan they replace (tests/market/test_search_index.py,
test_search_grams.py).

Databases built with create_all() (the tests) get these statements from the DDL events at the bottom; the
migrations (search_fulltext, search_grams) keep their own copy, as a migration must not change when this
module does.
tests/test_migrations.py leaves these objects out of the models == migrations check: they are not tables or
indexes SQLAlchemy's metadata can describe.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    DDL,
    ColumnElement,
    String,
    Text,
    and_,
    cast,
    event,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.dialects import postgresql

from app.patents.models import Patent

# The columns a keyword is looked for in (the JSON list of IPC codes as its text).
SEARCHED = ("title", "abstract", "publication_number", "application_number", "ipc_codes")

FTS_TABLE = "patents_fts"
TRIGRAM_INDEXES = tuple(f"ix_patents_{column}_trgm" for column in SEARCHED)
# Every database object made here, for the migration-drift test to leave out.
_SHADOW = tuple(f"{FTS_TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config"))
GRAMS_FUNCTION = "patent_search_grams"
GRAMS_INDEX = "ix_patents_search_grams"
OBJECTS = frozenset({FTS_TABLE, *_SHADOW, *TRIGRAM_INDEXES, GRAMS_INDEX})

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
_TRIGRAM_CREATE = tuple(
    f"CREATE INDEX {name} ON patents USING gin ({_PG_EXPRESSIONS[column]} gin_trgm_ops)"
    for name, column in zip(TRIGRAM_INDEXES, SEARCHED, strict=True)
)

# Trigrams cannot look up a word of one or two characters, and pg_bigm is not packaged here. Instead: a GIN
# index over every one- and two-character substring ("gram") of the searched columns, lowercased. The function
# is IMMUTABLE and the index is on the expression, so PostgreSQL keeps it current on every write (UI, API,
# import, raw SQL) with no code of ours. It runs in C calls only (20 times faster than a generate_series
# over the characters): the columns joined by spaces, cut into pairs from the first character and from the
# second, split at the spaces, plus every single character. A pair that holds a space splits into single
# characters or '' (extra entries, harmless: no query word holds a space), so no gram spans two columns; GIN
# drops duplicates itself.
_GRAMS_ARGS = ", ".join(_PG_EXPRESSIONS[c] for c in SEARCHED)
_GRAMS_CREATE = (
    f"CREATE OR REPLACE FUNCTION {GRAMS_FUNCTION}(VARIADIC parts text[]) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT string_to_array(regexp_replace(t, '(..)', '\\1 ', 'g') || ' ' "
    "|| regexp_replace(substr(t, 2), '(..)', '\\1 ', 'g'), ' ') || string_to_array(t, NULL) "
    "FROM (SELECT lower(array_to_string(parts, ' ')) AS t) AS s $$",
    f"CREATE INDEX {GRAMS_INDEX} ON patents USING gin ({GRAMS_FUNCTION}({_GRAMS_ARGS}))",
)
POSTGRES_CREATE = ("CREATE EXTENSION IF NOT EXISTS pg_trgm", *_TRIGRAM_CREATE, *_GRAMS_CREATE)
POSTGRES_DROP = (f"DROP FUNCTION IF EXISTS {GRAMS_FUNCTION}",)  # after the table, whose index needs it

# FTS5's trigram tokenizer cannot look up fewer than three characters (a two-character Chinese word such as
# 电池 is common), so on SQLite shorter words fall back to LIKE over the columns: correct, but a scan.
TRIGRAM = 3


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _columns() -> list[Any]:
    return [getattr(Patent, c) for c in SEARCHED[:-1]] + [cast(Patent.ipc_codes, String)]


def _like_any(word: str) -> ColumnElement[bool]:
    pattern = _like(word)
    columns = _columns()
    # A word without upper or lower case (Chinese, digits) needs no case folding: plain LIKE finds the same
    # rows, and on PostgreSQL is about 4 times faster than ILIKE, which lowercases every abstract it reads.
    if word.lower() == word.upper():
        return or_(*(column.like(pattern, escape="\\") for column in columns))
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


def _fts_match(word: str) -> ColumnElement[bool]:
    phrase = '"' + word.replace('"', '""') + '"'  # a quoted FTS5 string: every character literal
    match = text(f"{FTS_TABLE} MATCH :phrase").bindparams(phrase=phrase)
    return Patent.id.in_(select(literal_column("rowid")).select_from(text(FTS_TABLE)).where(match))


def grams_of_patent() -> ColumnElement[list[str]]:
    """The indexed expression: the planner uses the index only for this very expression."""
    return getattr(func, GRAMS_FUNCTION)(*_columns(), type_=postgresql.ARRAY(Text))


def _has_grams(word: str) -> ColumnElement[bool]:
    # lower() on both sides, as ILIKE does.
    return grams_of_patent().contains(postgresql.array([func.lower(literal(word, Text))]))


def _text_contains(word: str) -> ColumnElement[bool]:
    # The columns joined by a space (no word holds one, so no match spans two), lowercased as ILIKE does.
    joined = func.lower(func.concat_ws(" ", *_columns()))
    return func.strpos(joined, func.lower(literal(word, Text))) > 0


def contains(word: str, dialect: str) -> ColumnElement[bool]:
    """SQL condition: the patent's title, abstract, numbers or IPC codes contain `word`, ignoring case."""
    if dialect == "sqlite" and len(word) >= TRIGRAM:
        return _fts_match(word)
    if dialect == "postgresql" and len(word) < TRIGRAM:
        # The gram index alone is exact; strpos repeats it cheaply for plans that walk the list in date order
        # and test each row (a frequent word: 20 matches among the newest few hundred rows), where computing
        # the grams would cost a fraction of a millisecond a row. Not LIKE: the planner would multiply LIKE's
        # guess by the index's estimate, expect 20 times fewer rows than match, and plan for a rare word.
        return and_(_has_grams(word), _text_contains(word))
    return _like_any(word)  # PostgreSQL's planner picks the trigram indexes itself for longer words


def _run(statements: tuple[str, ...], dialect: str) -> Any:
    def listener(target: Any, connection: Any, **kw: Any) -> None:
        if connection.dialect.name == dialect:
            for statement in statements:
                connection.execute(DDL(statement))

    return listener


event.listen(Patent.__table__, "after_create", _run(SQLITE_CREATE, "sqlite"))
event.listen(Patent.__table__, "before_drop", _run(SQLITE_DROP, "sqlite"))
event.listen(Patent.__table__, "after_create", _run(POSTGRES_CREATE, "postgresql"))
event.listen(Patent.__table__, "after_drop", _run(POSTGRES_DROP, "postgresql"))
