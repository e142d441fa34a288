"""The database schema (SQLAlchemy 2 typed declarative) shared by SQLite and PostgreSQL.

Constraint names follow one naming convention so migrations name them identically on both engines.
The full-text index of rights (``right_search`` + an FTS5 table on SQLite, a GIN index on PostgreSQL)
is created by the migration, because it is dialect-specific; see :mod:`ipdesk.storage.registry.search`.
"""

from __future__ import annotations

import importlib
import threading
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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipdesk.storage.base import NAMING_CONVENTION, STAMPED_ON_INSERT, Base, Timestamped, stamp_rows
from ipdesk.storage.types import Money, Percent, UTCDateTime, utcnow


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
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(40), unique=True)
    display_number: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300), index=True)
    legal_status: Mapped[str] = mapped_column(String(20))
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
    # Patents' annual fees (ipdesk.domain.fees): 费减 85/70, the last year paid (NULL: fees not tracked), and
    # the anniversary the next unpaid fee falls due on (kept by the services; the custody worklist's index).
    fee_reduction: Mapped[int | None] = mapped_column(Integer)
    fees_paid_through: Mapped[int | None] = mapped_column(Integer)
    fees_next_due: Mapped[date | None] = mapped_column(Date, index=True)
    # Owners' names joined with "；" (denormalised for display and sorting; kept in step by the service).
    owner_names: Mapped[str] = mapped_column(String(600), default="", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # PostgreSQL only (NULL on SQLite): a copy of right_search.grams next to the sort keys, under the GIN
    # index there, so a text search page is one table's bitmap AND a range of its sort index (pg_pages).
    grams: Mapped[str | None] = mapped_column(Text, deferred=True)

    owners: Mapped[list[RightOwnerRow]] = relationship(
        back_populates="right", cascade="all, delete-orphan", order_by="RightOwnerRow.position"
    )

    # Filtered pages of the register walk these in number order (the list's default sort), so a page at
    # any depth of a filtered million-row register reads an index range, not the table.
    __table_args__ = (
        Index("ix_rights_kind_number", "kind", "number"),
        Index("ix_rights_legal_status_number", "legal_status", "number"),
        # the patents whose next fee fell due before a day, index-only: the legal-status filter corrects the
        # stored status with them (ipdesk.services.registry.rights.status_condition)
        Index("ix_rights_fees_next_due_status", "fees_next_due", "legal_status", "kind"),
        # and ix_rights_flagged_number, the flagged rights (a partial index): see _partial_indexes
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
    # What the entry binds: {"pledge:5": keyed state digest, …} or, for a bulk write, the batch digest.
    state: Mapped[str] = mapped_column(Text, default="")
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



# --- pledges (issue 3) ---------------------------------------------------------------------------


class PledgeRow(Timestamped, Base):
    """A pledge from application to cancellation. The application's sets are stored as
    comma-separated enum values, waivers and hand-added grounds as canonical JSON."""

    __tablename__ = "pledges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_no: Mapped[str] = mapped_column(String(40), unique=True)
    registration_no: Mapped[str | None] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    family: Mapped[str] = mapped_column(String(20), index=True)  # patent / trademark / copyright / mixed
    application_date: Mapped[date] = mapped_column(Date, index=True)
    clock_start: Mapped[date] = mapped_column(Date)  # restarts when defects are cured
    sla_deadline: Mapped[date | None] = mapped_column(Date, index=True)
    correction_deadline: Mapped[date | None] = mapped_column(Date)
    pledgee_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    debtor_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"))
    debt_type: Mapped[str] = mapped_column(String(20))
    secured_amount: Mapped[Decimal] = mapped_column(Money)
    performance_deadline: Mapped[date] = mapped_column(Date)
    pledge_term_end: Mapped[date | None] = mapped_column(Date)
    guarantee_scope: Mapped[str] = mapped_column(String(200), default="")
    documents: Mapped[str] = mapped_column(String(400), default="")
    clauses: Mapped[str] = mapped_column(String(400), default="")
    valuation_declared: Mapped[bool] = mapped_column(Boolean, default=False)
    foreign_language_id: Mapped[bool] = mapped_column(Boolean, default=False)
    licensed_before: Mapped[bool] = mapped_column(Boolean, default=False)
    waivers: Mapped[str] = mapped_column(Text, default="")
    other_grounds: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    registered_on: Mapped[date | None] = mapped_column(Date, index=True)  # effect date (登记生效日)
    refused_on: Mapped[date | None] = mapped_column(Date)
    cancelled_on: Mapped[date | None] = mapped_column(Date)
    cancellation_trigger: Mapped[str] = mapped_column(String(40), default="")
    # Denormalised for the list and search: pledgor names joined with "；", pledgee name.
    pledgor_names: Mapped[str] = mapped_column(String(600), default="")
    pledgee_name: Mapped[str] = mapped_column(String(200), default="", index=True)
    # Derived for the statistics (ipdesk.services.pledge_grouping, the one rule): the one kind of its rights
    # ("mixed", "" without rights) and the first-named pledgor's region code; not audited state.
    rights_kind: Mapped[str] = mapped_column(String(20), default="")
    pledgor_region: Mapped[str] = mapped_column(String(6), default="")

    pledgors: Mapped[list[PledgePledgorRow]] = relationship(
        cascade="all, delete-orphan", order_by="PledgePledgorRow.position"
    )
    rights: Mapped[list[PledgeRightRow]] = relationship(
        cascade="all, delete-orphan", order_by="PledgeRightRow.position"
    )

    # The statistics (ipdesk.services.statistics) read counted pledges by status and registration date,
    # grouped by family, pledgee, kind of right or region, summing the amount: all from this index, never the
    # table's rows (benchmarks/README.md, bench_statistics.py: with and without it, at 200 k pledges).
    __table_args__ = (
        Index("ix_pledges_statistics", "status", "registered_on", "family", "pledgee_id", "rights_kind",
              "pledgor_region", "secured_amount"),
        # The deadline digest (ipdesk.services.statistics.digest): each deadline read as a range within its
        # statuses; by the date alone SQLite walked every pledge whose deadline had passed (all decided ones).
        # The undecided applications are its bulk (17 k at 200 k pledges): their index holds what the digest
        # lists, so they are read from it alone (benchmarks/README.md, the digest).
        Index("ix_pledges_status_sla_deadline", "status", "sla_deadline", "application_no", "registration_no",
              "pledgor_names", "id"),
        Index("ix_pledges_status_performance_deadline", "status", "performance_deadline"),
        Index("ix_pledges_status_pledge_term_end", "status", "pledge_term_end"),
    )


class PledgePledgorRow(Base):
    __tablename__ = "pledge_pledgors"

    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id", ondelete="CASCADE"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_pledge_pledgors_party_id", "party_id"),)


class PledgeRightRow(Base):
    """A right in a pledge. ``active_right_id`` equals ``right_id`` while the pledge is registered and
    not cancelled, else NULL; its UNIQUE constraint is what makes a second registered pledge of the
    same right impossible, on both engines and under concurrency (NULLs never collide)."""

    __tablename__ = "pledge_rights"

    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id", ondelete="CASCADE"), primary_key=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active_right_id: Mapped[int | None] = mapped_column(
        ForeignKey("rights.id", ondelete="RESTRICT"), unique=True
    )

    __table_args__ = (Index("ix_pledge_rights_right_id", "right_id"),)


class PledgeEventRow(Base):
    """The pledge's own history: application, examination runs (findings JSON), correction notices,
    cures, registration, refusal, changes, extensions, cancellation, consents."""

    __tablename__ = "pledge_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    on_date: Mapped[date] = mapped_column(Date)  # the legal date of the event (e.g. effect date)
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(80))
    summary: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text, default="")  # canonical JSON

    # The statistics by month count the registrations, changes and cancellations by date from this index alone,
    # not from the rows (which carry the examination's findings as JSON).
    __table_args__ = (Index("ix_pledge_events_kind_date", "kind", "on_date"),)


class RightTransactionRow(Base):
    """A transfer or licence recorded against a right; while it is pledged (Civil Code 444) the pledgee's
    consent is required and the proceeds go to early repayment or escrow."""

    __tablename__ = "right_transactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), index=True)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))  # transfer / licence
    counterparty: Mapped[str] = mapped_column(String(200))
    recorded_on: Mapped[date] = mapped_column(Date)
    pledgee_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    proceeds: Mapped[Decimal | None] = mapped_column(Money)
    proceeds_handling: Mapped[str] = mapped_column(String(20), default="")  # early_repayment / escrow
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CounterRow(Base):
    """Per-year sequences (registration numbers, application numbers, notice serials)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


# --- notices and certificates (issue 4) ----------------------------------------------------------


class NoticeRow(Base):
    """The issue log: one row per serial with the exact canonical content that was signed, so a
    reprint is the identical document and verification can check a serial against the register."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id", ondelete="RESTRICT"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("pledge_events.id", ondelete="RESTRICT"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str] = mapped_column(String(80))
    content: Mapped[str] = mapped_column(Text)  # canonical JSON (UTF-8 text of the signed bytes)
    digest: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(String(400))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str] = mapped_column(String(80), default="")
    revoked_reason: Mapped[str] = mapped_column(Text, default="")

    # One notice per decision: the database refuses a second serial for the same pledge event (a partial
    # unique index, uq_notices_pledge_event: see _partial_indexes).


class NoticePrintRow(Base):
    """Every printing of a notice; all but the first are reprints."""

    __tablename__ = "notice_prints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    printed_by: Mapped[str] = mapped_column(String(80))
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    destination: Mapped[str] = mapped_column(String(500), default="")


class TrustedKeyRow(Base):
    """Public keys accepted when verifying (the office's own, kept across key rotation, and imported
    keys of other offices). The private key never enters the database."""

    __tablename__ = "trusted_keys"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_pem: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(200), default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # An office key of this register (not another office's), and the period it signed in.
    office: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


# --- users and sign-in (issue 11) --------------------------------------------------------------------


class UserRow(Timestamped, Base):
    """An account: its role, the party an agency or insurer officer acts for, and the sign-in state.

    ``password_hash`` is an Argon2id PHC string (salt and parameters inside); the password never is stored.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)  # normalised (lower case)
    role: Mapped[str] = mapped_column(String(20))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"))
    password_hash: Mapped[str] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)


# --- maker-checker (issue 11): decisions awaiting approval (ipdesk.domain.pledges.maker_checker) --------


class PendingDecisionRow(Timestamped, Base):
    """A prepared decision (``created_at`` is when it was prepared) and how it was closed.

    ``open_pledge_id`` is the pledge while the decision is pending and NULL once closed; it is UNIQUE, so the
    database itself refuses a second pending decision for one pledge (two clerks at the same moment).
    """

    __tablename__ = "pending_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # None for a search certificate's revocation (a certificate belongs to no pledge)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id", ondelete="RESTRICT"), index=True)
    open_pledge_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    params: Mapped[str] = mapped_column(Text, default="")  # canonical JSON of the command's arguments
    prepared_by: Mapped[str] = mapped_column(String(40))
    prepared_role: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    decided_by: Mapped[str | None] = mapped_column(String(40))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")


# --- the later contexts' tables --------------------------------------------------------------------------
# Each context keeps its tables in ipdesk/storage/<context>/tables.py (deriving from ipdesk.storage.base);
# load_all() puts every table in Base.metadata for the migrations, the audit binding and every write.
# One module per line, in the order of the contexts contract. They are imported by name, not by an import
# statement: registering a later context's tables is no dependency of the register's tables (which every
# storage context imports through this module) on that context, so the contexts contract needs no exception.
# Not at import: the window's first page reads the register's tables only (issue 14 item 5, start-up); a
# context's service imports its own tables, and a write loads them all (ipdesk.services.uow.transaction).
_CONTEXT_TABLES = (
    "audit.tables",
    "valuation.tables",
    "fees.tables",
    "custody.monitoring_tables",
    "custody.tables",
    "insurance.tables",
    "loans.tables",
    "risk.tables",
    "funds.tables",
    "marketplace.tables",
    "marketplace.pool_tables",
    "matchmaking.tables",
    "disposal.tables",
)
_all_loaded = False
_loading = threading.Lock()  # a worker's first write and the GUI thread's at once: loaded once


def _partial_indexes() -> None:
    """The partial indexes, whose WHERE is written per dialect. The migrations create them; the metadata holds
    them for the migrations' compare, added with the later contexts' tables (declaring one imports both
    dialects' modules: ~0.08 s that start-up does not need)."""
    rights, notices = RightRow.__table__.c, NoticeRow.__table__.c
    Index("ix_rights_flagged_number", rights.number,
          sqlite_where=text("invalidation_requested = 1 OR ownership_dispute = 1 OR court_preservation = 1"),
          postgresql_where=text("invalidation_requested OR ownership_dispute OR court_preservation"))
    Index("uq_notices_pledge_event", notices.pledge_id, notices.kind, notices.event_id, unique=True,
          sqlite_where=text("event_id IS NOT NULL"), postgresql_where=text("event_id IS NOT NULL"))


def load_all() -> MetaData:
    """Map every context's tables (once; cheap after that) and return the metadata that holds them all."""
    global _all_loaded
    with _loading:
        if not _all_loaded:
            for module in _CONTEXT_TABLES:
                importlib.import_module(f"ipdesk.storage.{module}")
            _partial_indexes()
            _all_loaded = True
    return Base.metadata


__all__ = ["NAMING_CONVENTION", "STAMPED_ON_INSERT", "Base", "Timestamped", "load_all", "stamp_rows"]
