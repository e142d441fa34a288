"""Value analysis: weight sets with an effective date, scored sheets of a right or a valuation

Revision ID: d41b7e9c2a58
Revises: 8c2f4a1d6e73
Create Date: 2026-12-01 22:45:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = 'd41b7e9c2a58'
down_revision: str | None = '8c2f4a1d6e73'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _percent() -> ipdesk.storage.types.Percent:
    return ipdesk.storage.types.Percent(precision=5, scale=2)


def upgrade() -> None:
    op.create_table(
        "value_weight_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("weights", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value_weight_sets")),
        sa.UniqueConstraint("effective_from", name=op.f("uq_value_weight_sets_effective_from")),
    )
    op.create_table(
        "value_analyses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=True),
        sa.Column("valuation_id", sa.Integer(), nullable=True),
        sa.Column("weight_set_id", sa.Integer(), nullable=True),
        sa.Column("scored_on", sa.Date(), nullable=False),
        sa.Column("scores", sa.Text(), nullable=False),
        sa.Column("legal", _percent(), nullable=False),
        sa.Column("technical", _percent(), nullable=False),
        sa.Column("economic", _percent(), nullable=False),
        sa.Column("value_degree", _percent(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("analyst", sa.String(length=80), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_value_analyses_right_id_rights"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["valuation_id"], ["valuations.id"], name=op.f("fk_value_analyses_valuation_id_valuations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["weight_set_id"], ["value_weight_sets.id"],
            name=op.f("fk_value_analyses_weight_set_id_value_weight_sets"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value_analyses")),
    )
    op.create_index(op.f("ix_value_analyses_right_id"), "value_analyses", ["right_id"], unique=False)
    op.create_index(op.f("ix_value_analyses_valuation_id"), "value_analyses", ["valuation_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_value_analyses_valuation_id"), table_name="value_analyses")
    op.drop_index(op.f("ix_value_analyses_right_id"), table_name="value_analyses")
    op.drop_table("value_analyses")
    op.drop_table("value_weight_sets")
