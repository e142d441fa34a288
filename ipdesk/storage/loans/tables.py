"""The loans behind pledges: the contract's terms, its schedule, and its events (drawdowns, repayments,
compensation by a guarantee agency, halt, resume, default), from which the state on any day is replayed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money, Percent, Rate, UTCDateTime, utcnow


class LoanRow(Timestamped, Base):
    """A loan; ``owner_party_id`` is the agency that opened it (agency scoping), none for the office."""

    __tablename__ = "loans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    loan_no: Mapped[str] = mapped_column(String(40), unique=True)
    lender_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    borrower_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id", ondelete="RESTRICT"), index=True)
    owner_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    principal: Mapped[Decimal] = mapped_column(Money)
    annual_rate: Mapped[Decimal] = mapped_column(Rate)
    start_date: Mapped[date] = mapped_column(Date)
    maturity_date: Mapped[date] = mapped_column(Date, index=True)
    schedule_kind: Mapped[str] = mapped_column(String(30))
    penalty_surcharge: Mapped[Decimal] = mapped_column(Percent)
    default_after_days: Mapped[int] = mapped_column(Integer)
    allocation: Mapped[str] = mapped_column(String(400))  # comma-separated bucket.component rules
    # Kept in step by the service for lists and tiles (the replay of the events is the truth).
    halted: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_on: Mapped[date | None] = mapped_column(Date, index=True)
    defaulted_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    instalments: Mapped[list[LoanInstalmentRow]] = relationship(
        cascade="all, delete-orphan", order_by="LoanInstalmentRow.seq"
    )


class LoanInstalmentRow(Base):
    __tablename__ = "loan_instalments"
    __table_args__ = (UniqueConstraint("loan_id", "seq", name="uq_loan_instalments_loan_id_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date)
    principal: Mapped[Decimal] = mapped_column(Money)
    interest: Mapped[Decimal] = mapped_column(Money)


class LoanEventRow(Base):
    """One event of a loan, in the order recorded (``id``); ``detail`` is canonical JSON (the allocation of a
    payment, the reason of a default or halt)."""

    __tablename__ = "loan_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    on_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    payer_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"))
    detail: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
