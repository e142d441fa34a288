"""Notices: the issue log with signed canonical content, prints and reprints, revocation, trusted keys

Revision ID: ecd7e97e73ce
Revises: 4e3db1df0e9d
Create Date: 2026-11-21 11:53:44.789253+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types

revision: str = 'ecd7e97e73ce'
down_revision: str | None = '4e3db1df0e9d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('trusted_keys',
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('public_pem', sa.Text(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('added_at', ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_trusted_keys'))
    )
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("pledge_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=80), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.String(length=400), nullable=False),
        sa.Column("revoked_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(length=80), nullable=False),
        sa.Column("revoked_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["pledge_events.id"], name=op.f("fk_notices_event_id_pledge_events"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name=op.f("fk_notices_pledge_id_pledges"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
        sa.UniqueConstraint("serial", name=op.f("uq_notices_serial")),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notices_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_notices_pledge_id"), ["pledge_id"], unique=False)

    op.create_table(
        "notice_prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("printed_at", ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("printed_by", sa.String(length=80), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("destination", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_notice_prints_notice_id_notices"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_prints")),
    )
    with op.batch_alter_table("notice_prints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_prints_notice_id"), ["notice_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notice_prints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_prints_notice_id"))

    op.drop_table("notice_prints")
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notices_pledge_id"))
        batch_op.drop_index(batch_op.f("ix_notices_kind"))

    op.drop_table("notices")
    op.drop_table("trusted_keys")
