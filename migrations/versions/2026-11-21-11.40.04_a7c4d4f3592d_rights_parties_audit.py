"""Parties, rights with owners, the rights search index, the audit chain and office settings

Revision ID: a7c4d4f3592d
Revises:
Create Date: 2026-11-21 11:40:04.445465+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ipdesk.storage.types
from ipdesk.storage.registry.search import create_fulltext, drop_fulltext

revision: str = 'a7c4d4f3592d'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('seq', name=op.f('uq_audit_log_seq'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_entity', ['entity_type', 'entity_id'], unique=False)

    op.create_table('parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=True),
    sa.Column('id_number', sa.String(length=40), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('contact', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('region', sa.String(length=6), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parties')),
    sa.UniqueConstraint('uscc', name=op.f('uq_parties_uscc'))
    )
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parties_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_parties_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_parties_name_key'), ['name_key'], unique=False)

    op.create_table('rights',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('display_number', sa.String(length=60), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('legal_status', sa.String(length=20), nullable=False),
    sa.Column('filing_date', sa.Date(), nullable=True),
    sa.Column('grant_date', sa.Date(), nullable=True),
    sa.Column('registration_date', sa.Date(), nullable=True),
    sa.Column('publication_date', sa.Date(), nullable=True),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.Column('term_extension_days', sa.Integer(), nullable=False),
    sa.Column('renewals', sa.Integer(), nullable=False),
    sa.Column('invalidation_requested', sa.Boolean(), nullable=False),
    sa.Column('ownership_dispute', sa.Boolean(), nullable=False),
    sa.Column('court_preservation', sa.Boolean(), nullable=False),
    sa.Column('nice_classes', sa.String(length=200), nullable=False),
    sa.Column('similarity_group', sa.String(length=40), nullable=False),
    sa.Column('ipc_main', sa.String(length=40), nullable=False),
    sa.Column('product', sa.String(length=200), nullable=False),
    sa.Column('same_day_twin', sa.String(length=40), nullable=False),
    sa.Column('owner_names', sa.String(length=600), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rights')),
    sa.UniqueConstraint('number', name=op.f('uq_rights_number'))
    )
    with op.batch_alter_table('rights', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rights_expiry_date'), ['expiry_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_rights_filing_date'), ['filing_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_rights_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_rights_legal_status'), ['legal_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_rights_owner_names'), ['owner_names'], unique=False)
        batch_op.create_index(batch_op.f('ix_rights_title'), ['title'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', ipdesk.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table(
        "right_owners",
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("share", ipdesk.storage.types.Percent(precision=5, scale=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_right_owners_party_id_parties"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_right_owners_right_id_rights"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("right_id", "party_id", name=op.f("pk_right_owners")),
    )
    with op.batch_alter_table("right_owners", schema=None) as batch_op:
        batch_op.create_index("ix_right_owners_party_id", ["party_id"], unique=False)

    op.create_table(
        "right_search",
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("grams", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["right_id"], ["rights.id"], name=op.f("fk_right_search_right_id_rights"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("right_id", name=op.f("pk_right_search")),
    )

    create_fulltext(op.get_bind())
    op.bulk_insert(
        sa.table("audit_head", sa.column("id", sa.Integer), sa.column("seq", sa.Integer), sa.column("hash", sa.String)),
        [{"id": 1, "seq": 0, "hash": "0" * 64}],
    )


def downgrade() -> None:
    drop_fulltext(op.get_bind())
    op.drop_table("right_search")
    with op.batch_alter_table("right_owners", schema=None) as batch_op:
        batch_op.drop_index("ix_right_owners_party_id")

    op.drop_table("right_owners")
    op.drop_table("settings")
    with op.batch_alter_table("rights", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rights_title"))
        batch_op.drop_index(batch_op.f("ix_rights_owner_names"))
        batch_op.drop_index(batch_op.f("ix_rights_legal_status"))
        batch_op.drop_index(batch_op.f("ix_rights_kind"))
        batch_op.drop_index(batch_op.f("ix_rights_filing_date"))
        batch_op.drop_index(batch_op.f("ix_rights_expiry_date"))

    op.drop_table("rights")
    with op.batch_alter_table("parties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parties_name_key"))
        batch_op.drop_index(batch_op.f("ix_parties_name"))
        batch_op.drop_index(batch_op.f("ix_parties_kind"))

    op.drop_table("parties")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_entity")

    op.drop_table("audit_log")
    op.drop_table("audit_head")
