"""Valuations: a valuation of a right or a package of rights, and the rights it covers

Revision ID: 8c2f4a1d6e73
Revises: 5b1e0c7d9a42
Create Date: 2026-12-01 22:30:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = '8c2f4a1d6e73'
down_revision: str | None = '5b1e0c7d9a42'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "valuations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("evaluator_id", sa.Integer(), nullable=False),
        sa.Column("value", ipdesk.storage.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("forced_sale_value", ipdesk.storage.types.Money(precision=18, scale=2), nullable=True),
        sa.Column("value_date", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("report_no", sa.String(length=60), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evaluator_id"], ["parties.id"], name=op.f("fk_valuations_evaluator_id_parties"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_valuations")),
    )
    op.create_index(op.f("ix_valuations_evaluator_id"), "valuations", ["evaluator_id"], unique=False)
    op.create_table(
        "valuation_rights",
        sa.Column("valuation_id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_valuation_rights_right_id_rights"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["valuation_id"], ["valuations.id"], name=op.f("fk_valuation_rights_valuation_id_valuations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("valuation_id", "right_id", name=op.f("pk_valuation_rights")),
    )
    op.create_index("ix_valuation_rights_right_id", "valuation_rights", ["right_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_valuation_rights_right_id", table_name="valuation_rights")
    op.drop_table("valuation_rights")
    op.drop_index(op.f("ix_valuations_evaluator_id"), table_name="valuations")
    op.drop_table("valuations")
