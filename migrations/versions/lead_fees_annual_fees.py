"""Annual fees: fee payments per patent year, and the owner's declared fee reduction (费减).

Revision ID: lead_fees
Revises: 79e1f86e7144
Create Date: 2026-12-02 06:13:24.083733

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'lead_fees'
down_revision = 'inputs_exact_money'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('fee_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['patent_id'], ['patents.id'], name=op.f('fk_fee_payments_patent_id_patents')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_fee_payments_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_payments')),
    sa.UniqueConstraint('patent_id', 'year', name=op.f('uq_fee_payments_patent_id'))
    )
    with op.batch_alter_table('fee_payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_payments_patent_id'), ['patent_id'], unique=False)

    with op.batch_alter_table('patents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fee_reduction_pct', sa.Integer(), nullable=True))



def downgrade():
    with op.batch_alter_table('patents', schema=None) as batch_op:
        batch_op.drop_column('fee_reduction_pct')

    with op.batch_alter_table('fee_payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_payments_patent_id'))

    op.drop_table('fee_payments')
