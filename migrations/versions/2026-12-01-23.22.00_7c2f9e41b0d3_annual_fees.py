"""Annual fees: rights gain fee_reduction, fees_paid_through and fees_next_due; the fee_payments table

Existing rights keep fees_paid_through NULL (fees not tracked: their stored legal status stands) until an
edit, an import or a payment gives them one.

Revision ID: 7c2f9e41b0d3
Revises: 8176a656b5d1
Create Date: 2026-12-01 23:20:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = '7c2f9e41b0d3'
down_revision: str | None = '8176a656b5d1'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild: the rights table carries the full-text triggers and a million rows).
    op.add_column("rights", sa.Column("fee_reduction", sa.Integer(), nullable=True))
    op.add_column("rights", sa.Column("fees_paid_through", sa.Integer(), nullable=True))
    op.add_column("rights", sa.Column("fees_next_due", sa.Date(), nullable=True))
    op.create_index(op.f("ix_rights_fees_next_due"), "rights", ["fees_next_due"], unique=False)
    op.create_table(
        "fee_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", ipdesk.storage.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("payer", sa.String(length=200), nullable=False),
        sa.Column("receipt_no", sa.String(length=60), nullable=False),
        sa.Column("recorded_by", sa.String(length=40), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_fee_payments_right_id_rights"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_payments")),
    )
    op.create_index("ix_fee_payments_right_id_year", "fee_payments", ["right_id", "year"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_fee_payments_right_id_year", table_name="fee_payments")
    op.drop_table("fee_payments")
    op.drop_index(op.f("ix_rights_fees_next_due"), table_name="rights")
    for column in ("fees_next_due", "fees_paid_through", "fee_reduction"):
        op.drop_column("rights", column)
