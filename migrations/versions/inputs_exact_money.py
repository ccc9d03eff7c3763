"""Exact money (every Money/percentage column becomes a scaled integer); failed e-mails are recorded.

SQLite stored NUMERIC as a binary float; integer fen (and hundredths of a percent, millionths of a basis)
are exact everywhere. PostgreSQL converts in place (USING round(col * 10^places)); SQLite scales the values
first, then rebuilds each table in batch mode (which casts to the new type).
A match e-mail refused for good is marked on its notice (email_failed_at, email_error) and not retried.

Revision ID: inputs_exact_money
Revises: 79e1f86e7144
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "inputs_exact_money"
down_revision = "79e1f86e7144"
branch_labels = None
depends_on = None

MONEY, PCT, BASIS = (14, 2), (6, 2), (18, 6)

# table -> {column: (precision, scale) of the old Numeric}
COLUMNS: dict[str, dict[str, tuple[int, int]]] = {
    "declarations": {"lump_sum": MONEY, "entry_fee": MONEY, "royalty_rate_pct": PCT, "unit_fee": MONEY},
    "pools": {"lump_sum": MONEY, "royalty_rate_pct": PCT, "unit_fee": MONEY, "admin_fee_pct": PCT},
    "pool_patents": {"share_pct": PCT},
    "payments": {"amount": MONEY},
    "cross_licences": {
        "annual_sales": MONEY,
        "profit_margin_pct": PCT,
        "value_a": MONEY,
        "value_b": MONEY,
        "balancing_payment": MONEY,
    },
    "pool_payments": {
        "amount": MONEY,
        "admin_fee_pct": PCT,
        "admin_fee": MONEY,
        "distributed": MONEY,
        "net_sales": MONEY,
    },
    "sales_reports": {"net_sales": MONEY, "fee_due": MONEY},
    "cross_licence_items": {"value": MONEY},
    "pool_shares": {"basis": BASIS, "amount": MONEY},
}


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _scale(table: str, columns: dict[str, tuple[int, int]], up: bool) -> None:
    """SQLite: multiply (or divide) the stored values by 10^scale before (after) the type change."""
    sets = ", ".join(
        f"{c} = round({c} * {10**s})" if up else f"{c} = {c} / {10**s}.0" for c, (_, s) in columns.items()
    )
    op.execute(f"UPDATE {table} SET {sets}")


def upgrade() -> None:
    with op.batch_alter_table("match_notices") as batch:
        batch.add_column(sa.Column("email_failed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("email_error", sa.String(length=500), nullable=False, server_default=""))
    with op.batch_alter_table("match_notices") as batch:
        batch.alter_column("email_error", server_default=None, existing_type=sa.String(length=500))
    for table, columns in COLUMNS.items():
        if _postgresql():
            for col, (p, s) in columns.items():
                op.alter_column(
                    table,
                    col,
                    type_=sa.BigInteger(),
                    existing_type=sa.Numeric(p, s),
                    postgresql_using=f"round({col} * {10**s})::bigint",
                )
            continue
        _scale(table, columns, up=True)
        with op.batch_alter_table(table) as batch:
            for col, (p, s) in columns.items():
                batch.alter_column(col, type_=sa.BigInteger(), existing_type=sa.Numeric(p, s))


def downgrade() -> None:
    with op.batch_alter_table("match_notices") as batch:
        batch.drop_column("email_error")
        batch.drop_column("email_failed_at")
    for table, columns in COLUMNS.items():
        if _postgresql():
            for col, (p, s) in columns.items():
                op.alter_column(
                    table,
                    col,
                    type_=sa.Numeric(p, s),
                    existing_type=sa.BigInteger(),
                    postgresql_using=f"({col} / {10**s}.0)::numeric({p}, {s})",
                )
            continue
        with op.batch_alter_table(table) as batch:
            for col, (p, s) in columns.items():
                batch.alter_column(col, type_=sa.Numeric(p, s), existing_type=sa.BigInteger())
        _scale(table, columns, up=False)
