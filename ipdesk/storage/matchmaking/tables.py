"""Matchmaking events (银企对接会), the credit lines granted there per firm and bank, and the patents each
line offers; a converted line names the pledge application filed from it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money


class MatchEventRow(Timestamped, Base):
    __tablename__ = "match_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_no: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    organiser: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class MatchLineRow(Timestamped, Base):
    """One bank's credit line to one firm at an event; ``pledge_id`` the application it was converted into."""

    __tablename__ = "match_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("match_events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # the line's number within its event (1, 2, …)
    firm_party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    bank_party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    term_months: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="intended", index=True)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id", ondelete="RESTRICT"), index=True)
    decided_on: Mapped[date | None] = mapped_column(Date)  # approved, withdrawn or converted on
    notes: Mapped[str] = mapped_column(Text, default="")


class MatchLineRightRow(Base):
    """A patent a line offers (``event_id`` beside ``line_id``: the audit state reads an event's rows by it)."""

    __tablename__ = "match_line_rights"
    __table_args__ = (UniqueConstraint("line_id", "right_id", name="uq_match_line_rights_line_id_right_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("match_events.id", ondelete="CASCADE"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("match_lines.id", ondelete="CASCADE"), index=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
