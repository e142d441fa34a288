"""Statistics: covering indexes for the pledge figures (status, registration date, family, pledgee, amount) and
the first-named pledgor (after the pools)

Revision ID: b4e1c7d93a20
Revises: 768d3aacdcb6
Create Date: 2026-12-02 02:45:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = 'b4e1c7d93a20'
down_revision: str | None = '768d3aacdcb6'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_pledges_statistics", "pledges",
                    ["status", "registered_on", "family", "pledgee_id", "secured_amount"], unique=False)
    op.create_index("ix_pledge_pledgors_first", "pledge_pledgors", ["pledge_id", "position", "party_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_pledge_pledgors_first", table_name="pledge_pledgors")
    op.drop_index("ix_pledges_statistics", table_name="pledges")
