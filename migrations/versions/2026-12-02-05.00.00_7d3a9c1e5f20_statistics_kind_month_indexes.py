"""Statistics: a narrow index of the rights' kind by id (by kind of right) and of the pledge events by kind and
date (by month), after the rights' fee-status index

Revision ID: 7d3a9c1e5f20
Revises: a7d3c9e1f5b2
Create Date: 2026-12-02 05:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '7d3a9c1e5f20'
down_revision: str | None = 'a7d3c9e1f5b2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_rights_id_kind", "rights", ["id", "kind"], unique=False)
    op.create_index("ix_pledge_events_kind_date", "pledge_events", ["kind", "on_date"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_pledge_events_kind_date", table_name="pledge_events")
    op.drop_index("ix_rights_id_kind", table_name="rights")
