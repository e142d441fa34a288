"""Rights: an index of the fees' next anniversary with the legal status and the kind (the legal-status filter
reads the tracked patents whose fee fell due before a day from it, index-only, to show the status as the list
does)

Revision ID: a7d3c9e1f5b2
Revises: 85e820437d00
Create Date: 2026-12-02 05:10:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = 'a7d3c9e1f5b2'
down_revision: str | None = '85e820437d00'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_rights_fees_next_due_status", "rights", ["fees_next_due", "legal_status", "kind"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_rights_fees_next_due_status", table_name="rights")
