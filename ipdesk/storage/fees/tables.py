"""The fee payments table: one row per payment (amount, date, payer, receipt) against a patent year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money


class FeePaymentRow(Timestamped, Base):
    """A payment of (part of) one patent year's annual fee; a top-up is another row for the same year."""

    __tablename__ = "fee_payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # RESTRICT: a payment is a financial record that outlives nothing it paid for.
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"))
    year: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money)
    paid_on: Mapped[date] = mapped_column(Date)
    payer: Mapped[str] = mapped_column(String(200), default="")
    receipt_no: Mapped[str] = mapped_column(String(60), default="")
    recorded_by: Mapped[str] = mapped_column(String(40), default="")

    __table_args__ = (Index("ix_fee_payments_right_id_year", "right_id", "year"),)
