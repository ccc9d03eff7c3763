"""Batch push (issue 10): enterprises' matcher features, stored once and refreshed by fingerprint.

Revision ID: batch_profiles
Revises: life2_region_populations
Create Date: 2026-12-07 15:30:00

"""

from alembic import op
import sqlalchemy as sa


revision = "batch_profiles"
down_revision = "life2_region_populations"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "match_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("features", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_match_profiles_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_profiles")),
        sa.UniqueConstraint("user_id", "subscription_id", name=op.f("uq_match_profiles_user_id")),
    )
    with op.batch_alter_table("match_profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_profiles_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("match_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_profiles_user_id"))
    op.drop_table("match_profiles")
