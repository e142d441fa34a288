"""Disposal cases: the case (its stage, route, valuation, deal, the fund that shares its loss and the agency
that owns it), its steps (the timeline, append-only: forward steps, the acts reversing them, recoveries),
the documents on it, and its one settlement."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money, UTCDateTime, utcnow


class DisposalCaseRow(Timestamped, Base):
    """A disposal case; ``owner_party_id`` is the agency that opened it (agency scoping), none for the office.

    ``open_pledge_id`` is the pledge while the case is open (unique: one open case per pledge), cleared
    when it closes. ``lot_id`` is the marketplace lot the case listed, kept as a plain id (the marketplace
    sits below disposal and knows the case only by its number).
    """

    __tablename__ = "disposal_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_no: Mapped[str] = mapped_column(String(40), unique=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id", ondelete="RESTRICT"), index=True)
    open_pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id", ondelete="RESTRICT"), unique=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id", ondelete="RESTRICT"), index=True)
    owner_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    stage: Mapped[str] = mapped_column(String(30), index=True)
    stage_entered_on: Mapped[date] = mapped_column(Date)
    stage_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    responsible: Mapped[str] = mapped_column(String(80))
    route: Mapped[str | None] = mapped_column(String(30))
    market_value: Mapped[Decimal | None] = mapped_column(Money)
    forced_value: Mapped[Decimal | None] = mapped_column(Money)
    listing: Mapped[str] = mapped_column(String(200), default="")
    lot_id: Mapped[int | None] = mapped_column(Integer)
    buyer_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"))
    price: Mapped[Decimal | None] = mapped_column(Money)
    deal_on: Mapped[date | None] = mapped_column(Date)
    scheme: Mapped[str] = mapped_column(String(200), default="")  # the loss-sharing scheme, as parse_scheme reads
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id", ondelete="RESTRICT"), index=True)
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)


class DisposalStepRow(Base):
    """One act on a case, in order (``seq``): ``open``, ``advance`` (from → to) or ``reverse`` (back).

    ``facts`` is canonical JSON of what the act recorded; ``reverses`` the seq of the advance undone.
    """

    __tablename__ = "disposal_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("disposal_cases.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    from_stage: Mapped[str | None] = mapped_column(String(30))
    to_stage: Mapped[str] = mapped_column(String(30))
    on_date: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    responsible: Mapped[str] = mapped_column(String(80))
    facts: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    reverses: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DisposalDocumentRow(Base):
    """A document put on a case for a stage (it stays on file when the stage is undone and done again)."""

    __tablename__ = "disposal_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("disposal_cases.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(30))
    code: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(300), default="")
    on_date: Mapped[date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(80))


class DisposalSettlementRow(Base):
    """The one settlement of a case (``case_id`` unique: settling twice never pays twice).

    ``lines`` is canonical JSON of the waterfall and the loss sharing, exactly as computed.
    """

    __tablename__ = "disposal_settlements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("disposal_cases.id", ondelete="CASCADE"), unique=True)
    settled_on: Mapped[date] = mapped_column(Date)
    proceeds: Mapped[Decimal] = mapped_column(Money)
    costs: Mapped[Decimal] = mapped_column(Money)
    paid_penalty: Mapped[Decimal] = mapped_column(Money)
    paid_interest: Mapped[Decimal] = mapped_column(Money)
    paid_principal: Mapped[Decimal] = mapped_column(Money)
    surplus_to_pledgor: Mapped[Decimal] = mapped_column(Money)
    shortfall: Mapped[Decimal] = mapped_column(Money)
    pledgor_is_debtor: Mapped[bool] = mapped_column(default=True)
    lines: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(80))
