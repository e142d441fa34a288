"""Risk early warning: risk_signals, risk_actions and risk_scans (issue 10)

Revision ID: 44318f0b5836
Revises: 6010628afb7c
Create Date: 2026-12-02 01:23:24+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = "44318f0b5836"
down_revision: str | None = "6010628afb7c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "risk_scans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("pledges", sa.Integer(), nullable=False),
        sa.Column("raised", sa.Integer(), nullable=False),
        sa.Column("cleared", sa.Integer(), nullable=False),
        sa.Column("at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_scans")),
    )
    op.create_table(
        "risk_signals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=True),
        sa.Column("active_key", sa.String(length=80), nullable=True),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("cleared_on", sa.Date(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name=op.f("fk_risk_signals_pledge_id_pledges"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_risk_signals_right_id_rights"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_signals")),
        sa.UniqueConstraint("active_key", name=op.f("uq_risk_signals_active_key")),
    )
    with op.batch_alter_table("risk_signals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_signals_cleared_on"), ["cleared_on"], unique=False)
        batch_op.create_index("ix_risk_signals_open_severity", ["cleared_on", "severity"], unique=False)
        batch_op.create_index(batch_op.f("ix_risk_signals_pledge_id"), ["pledge_id"], unique=False)

    op.create_table(
        "risk_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signal_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("loans", sa.String(length=400), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["signal_id"], ["risk_signals.id"], name=op.f("fk_risk_actions_signal_id_risk_signals"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_actions")),
    )
    with op.batch_alter_table("risk_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_actions_signal_id"), ["signal_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("risk_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_actions_signal_id"))

    op.drop_table("risk_actions")
    with op.batch_alter_table("risk_signals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_signals_pledge_id"))
        batch_op.drop_index("ix_risk_signals_open_severity")
        batch_op.drop_index(batch_op.f("ix_risk_signals_cleared_on"))

    op.drop_table("risk_signals")
    op.drop_table("risk_scans")
