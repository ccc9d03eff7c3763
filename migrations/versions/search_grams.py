"""Keyword search for words of one or two characters (电池) on PostgreSQL: a GIN index over every one- and
two-character substring of the searched patent columns, lowercased, made by an IMMUTABLE SQL function
(app/declarations/fulltext.py). SQLite keeps its LIKE fallback for such words: nothing to do there.

Revision ID: search_grams
Revises: search_fulltext
Create Date: 2026-12-07 21:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "search_grams"
down_revision = "search_fulltext"
branch_labels = None
depends_on = None

# Only C calls: the columns joined by spaces, cut into pairs from the first character and from the second,
# split at the spaces, plus every single character (see app/declarations/fulltext.py).
FUNCTION = (
    "CREATE OR REPLACE FUNCTION patent_search_grams(VARIADIC parts text[]) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    r"SELECT string_to_array(regexp_replace(t, '(..)', '\1 ', 'g') || ' ' "
    r"|| regexp_replace(substr(t, 2), '(..)', '\1 ', 'g'), ' ') || string_to_array(t, NULL) "
    "FROM (SELECT lower(array_to_string(parts, ' ')) AS t) AS s $$"
)
INDEX = (
    "CREATE INDEX ix_patents_search_grams ON patents USING gin (patent_search_grams(title, abstract, "
    "publication_number, application_number, (CAST(ipc_codes AS VARCHAR))))"
)


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FUNCTION)
        op.execute(INDEX)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_patents_search_grams")
        op.execute("DROP FUNCTION IF EXISTS patent_search_grams")
