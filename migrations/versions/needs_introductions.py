"""needs: enterprises' visibility to patentees, their SEI picks, and introductions

Revision ID: needs_introductions
Revises: fees2_reminders_feeds
Create Date: 2026-12-02 12:00:00

"""

from alembic import op
import sqlalchemy as sa


revision = "needs_introductions"
down_revision = "fees2_reminders_feeds"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "introductions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["declaration_id"], ["declarations.id"], name=op.f("fk_introductions_declaration_id_declarations")
        ),
        sa.ForeignKeyConstraint(
            ["enterprise_id"], ["users.id"], name=op.f("fk_introductions_enterprise_id_users")
        ),
        sa.ForeignKeyConstraint(["sender_id"], ["users.id"], name=op.f("fk_introductions_sender_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_introductions")),
        sa.UniqueConstraint("declaration_id", "enterprise_id", name=op.f("uq_introductions_declaration_id")),
    )
    with op.batch_alter_table("introductions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_introductions_declaration_id"), ["declaration_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_introductions_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_introductions_sender_id"), ["sender_id"], unique=False)
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("visible_to_patentees", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("sei_codes", sa.JSON(), server_default=sa.text("'[]'"), nullable=False))


def downgrade():
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("sei_codes")
        batch_op.drop_column("visible_to_patentees")
    with op.batch_alter_table("introductions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_introductions_sender_id"))
        batch_op.drop_index(batch_op.f("ix_introductions_enterprise_id"))
        batch_op.drop_index(batch_op.f("ix_introductions_declaration_id"))
    op.drop_table("introductions")
