"""Statistics: the kind of a pledge's rights and its first pledgor's region stored on the pledge (backfilled), in
the statistics' covering index; the two indexes the per-pledge joins needed (rights by id and kind, the first
pledgor) dropped

Revision ID: e5b2d8f1c604
Revises: 7d3a9c1e5f20
Create Date: 2026-12-02 07:00:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'e5b2d8f1c604'
down_revision: str | None = '7d3a9c1e5f20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The rule of ipdesk.services.pledge_grouping as it stood, in SQL (a migration does not import the code it
# migrates): the one kind of the pledge's rights, "mixed" when several, "" without; the region of the pledgor
# named first, "" without one.
BACKFILL = """
UPDATE pledges SET
  rights_kind = (SELECT CASE WHEN min(r.kind) IS NULL THEN '' WHEN min(r.kind) = max(r.kind) THEN min(r.kind)
                             ELSE 'mixed' END
                 FROM pledge_rights pr JOIN rights r ON r.id = pr.right_id WHERE pr.pledge_id = pledges.id),
  pledgor_region = coalesce((SELECT p.region FROM pledge_pledgors pp JOIN parties p ON p.id = pp.party_id
                             WHERE pp.pledge_id = pledges.id AND pp.position = 0), '')
"""


def upgrade() -> None:
    op.add_column("pledges", sa.Column("rights_kind", sa.String(length=20), nullable=False, server_default=""))
    op.add_column("pledges", sa.Column("pledgor_region", sa.String(length=6), nullable=False, server_default=""))
    op.execute(BACKFILL)
    op.drop_index("ix_pledges_statistics", table_name="pledges")
    op.create_index("ix_pledges_statistics", "pledges", ["status", "registered_on", "family", "pledgee_id",
                                                         "rights_kind", "pledgor_region", "secured_amount"],
                    unique=False)
    op.drop_index("ix_rights_id_kind", table_name="rights")
    op.drop_index("ix_pledge_pledgors_first", table_name="pledge_pledgors")


def downgrade() -> None:
    op.create_index("ix_pledge_pledgors_first", "pledge_pledgors", ["pledge_id", "position", "party_id"],
                    unique=False)
    op.create_index("ix_rights_id_kind", "rights", ["id", "kind"], unique=False)
    op.drop_index("ix_pledges_statistics", table_name="pledges")
    op.create_index("ix_pledges_statistics", "pledges",
                    ["status", "registered_on", "family", "pledgee_id", "secured_amount"], unique=False)
    with op.batch_alter_table("pledges", schema=None) as batch_op:
        batch_op.drop_column("pledgor_region")
        batch_op.drop_column("rights_kind")
