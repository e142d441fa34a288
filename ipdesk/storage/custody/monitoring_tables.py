"""Tables of rights-protection custody: one monitoring entry per event watched on a right."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipdesk.storage.base import Base, Timestamped


class MonitoringEntryRow(Timestamped, Base):
    """An infringement, invalidation request, lawsuit or administrative complaint concerning a right."""

    __tablename__ = "monitoring_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    opened_on: Mapped[date] = mapped_column(Date)
    counterparty: Mapped[str] = mapped_column(String(200), default="")
    reference: Mapped[str] = mapped_column(String(200), default="")
    documents: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(30))
    closed_on: Mapped[date | None] = mapped_column(Date)
    outcome_notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(80))

    # The right's entries, newest first (its detail pane); the open ones of a kind (the flag rule).
    __table_args__ = (Index("ix_monitoring_entries_right_status", "right_id", "status", "kind"),)
