"""Rights-protection custody: monitoring entries of a right (infringement, invalidation, litigation, complaints)

Revision ID: e6a9c3f1b704
Revises: d41b7e9c2a58
Create Date: 2026-12-01 23:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = 'e6a9c3f1b704'
down_revision: str | None = 'd41b7e9c2a58'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "monitoring_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("counterparty", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("documents", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("outcome_notes", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_monitoring_entries_right_id_rights"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_entries")),
    )
    op.create_index("ix_monitoring_entries_right_status", "monitoring_entries", ["right_id", "status", "kind"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_monitoring_entries_right_status", table_name="monitoring_entries")
    op.drop_table("monitoring_entries")
