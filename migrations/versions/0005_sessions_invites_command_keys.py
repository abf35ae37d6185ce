"""sessions that end, invites that close, idempotency keys (issue 10)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 22:20:12.004787
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('command_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('command', sa.String(length=30), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_command_key_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_command_key')),
    sa.UniqueConstraint('member_id', 'key', name=op.f('uq_command_key_member_id'))
    )
    with op.batch_alter_table('command_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_command_key_member_id'), ['member_id'], unique=False)

    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('max_members', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('rotated_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_issued_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('invite_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ended_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('ended_how', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('ended_by_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_member_invite_id'), ['invite_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_member_invite_id_invite'), 'invite', ['invite_id'], ['id'], ondelete='SET NULL')
    # Tokens issued before this migration count from the member's creation.
    op.execute("UPDATE member SET token_issued_at = created_at")
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.alter_column('token_issued_at', existing_type=sa.DateTime(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_member_invite_id_invite'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_member_invite_id'))
        batch_op.drop_column('ended_by_id')
        batch_op.drop_column('ended_how')
        batch_op.drop_column('ended_at')
        batch_op.drop_column('invite_id')
        batch_op.drop_column('token_issued_at')

    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.drop_column('rotated_at')
        batch_op.drop_column('max_members')
        batch_op.drop_column('closed_at')

    with op.batch_alter_table('command_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_command_key_member_id'))

    op.drop_table('command_key')
