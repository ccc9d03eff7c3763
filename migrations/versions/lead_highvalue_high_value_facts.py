"""High-value facts: patent family abroad, pledge financing amount and pledgee, awards.

Revision ID: lead_highvalue
Revises: lead_fees
Create Date: 2026-12-02 06:27:45.834472

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'lead_highvalue'
down_revision = 'lead_fees'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('patent_awards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('level', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['patent_id'], ['patents.id'], name=op.f('fk_patent_awards_patent_id_patents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patent_awards'))
    )
    with op.batch_alter_table('patent_awards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patent_awards_patent_id'), ['patent_id'], unique=False)

    with op.batch_alter_table('patents', schema=None) as batch_op:
        # Existing rows get an empty family and pledgee; the defaults are then left to the application.
        batch_op.add_column(sa.Column('foreign_family', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('pledge_amount', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('pledgee', sa.String(length=200), nullable=False, server_default=''))
    with op.batch_alter_table('patents', schema=None) as batch_op:
        batch_op.alter_column('foreign_family', server_default=None)
        batch_op.alter_column('pledgee', server_default=None)


def downgrade():
    with op.batch_alter_table('patents', schema=None) as batch_op:
        batch_op.drop_column('pledgee')
        batch_op.drop_column('pledge_amount')
        batch_op.drop_column('foreign_family')

    with op.batch_alter_table('patent_awards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patent_awards_patent_id'))

    op.drop_table('patent_awards')
