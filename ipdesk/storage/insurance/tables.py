"""Insurance policies around pledged rights, the rights each covers, and the claims made on them.

A policy belongs to its insurer (``insurer_id``): an insurer officer sees only its own insurer's policies
and their claims (agency scoping). The premium, the subsidy and the firm's share are stored as decided on
the day the policy was entered (the subsidy rules may change later; the policy keeps what it was given).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money, Percent


class PolicyRow(Timestamped, Base):
    __tablename__ = "insurance_policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_no: Mapped[str] = mapped_column(String(60), unique=True)
    product: Mapped[str] = mapped_column(String(30))
    insurer_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    insured_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id", ondelete="RESTRICT"), index=True)
    limit_total: Mapped[Decimal] = mapped_column(Money)
    limit_per_right: Mapped[Decimal | None] = mapped_column(Money)
    deductible: Mapped[Decimal] = mapped_column(Money)
    premium: Mapped[Decimal] = mapped_column(Money)
    subsidy_class: Mapped[str] = mapped_column(String(20), default="")
    subsidy_nth: Mapped[int] = mapped_column(Integer, default=0)  # the firm's application count (0: none)
    subsidy_rate: Mapped[Decimal] = mapped_column(Percent)
    subsidy: Mapped[Decimal] = mapped_column(Money)
    insured_pays: Mapped[Decimal] = mapped_column(Money)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date, index=True)
    retroactive_on: Mapped[date | None] = mapped_column(Date)
    coinsurance_share: Mapped[Decimal | None] = mapped_column(Percent)  # guarantee cover: insurer's share
    consent: Mapped[bool] = mapped_column(Boolean, default=False)  # co-owners' written consent on file
    notes: Mapped[str] = mapped_column(Text, default="")

    rights: Mapped[list[PolicyRightRow]] = relationship(cascade="all, delete-orphan",
                                                        order_by="PolicyRightRow.position")


class PolicyRightRow(Base):
    __tablename__ = "insurance_policy_rights"

    policy_id: Mapped[int] = mapped_column(ForeignKey("insurance_policies.id", ondelete="CASCADE"), primary_key=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_insurance_policy_rights_right_id", "right_id"),)


class ClaimRow(Timestamped, Base):
    """A claim on a policy, from report to payment; ``insurer_id`` repeats the policy's (scoped lists)."""

    __tablename__ = "insurance_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_no: Mapped[str] = mapped_column(String(70), unique=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("insurance_policies.id", ondelete="CASCADE"), index=True)
    insurer_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    right_id: Mapped[int | None] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(20), index=True)
    filed_on: Mapped[date] = mapped_column(Date)
    case_text: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[str] = mapped_column(Text, default="")
    claimed: Mapped[Decimal] = mapped_column(Money)
    assessed: Mapped[Decimal | None] = mapped_column(Money)
    approved: Mapped[Decimal | None] = mapped_column(Money)
    paid: Mapped[Decimal | None] = mapped_column(Money)
    checked_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    paid_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
