"""Patent pools: the pool with its trust plan, its members (share of the income, joined, left), the patents
each member put in, the licence income received and its distribution to the members."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money, Percent, UTCDateTime, utcnow


class PoolRow(Timestamped, Base):
    __tablename__ = "market_pools"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pool_no: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(20))
    trustee_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    trust_amount: Mapped[Decimal | None] = mapped_column(Money)
    trust_term_months: Mapped[int | None] = mapped_column(Integer)
    trust_beneficiaries: Mapped[str] = mapped_column(Text, default="")
    owner_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)


class PoolMemberRow(Base):
    """One membership period: a party that left and rejoined has a row per period (they never overlap)."""

    __tablename__ = "market_pool_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("market_pools.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    share: Mapped[Decimal] = mapped_column(Percent)
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)


class PoolRightRow(Base):
    """A patent in a pool while its member is in; ``active_right_id`` is the right's id until the member
    leaves (NULL after): its UNIQUE constraint keeps a patent in one pool at a time."""

    __tablename__ = "market_pool_rights"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("market_pools.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("market_pool_members.id", ondelete="CASCADE"), index=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), index=True)
    active_right_id: Mapped[int | None] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), unique=True)


class PoolIncomeRow(Base):
    __tablename__ = "market_pool_incomes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("market_pools.id", ondelete="CASCADE"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    received_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200), default="")
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PoolPayoutRow(Base):
    __tablename__ = "market_pool_payouts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("market_pools.id", ondelete="CASCADE"), index=True)
    income_id: Mapped[int] = mapped_column(ForeignKey("market_pool_incomes.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("market_pool_members.id", ondelete="CASCADE"), index=True)
    share: Mapped[Decimal] = mapped_column(Percent)
    amount: Mapped[Decimal] = mapped_column(Money)
