"""Office keys with their validity period: trusted_keys.office, valid_from, valid_until

Revision ID: f2d7a9c4b1e6
Revises: 9d3a6b2e7f10
Create Date: 2026-12-01 23:20:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = 'f2d7a9c4b1e6'
down_revision: str | None = '9d3a6b2e7f10'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('trusted_keys') as batch:
        batch.add_column(sa.Column('office', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column('valid_from', ipdesk.storage.types.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('valid_until', ipdesk.storage.types.UTCDateTime(timezone=True), nullable=True))
    # The keys this desk trusted as its own were the office keys; valid since they were added.
    op.execute("UPDATE trusted_keys SET office = TRUE, valid_from = added_at WHERE label = '本机登记机关密钥'")


def downgrade() -> None:
    with op.batch_alter_table('trusted_keys') as batch:
        batch.drop_column('valid_until')
        batch.drop_column('valid_from')
        batch.drop_column('office')
