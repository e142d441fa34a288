"""Tables of the valuation context: a valuation and the rights it covers (one, or a package)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money


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
