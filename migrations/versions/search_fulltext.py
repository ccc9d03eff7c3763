"""Search and pages at scale (issue 10): the keyword index (pg_trgm GIN indexes on PostgreSQL, an FTS5 trigram
table kept by triggers on SQLite; app/declarations/fulltext.py) and indexes on updated_at (the ETag data version).

Revision ID: search_fulltext
Revises: batch_profiles
Create Date: 2026-12-07 15:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'search_fulltext'
down_revision = "batch_profiles"
branch_labels = None
depends_on = None

TIMESTAMPED = ("users", "organisations", "declarations", "patents", "licences", "alliances", "pools",
               "pool_licences", "cross_licences", "match_feedback")
COLUMNS = "title, abstract, publication_number, application_number, ipc_codes"
NEW = "new.title, new.abstract, new.publication_number, new.application_number, new.ipc_codes"
OLD = "old.title, old.abstract, old.publication_number, old.application_number, old.ipc_codes"
DELETE_OLD = f"INSERT INTO patents_fts(patents_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD});"
INSERT_NEW = f"INSERT INTO patents_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW});"
SQLITE = (
    f"CREATE VIRTUAL TABLE patents_fts USING fts5({COLUMNS}, content='patents', content_rowid='id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER patents_fts_ai AFTER INSERT ON patents BEGIN {INSERT_NEW} END",
    f"CREATE TRIGGER patents_fts_ad AFTER DELETE ON patents BEGIN {DELETE_OLD} END",
    f"CREATE TRIGGER patents_fts_au AFTER UPDATE OF {COLUMNS} ON patents BEGIN {DELETE_OLD} {INSERT_NEW} END",
    "INSERT INTO patents_fts(patents_fts) VALUES ('rebuild')",
)
TRIGRAM = {
    "ix_patents_title_trgm": "title",
    "ix_patents_abstract_trgm": "abstract",
    "ix_patents_publication_number_trgm": "publication_number",
    "ix_patents_application_number_trgm": "application_number",
    "ix_patents_ipc_codes_trgm": "(CAST(ipc_codes AS VARCHAR))",
}


def upgrade():
    with op.batch_alter_table("declarations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_declarations_status_published_at_id", ["status", "published_at", "id"], unique=False
        )
    for table in TIMESTAMPED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_updated_at"), ["updated_at"], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, expression in TRIGRAM.items():
            op.execute(f"CREATE INDEX {name} ON patents USING gin ({expression} gin_trgm_ops)")


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS patents_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS patents_fts")
    elif dialect == "postgresql":
        for name in TRIGRAM:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    for table in reversed(TIMESTAMPED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_updated_at"))
    with op.batch_alter_table("declarations", schema=None) as batch_op:
        batch_op.drop_index("ix_declarations_status_published_at_id")
