"""Patent life after grant (issue 11): co-owners and their consents; licence recordals.

Revision ID: life_lifecycle
Revises: needs_introductions
Create Date: 2026-12-02 12:05:42.747349

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'life_lifecycle'
down_revision = "needs_introductions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('patent_co_owners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('share_pct', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['patent_id'], ['patents.id'], name=op.f('fk_patent_co_owners_patent_id_patents')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_patent_co_owners_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patent_co_owners'))
    )
    with op.batch_alter_table('patent_co_owners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patent_co_owners_patent_id'), ['patent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patent_co_owners_user_id'), ['user_id'], unique=False)

    op.create_table('co_owner_consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('co_owner_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.Enum('DECLARE', 'WITHDRAW', name='consentaction', native_enum=False, length=20), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('terms_sha256', sa.String(length=64), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['co_owner_id'], ['patent_co_owners.id'], name=op.f('fk_co_owner_consents_co_owner_id_patent_co_owners'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], name=op.f('fk_co_owner_consents_declaration_id_declarations')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_co_owner_consents_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_co_owner_consents')),
    sa.UniqueConstraint('declaration_id', 'co_owner_id', 'action', name=op.f('uq_co_owner_consents_declaration_id'))
    )
    with op.batch_alter_table('co_owner_consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_co_owner_consents_co_owner_id'), ['co_owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_co_owner_consents_declaration_id'), ['declaration_id'], unique=False)

    op.create_table('licence_recordals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('licence_id', sa.Integer(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('recordal_number', sa.String(length=20), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['licence_id'], ['licences.id'], name=op.f('fk_licence_recordals_licence_id_licences')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_licence_recordals_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence_recordals')),
    sa.UniqueConstraint('licence_id', name=op.f('uq_licence_recordals_licence_id'))
    )



def downgrade():
    op.drop_table('licence_recordals')
    with op.batch_alter_table('co_owner_consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_co_owner_consents_declaration_id'))
        batch_op.drop_index(batch_op.f('ix_co_owner_consents_co_owner_id'))

    op.drop_table('co_owner_consents')
    with op.batch_alter_table('patent_co_owners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patent_co_owners_user_id'))
        batch_op.drop_index(batch_op.f('ix_patent_co_owners_patent_id'))

    op.drop_table('patent_co_owners')
