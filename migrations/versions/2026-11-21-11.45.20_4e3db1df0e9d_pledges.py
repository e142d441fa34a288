"""Pledges: applications to cancellation, pledged rights (one active pledge per right), events, counters

Revision ID: 4e3db1df0e9d
Revises: a7c4d4f3592d
Create Date: 2026-11-21 11:45:20.064965+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = '4e3db1df0e9d'
down_revision: str | None = 'a7c4d4f3592d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('counters',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', 'year', name=op.f('pk_counters'))
    )
    op.create_table(
        "pledges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_no", sa.String(length=40), nullable=False),
        sa.Column("registration_no", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("family", sa.String(length=20), nullable=False),
        sa.Column("application_date", sa.Date(), nullable=False),
        sa.Column("clock_start", sa.Date(), nullable=False),
        sa.Column("sla_deadline", sa.Date(), nullable=True),
        sa.Column("correction_deadline", sa.Date(), nullable=True),
        sa.Column("pledgee_id", sa.Integer(), nullable=False),
        sa.Column("debtor_id", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("debt_type", sa.String(length=20), nullable=False),
        sa.Column("secured_amount", ipdesk.storage.types.Money(precision=18, scale=2), nullable=False),
        sa.Column("performance_deadline", sa.Date(), nullable=False),
        sa.Column("pledge_term_end", sa.Date(), nullable=True),
        sa.Column("guarantee_scope", sa.String(length=200), nullable=False),
        sa.Column("documents", sa.String(length=400), nullable=False),
        sa.Column("clauses", sa.String(length=400), nullable=False),
        sa.Column("valuation_declared", sa.Boolean(), nullable=False),
        sa.Column("foreign_language_id", sa.Boolean(), nullable=False),
        sa.Column("licensed_before", sa.Boolean(), nullable=False),
        sa.Column("waivers", sa.Text(), nullable=False),
        sa.Column("other_grounds", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("refused_on", sa.Date(), nullable=True),
        sa.Column("cancelled_on", sa.Date(), nullable=True),
        sa.Column("cancellation_trigger", sa.String(length=40), nullable=False),
        sa.Column("pledgor_names", sa.String(length=600), nullable=False),
        sa.Column("pledgee_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["parties.id"], name=op.f("fk_pledges_agent_id_parties"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["debtor_id"], ["parties.id"], name=op.f("fk_pledges_debtor_id_parties"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["pledgee_id"], ["parties.id"], name=op.f("fk_pledges_pledgee_id_parties"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledges")),
        sa.UniqueConstraint("application_no", name=op.f("uq_pledges_application_no")),
        sa.UniqueConstraint("registration_no", name=op.f("uq_pledges_registration_no")),
    )
    with op.batch_alter_table("pledges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pledges_application_date"), ["application_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_pledges_family"), ["family"], unique=False)
        batch_op.create_index(batch_op.f("ix_pledges_pledgee_id"), ["pledgee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pledges_pledgee_name"), ["pledgee_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_pledges_registered_on"), ["registered_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_pledges_sla_deadline"), ["sla_deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_pledges_status"), ["status"], unique=False)

    op.create_table(
        "pledge_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column("at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name=op.f("fk_pledge_events_pledge_id_pledges"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledge_events")),
    )
    with op.batch_alter_table("pledge_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pledge_events_pledge_id"), ["pledge_id"], unique=False)

    op.create_table(
        "pledge_pledgors",
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_pledge_pledgors_party_id_parties"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name=op.f("fk_pledge_pledgors_pledge_id_pledges"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pledge_id", "party_id", name=op.f("pk_pledge_pledgors")),
    )
    with op.batch_alter_table("pledge_pledgors", schema=None) as batch_op:
        batch_op.create_index("ix_pledge_pledgors_party_id", ["party_id"], unique=False)

    op.create_table(
        "pledge_rights",
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active_right_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["active_right_id"],
            ["rights.id"],
            name=op.f("fk_pledge_rights_active_right_id_rights"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name=op.f("fk_pledge_rights_pledge_id_pledges"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_pledge_rights_right_id_rights"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("pledge_id", "right_id", name=op.f("pk_pledge_rights")),
        sa.UniqueConstraint("active_right_id", name=op.f("uq_pledge_rights_active_right_id")),
    )
    with op.batch_alter_table("pledge_rights", schema=None) as batch_op:
        batch_op.create_index("ix_pledge_rights_right_id", ["right_id"], unique=False)

    op.create_table(
        "right_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("counterparty", sa.String(length=200), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("pledgee_consent", sa.Boolean(), nullable=False),
        sa.Column("proceeds", ipdesk.storage.types.Money(precision=18, scale=2), nullable=True),
        sa.Column("proceeds_handling", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name=op.f("fk_right_transactions_pledge_id_pledges"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_right_transactions_right_id_rights"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_right_transactions")),
    )
    with op.batch_alter_table("right_transactions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_right_transactions_right_id"), ["right_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("right_transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_right_transactions_right_id"))

    op.drop_table("right_transactions")
    with op.batch_alter_table("pledge_rights", schema=None) as batch_op:
        batch_op.drop_index("ix_pledge_rights_right_id")

    op.drop_table("pledge_rights")
    with op.batch_alter_table("pledge_pledgors", schema=None) as batch_op:
        batch_op.drop_index("ix_pledge_pledgors_party_id")

    op.drop_table("pledge_pledgors")
    with op.batch_alter_table("pledge_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pledge_events_pledge_id"))

    op.drop_table("pledge_events")
    with op.batch_alter_table("pledges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pledges_status"))
        batch_op.drop_index(batch_op.f("ix_pledges_sla_deadline"))
        batch_op.drop_index(batch_op.f("ix_pledges_registered_on"))
        batch_op.drop_index(batch_op.f("ix_pledges_pledgee_name"))
        batch_op.drop_index(batch_op.f("ix_pledges_pledgee_id"))
        batch_op.drop_index(batch_op.f("ix_pledges_family"))
        batch_op.drop_index(batch_op.f("ix_pledges_application_date"))

    op.drop_table("pledges")
    op.drop_table("counters")
