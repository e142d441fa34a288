"""Pending decisions (maker-checker): a prepared registration, refusal, cancellation or notice revocation

Revision ID: c4d2a9e17b30
Revises: f2d7a9c4b1e6
Create Date: 2026-12-01 23:20:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = 'c4d2a9e17b30'
down_revision: str | None = 'f2d7a9c4b1e6'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=True),
        sa.Column("open_pledge_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("prepared_by", sa.String(length=40), nullable=False),
        sa.Column("prepared_role", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("decided_by", sa.String(length=40), nullable=True),
        sa.Column("decided_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name=op.f("fk_pending_decisions_pledge_id_pledges"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_decisions")),
        sa.UniqueConstraint("open_pledge_id", name=op.f("uq_pending_decisions_open_pledge_id")),
    )
    op.create_index(op.f("ix_pending_decisions_pledge_id"), "pending_decisions", ["pledge_id"], unique=False)
    op.create_index(op.f("ix_pending_decisions_status"), "pending_decisions", ["status"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_pending_decisions_status"), table_name="pending_decisions")
    op.drop_index(op.f("ix_pending_decisions_pledge_id"), table_name="pending_decisions")
    op.drop_table("pending_decisions")
