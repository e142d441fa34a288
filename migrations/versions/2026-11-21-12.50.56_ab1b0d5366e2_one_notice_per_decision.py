"""Notices: at most one serial per pledge event (unique partial index)

Revision ID: ab1b0d5366e2
Revises: f3a55f273b2c
Create Date: 2026-11-21 12:50:56.871317+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'ab1b0d5366e2'
down_revision: str | None = 'f3a55f273b2c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(
            "uq_notices_pledge_event",
            ["pledge_id", "kind", "event_id"],
            unique=True,
            sqlite_where=sa.text("event_id IS NOT NULL"),
            postgresql_where=sa.text("event_id IS NOT NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_notices_pledge_event",
            sqlite_where=sa.text("event_id IS NOT NULL"),
            postgresql_where=sa.text("event_id IS NOT NULL"),
        )
