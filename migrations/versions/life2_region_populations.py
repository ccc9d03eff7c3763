"""Resident population per province (high-value inventions per 10,000 people) and demo assumptions.

Revision ID: life2_region_populations
Revises: life_lifecycle
Create Date: 2026-12-07 15:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "life2_region_populations"
down_revision = "life_lifecycle"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('region_populations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province', sa.String(length=20), nullable=False),
    sa.Column('population', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_region_populations_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region_populations')),
    sa.UniqueConstraint('province', name=op.f('uq_region_populations_province'))
    )
    op.create_table('demo_assumptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['patent_id'], ['patents.id'], name=op.f('fk_demo_assumptions_patent_id_patents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demo_assumptions'))
    )
    with op.batch_alter_table('demo_assumptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demo_assumptions_patent_id'), ['patent_id'], unique=False)


def downgrade():
    with op.batch_alter_table('demo_assumptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_demo_assumptions_patent_id'))
    op.drop_table('demo_assumptions')
    op.drop_table('region_populations')
