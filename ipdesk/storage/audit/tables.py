"""The last audited state of every record the audit log binds: the keyed digest, the entry that bound it."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipdesk.storage.base import Base


class AuditStateRow(Base):
    """One per audited record (``entity_id`` 0 for a whole-table record such as the settings).

    ``digest`` is an HMAC of the record's canonical state under the office's audit secret (outside the
    database) and the binding entry's ``seq``, so it cannot be recomputed for an edited row with the
    database alone; ``state`` keeps the canonical JSON when the record was bound one by one, so a
    mismatch can name the field (empty for records a bulk load bound)."""

    __tablename__ = "audit_state"

    entity_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(Text, default="")
