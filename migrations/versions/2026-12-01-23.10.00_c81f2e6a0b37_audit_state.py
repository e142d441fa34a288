"""Audit state: what each audit entry binds (audit_log.state) and the last audited state of each record

Revision ID: c81f2e6a0b37
Revises: e6a9c3f1b704
Create Date: 2026-12-01 23:10:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c81f2e6a0b37'
down_revision: str | None = 'e6a9c3f1b704'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log') as batch:
        batch.add_column(sa.Column('state', sa.Text(), nullable=False, server_default=''))
    op.create_table(
        'audit_state',
        sa.Column('entity_type', sa.String(length=40), nullable=False),
        sa.Column('entity_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('state', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('entity_type', 'entity_id', name=op.f('pk_audit_state')),
    )


def downgrade() -> None:
    op.drop_table('audit_state')
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_column('state')
