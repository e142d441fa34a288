"""Tables of maintenance custody: agreements, and the rights each keeps paid (a right in one active agreement)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money


class CustodyAgreementRow(Timestamped, Base):
    """专利权益托管 agreement: the custodian keeps the annual fees of its rights paid over its term."""

    __tablename__ = "custody_agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    custodian_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    reference: Mapped[str] = mapped_column(String(60), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    payer: Mapped[str] = mapped_column(String(20))
    fee_budget: Mapped[Decimal | None] = mapped_column(Money)
    notes: Mapped[str] = mapped_column(Text, default="")


class CustodyRightRow(Base):
    """A right in an agreement. ``active_right_id`` is the right's id while the agreement holds it and NULL
    once released, so the unique index refuses a right in custody twice (the service says so first)."""

    __tablename__ = "custody_rights"

    agreement_id: Mapped[int] = mapped_column(ForeignKey("custody_agreements.id", ondelete="CASCADE"),
                                              primary_key=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), primary_key=True)
    active_right_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    added_on: Mapped[date] = mapped_column(Date)

    __table_args__ = (Index("ix_custody_rights_right_id", "right_id"),)
