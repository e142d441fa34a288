"""Tables of the valuation context: a valuation and the rights it covers (one, or a package), the
value-analysis weight sets and score sheets."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money, Percent, UTCDateTime, utcnow


class ValuationRow(Timestamped, Base):
    """One valuation; a revaluation is a new row (the history stays, the current one is the latest valid)."""

    __tablename__ = "valuations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    method: Mapped[str] = mapped_column(String(20))
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    value: Mapped[Decimal] = mapped_column(Money)
    forced_sale_value: Mapped[Decimal | None] = mapped_column(Money)
    value_date: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    report_no: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(80))

    rights: Mapped[list[ValuationRightRow]] = relationship(
        cascade="all, delete-orphan", order_by="ValuationRightRow.position"
    )


class ValuationRightRow(Base):
    """A right a valuation covers; a package valuation has several, its value is of them together."""

    __tablename__ = "valuation_rights"

    valuation_id: Mapped[int] = mapped_column(ForeignKey("valuations.id", ondelete="CASCADE"), primary_key=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_valuation_rights_right_id", "right_id"),)


class ValueWeightSetRow(Base):
    """A value-analysis weight set in force from ``effective_from`` (canonical JSON: degrees, indicators)."""

    __tablename__ = "value_weight_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    weights: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ValueAnalysisRow(Base):
    """A scored value-analysis sheet of a right, or of the rights of a valuation it goes with.

    ``scores`` is canonical JSON (indicator → score); the degrees are stored as computed with the weights in
    force on ``scored_on`` (``weight_set_id`` NULL: the built-in set), so a later weight set changes no sheet.
    """

    __tablename__ = "value_analyses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    right_id: Mapped[int | None] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), index=True)
    valuation_id: Mapped[int | None] = mapped_column(ForeignKey("valuations.id", ondelete="RESTRICT"), index=True)
    weight_set_id: Mapped[int | None] = mapped_column(ForeignKey("value_weight_sets.id", ondelete="RESTRICT"))
    scored_on: Mapped[date] = mapped_column(Date)
    scores: Mapped[str] = mapped_column(Text)
    legal: Mapped[Decimal] = mapped_column(Percent)
    technical: Mapped[Decimal] = mapped_column(Percent)
    economic: Mapped[Decimal] = mapped_column(Percent)
    value_degree: Mapped[Decimal] = mapped_column(Percent)
    notes: Mapped[str] = mapped_column(Text, default="")
    analyst: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
