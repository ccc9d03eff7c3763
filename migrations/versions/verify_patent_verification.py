"""patent verification (state, evidence files, audit trail); one published declaration per patent

Revision ID: verify_patent_verification
Revises: 79e1f86e7144
Create Date: 2026-12-02 06:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'verify_patent_verification'
down_revision = 'lead_highvalue'
branch_labels = None
depends_on = None

PUBLISHED = sa.text("status = 'PUBLISHED'")
# Races before this index could leave a patent with two announced declarations: keep the first, withdraw the rest.
WITHDRAW_DUPLICATES = sa.text(
    "UPDATE declarations SET status = 'WITHDRAWN', withdrawn_at = CURRENT_TIMESTAMP, "
    "withdrawal_reason = 'duplicate announcement withdrawn by migration (one declaration per patent)' "
    "WHERE status = 'PUBLISHED' AND EXISTS (SELECT 1 FROM declarations AS d2 WHERE d2.patent_id = "
    "declarations.patent_id AND d2.status = 'PUBLISHED' AND d2.id < declarations.id)"
)


def upgrade():
    with op.batch_alter_table('patents', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'verification',
            sa.Enum('UNVERIFIED', 'VERIFIED', 'REJECTED', name='verification', native_enum=False, length=20),
            server_default='UNVERIFIED', nullable=False,
        ))
        batch_op.create_index(batch_op.f('ix_patents_verification'), ['verification'], unique=False)

    op.create_table('patent_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=50), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['patent_id'], ['patents.id'], name=op.f('fk_patent_evidence_patent_id_patents')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_patent_evidence_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patent_evidence'))
    )
    with op.batch_alter_table('patent_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patent_evidence_patent_id'), ['patent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patent_evidence_sha256'), ['sha256'], unique=False)

    op.create_table('patent_verification_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_patent_verification_events_actor_id_users')),
    sa.ForeignKeyConstraint(['patent_id'], ['patents.id'], name=op.f('fk_patent_verification_events_patent_id_patents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patent_verification_events'))
    )
    with op.batch_alter_table('patent_verification_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patent_verification_events_patent_id'), ['patent_id'], unique=False)

    op.execute(WITHDRAW_DUPLICATES)
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.create_index(
            'uq_declarations_one_published_per_patent', ['patent_id'], unique=True,
            sqlite_where=PUBLISHED, postgresql_where=PUBLISHED,
        )


def downgrade():
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_index('uq_declarations_one_published_per_patent')

    with op.batch_alter_table('patent_verification_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patent_verification_events_patent_id'))
    op.drop_table('patent_verification_events')

    with op.batch_alter_table('patent_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patent_evidence_sha256'))
        batch_op.drop_index(batch_op.f('ix_patent_evidence_patent_id'))
    op.drop_table('patent_evidence')

    with op.batch_alter_table('patents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patents_verification'))
        batch_op.drop_column('verification')
