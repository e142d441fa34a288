"""The database schema (SQLAlchemy 2 typed declarative) shared by SQLite and PostgreSQL.

Constraint names follow one naming convention so migrations name them identically on both engines.
The full-text index of rights (``right_search`` + an FTS5 table on SQLite, a GIN index on PostgreSQL)
is created by the migration, because it is dialect-specific; see :mod:`ipdesk.storage.search`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ipdesk.storage.types import Money, Percent, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class PartyRow(Timestamped, Base):
    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    # Name with legal-form suffixes, width and case differences removed: "similar name" search.
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    id_number: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    region: Mapped[str] = mapped_column(String(6), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class RightRow(Timestamped, Base):
    __tablename__ = "rights"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    display_number: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300), index=True)
    legal_status: Mapped[str] = mapped_column(String(20), index=True)
    filing_date: Mapped[date | None] = mapped_column(Date, index=True)
    grant_date: Mapped[date | None] = mapped_column(Date)
    registration_date: Mapped[date | None] = mapped_column(Date)
    publication_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date, index=True)
    term_extension_days: Mapped[int] = mapped_column(Integer, default=0)
    renewals: Mapped[int] = mapped_column(Integer, default=0)
    invalidation_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    ownership_dispute: Mapped[bool] = mapped_column(Boolean, default=False)
    court_preservation: Mapped[bool] = mapped_column(Boolean, default=False)
    nice_classes: Mapped[str] = mapped_column(String(200), default="")  # "9,42"
    similarity_group: Mapped[str] = mapped_column(String(40), default="")
    ipc_main: Mapped[str] = mapped_column(String(40), default="")
    product: Mapped[str] = mapped_column(String(200), default="")
    same_day_twin: Mapped[str] = mapped_column(String(40), default="")
    # Owners' names joined with "；" (denormalised for display and sorting; kept in step by the service).
    owner_names: Mapped[str] = mapped_column(String(600), default="", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    owners: Mapped[list[RightOwnerRow]] = relationship(
        back_populates="right", cascade="all, delete-orphan", order_by="RightOwnerRow.position"
    )


class RightOwnerRow(Base):
    __tablename__ = "right_owners"

    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="CASCADE"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), primary_key=True)
    share: Mapped[Decimal] = mapped_column(Percent)
    position: Mapped[int] = mapped_column(Integer, default=0)

    right: Mapped[RightRow] = relationship(back_populates="owners")
    party: Mapped[PartyRow] = relationship()

    __table_args__ = (Index("ix_right_owners_party_id", "party_id"),)


class RightSearchRow(Base):
    """Search document of a right: space-separated character bigrams of title, number and owners."""

    __tablename__ = "right_search"

    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="CASCADE"), primary_key=True)
    grams: Mapped[str] = mapped_column(Text, default="")


class AuditRow(Base):
    """One entry of the tamper-evident audit log; ``hash`` chains over ``prev_hash``."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[str] = mapped_column(Text, default="")  # canonical JSON or ""
    after: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_log_entity", "entity_type", "entity_id"),)


class AuditHeadRow(Base):
    """A single row holding the chain's tip; updating it serialises concurrent writers on both engines."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))


class SettingRow(Base):
    """Office-wide settings shared by every workstation on the same database (office name, formats)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


__all__ = [
    "AuditHeadRow",
    "AuditRow",
    "Base",
    "Money",
    "PartyRow",
    "RightOwnerRow",
    "RightRow",
    "RightSearchRow",
    "SettingRow",
]
