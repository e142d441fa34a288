"""Pledges: the deadline digest's indexes, each deadline by status (service level, performance, pledge term);
the service level's covers what the digest lists of an undecided application

Revision ID: c4f1d8a2e6b3
Revises: e5b2d8f1c604
Create Date: 2026-12-02 07:30:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = 'c4f1d8a2e6b3'
down_revision: str | None = 'e5b2d8f1c604'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_pledges_status_sla_deadline": ["status", "sla_deadline", "application_no", "registration_no",
                                       "pledgor_names", "id"],
    "ix_pledges_status_performance_deadline": ["status", "performance_deadline"],
    "ix_pledges_status_pledge_term_end": ["status", "pledge_term_end"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "pledges", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="pledges")
