"""Rights: composite indexes for filtered pages (kind, legal status, flagged) in number order

Revision ID: f3a55f273b2c
Revises: ecd7e97e73ce
Create Date: 2026-11-21 12:35:50.517372+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'f3a55f273b2c'
down_revision: str | None = 'ecd7e97e73ce'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('rights', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rights_kind'))
        batch_op.drop_index(batch_op.f('ix_rights_legal_status'))
        batch_op.create_index(
            "ix_rights_flagged_number",
            ["number"],
            unique=False,
            sqlite_where=sa.text("invalidation_requested = 1 OR ownership_dispute = 1 OR court_preservation = 1"),
            postgresql_where=sa.text("invalidation_requested OR ownership_dispute OR court_preservation"),
        )
        batch_op.create_index("ix_rights_kind_number", ["kind", "number"], unique=False)
        batch_op.create_index("ix_rights_legal_status_number", ["legal_status", "number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rights", schema=None) as batch_op:
        batch_op.drop_index("ix_rights_legal_status_number")
        batch_op.drop_index("ix_rights_kind_number")
        batch_op.drop_index(
            "ix_rights_flagged_number",
            sqlite_where=sa.text("invalidation_requested = 1 OR ownership_dispute = 1 OR court_preservation = 1"),
            postgresql_where=sa.text("invalidation_requested OR ownership_dispute OR court_preservation"),
        )
        batch_op.create_index(batch_op.f("ix_rights_legal_status"), ["legal_status"], unique=False)
        batch_op.create_index(batch_op.f("ix_rights_kind"), ["kind"], unique=False)
