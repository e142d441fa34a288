"""Patent pools: a member who left may rejoin (one row per membership period, no longer one per party)

Revision ID: 5c8e2f4a9b71
Revises: b4e1c7d93a20
Create Date: 2026-12-02 04:10:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '5c8e2f4a9b71'
down_revision: str | None = 'b4e1c7d93a20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('market_pool_members', schema=None) as batch_op:
        batch_op.drop_constraint('uq_market_pool_members_pool_id_party_id', type_='unique')


def downgrade() -> None:
    with op.batch_alter_table('market_pool_members', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_market_pool_members_pool_id_party_id', ['pool_id', 'party_id'])
