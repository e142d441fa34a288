"""Early-warning signals, the actions users took on them, and the scans that raised and cleared them.

A signal is keyed by (rule, pledge, right); ``active_key`` repeats the key while the signal is open and is
NULL once cleared, so its UNIQUE constraint keeps one open signal per key on both engines (NULLs never
collide) and a cause that comes back later opens a new signal with its own ``since``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipdesk.storage.base import Base
from ipdesk.storage.types import UTCDateTime, utcnow


class RiskSignalRow(Base):
    __tablename__ = "risk_signals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id", ondelete="CASCADE"), index=True)
    right_id: Mapped[int | None] = mapped_column(ForeignKey("rights.id", ondelete="CASCADE"))
    active_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    since: Mapped[date] = mapped_column(Date)
    cleared_on: Mapped[date | None] = mapped_column(Date, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")  # canonical JSON
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_risk_signals_open_severity", "cleared_on", "severity"),)


class RiskActionRow(Base):
    """What a user did about a signal: a note, a halt (叫停) or a demand for repayment (催收)."""

    __tablename__ = "risk_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("risk_signals.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    loans: Mapped[str] = mapped_column(String(400), default="")  # the loan numbers a halt acted on
    on_date: Mapped[date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RiskScanRow(Base):
    """One scan: the day it judged, how far into the audit log it read (the next incremental scan reads on
    from there), whether it looked at every pledge, and what it raised and cleared."""

    __tablename__ = "risk_scans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[date] = mapped_column(Date)
    audit_seq: Mapped[int] = mapped_column(Integer)
    full: Mapped[bool] = mapped_column(Boolean)
    pledges: Mapped[int] = mapped_column(Integer, default=0)
    raised: Mapped[int] = mapped_column(Integer, default=0)
    cleared: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
