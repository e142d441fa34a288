"""Maintenance custody: custody_agreements and custody_rights (a right in one active agreement at a time)

Revision ID: 9d3a6b2e7f10
Revises: 7c2f9e41b0d3
Create Date: 2026-12-01 23:25:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = '9d3a6b2e7f10'
down_revision: str | None = '7c2f9e41b0d3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "custody_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("custodian_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("payer", sa.String(length=20), nullable=False),
        sa.Column("fee_budget", ipdesk.storage.types.Money(precision=18, scale=2), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["custodian_id"], ["parties.id"],
                                name=op.f("fk_custody_agreements_custodian_id_parties"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_agreements")),
    )
    op.create_index(op.f("ix_custody_agreements_custodian_id"), "custody_agreements", ["custodian_id"], unique=False)
    op.create_table(
        "custody_rights",
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("active_right_id", sa.Integer(), nullable=True),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["custody_agreements.id"],
                                name=op.f("fk_custody_rights_agreement_id_custody_agreements"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["right_id"], ["rights.id"], name=op.f("fk_custody_rights_right_id_rights"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("agreement_id", "right_id", name=op.f("pk_custody_rights")),
        sa.UniqueConstraint("active_right_id", name=op.f("uq_custody_rights_active_right_id")),
    )
    op.create_index("ix_custody_rights_right_id", "custody_rights", ["right_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_custody_rights_right_id", table_name="custody_rights")
    op.drop_table("custody_rights")
    op.drop_index(op.f("ix_custody_agreements_custodian_id"), table_name="custody_agreements")
    op.drop_table("custody_agreements")
