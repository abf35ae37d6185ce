"""document consent corrections publications erasure

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 18:12:39.940681
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('paragraph',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('heading', 'text', name='paragraph_kind', native_enum=False, length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('origin', sa.Enum('software', 'facilitators', 'expert', name='origin', native_enum=False, length=20), nullable=False),
    sa.Column('quote_ids', sa.JSON(), nullable=False),
    sa.Column('answer_ids', sa.JSON(), nullable=False),
    sa.Column('evidence_ids', sa.JSON(), nullable=False),
    sa.Column('source', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_paragraph_conference_id_conference'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraph'))
    )
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paragraph_conference_id'), ['conference_id'], unique=False)

    op.create_table('consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('value', sa.Enum('agree', 'live_with', 'object', name='consent_value', native_enum=False, length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_consent_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_consent_paragraph_id_paragraph'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent')),
    sa.UniqueConstraint('paragraph_id', 'member_id', name=op.f('uq_consent_paragraph_id'))
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_paragraph_id'), ['paragraph_id'], unique=False)

    op.create_table('correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_version', sa.Integer(), nullable=False),
    sa.Column('original', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'accepted', 'rejected', name='correction_status', native_enum=False, length=20), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_correction_conference_id_conference'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['member.id'], name=op.f('fk_correction_decided_by_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['expert_id'], ['member.id'], name=op.f('fk_correction_expert_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_correction_paragraph_id_paragraph'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction'))
    )
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_correction_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_correction_paragraph_id'), ['paragraph_id'], unique=False)

    op.create_table('minority_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('paragraph_ids', sa.JSON(), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['member.id'], name=op.f('fk_minority_statement_author_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_minority_statement_conference_id_conference'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minority_statement'))
    )
    with op.batch_alter_table('minority_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minority_statement_conference_id'), ['conference_id'], unique=False)

    op.create_table('paragraph_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('origin', sa.Enum('software', 'facilitators', 'expert', name='origin', native_enum=False, length=20), nullable=False),
    sa.Column('quote_ids', sa.JSON(), nullable=False),
    sa.Column('answer_ids', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=True),
    sa.Column('correction_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['editor_id'], ['member.id'], name=op.f('fk_paragraph_version_editor_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_paragraph_version_paragraph_id_paragraph'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraph_version'))
    )
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paragraph_version_paragraph_id'), ['paragraph_id'], unique=False)

    op.create_table('publication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_publication_conference_id_conference'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['published_by_id'], ['member.id'], name=op.f('fk_publication_published_by_id_member'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication')),
    sa.UniqueConstraint('conference_id', 'number', name=op.f('uq_publication_conference_id'))
    )
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publication_conference_id'), ['conference_id'], unique=False)

    op.create_table('statement_signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('by_name', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_statement_signature_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['statement_id'], ['minority_statement.id'], name=op.f('fk_statement_signature_statement_id_minority_statement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statement_signature')),
    sa.UniqueConstraint('statement_id', 'member_id', name=op.f('uq_statement_signature_statement_id'))
    )
    with op.batch_alter_table('statement_signature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_signature_statement_id'), ['statement_id'], unique=False)

    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))

    op.create_table('phase_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('phase', sa.Enum('preparation', 'hearing', 'deliberation', 'drafting', 'review', 'published', name='phase', native_enum=False, length=20), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_phase_change_conference_id_conference'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase_change'))
    )
    with op.batch_alter_table('phase_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phase_change_conference_id'), ['conference_id'], unique=False)
    # Conferences created before this migration: their current phase, dated from their creation.
    op.execute("INSERT INTO phase_change (conference_id, phase, at) SELECT id, phase, created_at FROM conference")



def downgrade() -> None:
    with op.batch_alter_table('phase_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phase_change_conference_id'))
    op.drop_table('phase_change')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_column('erased_at')

    with op.batch_alter_table('statement_signature', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_signature_statement_id'))

    op.drop_table('statement_signature')
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publication_conference_id'))

    op.drop_table('publication')
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paragraph_version_paragraph_id'))

    op.drop_table('paragraph_version')
    with op.batch_alter_table('minority_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minority_statement_conference_id'))

    op.drop_table('minority_statement')
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_correction_paragraph_id'))
        batch_op.drop_index(batch_op.f('ix_correction_conference_id'))

    op.drop_table('correction')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_paragraph_id'))
        batch_op.drop_index(batch_op.f('ix_consent_member_id'))

    op.drop_table('consent')
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paragraph_conference_id'))

    op.drop_table('paragraph')
