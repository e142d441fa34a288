"""Insurance: insurance_policies, insurance_policy_rights and insurance_claims (issue 10)

Revision ID: 6010628afb7c
Revises: d2ae973f0426
Create Date: 2026-12-02 01:07:34+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = "6010628afb7c"
down_revision: str | None = "d2ae973f0426"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "insurance_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_no", sa.String(length=60), nullable=False),
        sa.Column("product", sa.String(length=30), nullable=False),
        sa.Column("insurer_id", sa.Integer(), nullable=False),
        sa.Column("holder_id", sa.Integer(), nullable=False),
        sa.Column("insured_id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=True),
        sa.Column("limit_total", ipdesk.storage.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("limit_per_right", ipdesk.storage.types.Money(precision=18, scale=2), nullable=True),
        sa.Column("deductible", ipdesk.storage.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("premium", ipdesk.storage.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("subsidy_class", sa.String(length=20), nullable=False),
        sa.Column("subsidy_nth", sa.Integer(), nullable=False),
        sa.Column("subsidy_rate", ipdesk.storage.types.Percent(precision=5, scale=2), nullable=False),
        sa.Column("subsidy", ipdesk.storage.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("insured_pays", ipdesk.storage.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("retroactive_on", sa.Date(), nullable=True),
        sa.Column("coinsurance_share", ipdesk.storage.types.Percent(precision=5, scale=2), nullable=True),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_id"], ["parties.id"], name=op.f("fk_insurance_policies_holder_id_parties"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["insured_id"], ["parties.id"], name=op.f("fk_insurance_policies_insured_id_parties"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["insurer_id"], ["parties.id"], name=op.f("fk_insurance_policies_insurer_id_parties"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name=op.f("fk_insurance_policies_pledge_id_pledges"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insurance_policies")),
        sa.UniqueConstraint("policy_no", name=op.f("uq_insurance_policies_policy_no")),
    )
    with op.batch_alter_table("insurance_policies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_insurance_policies_ends_on"), ["ends_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_insurance_policies_holder_id"), ["holder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_insurance_policies_insured_id"), ["insured_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_insurance_policies_insurer_id"), ["insurer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_insurance_policies_pledge_id"), ["pledge_id"], unique=False)

    op.create_table(
        "insurance_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_no", sa.String(length=70), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("insurer_id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("case_text", sa.Text(), nullable=False),
        sa.Column("documents", sa.Text(), nullable=False),
        sa.Column("claimed", ipdesk.storage.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("assessed", ipdesk.storage.types.Money(precision=18, scale=2), nullable=True),
        sa.Column("approved", ipdesk.storage.types.Money(precision=18, scale=2), nullable=True),
        sa.Column("paid", ipdesk.storage.types.Money(precision=18, scale=2), nullable=True),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["insurer_id"], ["parties.id"], name=op.f("fk_insurance_claims_insurer_id_parties"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["insurance_policies.id"],
            name=op.f("fk_insurance_claims_policy_id_insurance_policies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_insurance_claims_right_id_rights"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insurance_claims")),
        sa.UniqueConstraint("claim_no", name=op.f("uq_insurance_claims_claim_no")),
    )
    with op.batch_alter_table("insurance_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_insurance_claims_insurer_id"), ["insurer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_insurance_claims_policy_id"), ["policy_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_insurance_claims_status"), ["status"], unique=False)

    op.create_table(
        "insurance_policy_rights",
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["insurance_policies.id"],
            name=op.f("fk_insurance_policy_rights_policy_id_insurance_policies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_insurance_policy_rights_right_id_rights"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("policy_id", "right_id", name=op.f("pk_insurance_policy_rights")),
    )
    with op.batch_alter_table("insurance_policy_rights", schema=None) as batch_op:
        batch_op.create_index("ix_insurance_policy_rights_right_id", ["right_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("insurance_policy_rights", schema=None) as batch_op:
        batch_op.drop_index("ix_insurance_policy_rights_right_id")

    op.drop_table("insurance_policy_rights")
    with op.batch_alter_table("insurance_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insurance_claims_status"))
        batch_op.drop_index(batch_op.f("ix_insurance_claims_policy_id"))
        batch_op.drop_index(batch_op.f("ix_insurance_claims_insurer_id"))

    op.drop_table("insurance_claims")
    with op.batch_alter_table("insurance_policies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insurance_policies_pledge_id"))
        batch_op.drop_index(batch_op.f("ix_insurance_policies_insurer_id"))
        batch_op.drop_index(batch_op.f("ix_insurance_policies_insured_id"))
        batch_op.drop_index(batch_op.f("ix_insurance_policies_holder_id"))
        batch_op.drop_index(batch_op.f("ix_insurance_policies_ends_on"))

    op.drop_table("insurance_policies")
