"""Compensation funds (风险补偿资金池): a fund with its loss-sharing scheme, and its ledger of entries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money, UTCDateTime, utcnow


class FundRow(Timestamped, Base):
    """A fund; ``scheme`` is the loss-sharing scheme as ``parse_scheme`` reads it (``kejizhixing`` …)."""

    __tablename__ = "funds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    scheme: Mapped[str] = mapped_column(String(200))
    opened_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class FundEntryRow(Base):
    """One ledger entry, in order (``seq`` per fund): ``contribution`` (+), ``compensation`` (−, one per case
    reference), ``recovery`` (+, credited back from a case). ``amount`` is always positive; the kind signs it.
    ``case_ref`` is the disposal case's number (the fund knows cases only by their number)."""

    __tablename__ = "fund_entries"
    __table_args__ = (UniqueConstraint("fund_id", "seq", name="uq_fund_entries_fund_id_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("funds.id", ondelete="RESTRICT"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money)
    party: Mapped[str] = mapped_column(String(200), default="")
    case_ref: Mapped[str] = mapped_column(String(40), default="", index=True)
    on_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
