"""The marketplace's lots (with their rights), auctions (one per round), bidders with their deposits, the bids
and the deals. A deal is unique per auction, so two clerks closing one auction at once make one deal."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipdesk.storage.base import Base, Timestamped
from ipdesk.storage.types import Money, Percent, UTCDateTime, utcnow


class LotRow(Timestamped, Base):
    """A lot; ``case_ref`` is the disposal case's number as text (no key into disposal: it sits above us);
    ``owner_party_id`` the agency that listed it (agency scoping), none for the office."""

    __tablename__ = "market_lots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lot_no: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(400), default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    seller_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    case_ref: Mapped[str | None] = mapped_column(String(60), index=True)
    pledgee_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    assessed_value: Mapped[Decimal] = mapped_column(Money)
    reference_value: Mapped[Decimal | None] = mapped_column(Money)
    forced_sale_value: Mapped[Decimal | None] = mapped_column(Money)
    reserve: Mapped[Decimal | None] = mapped_column(Money)
    reserve_reason: Mapped[str] = mapped_column(Text, default="")
    licence_kind: Mapped[str | None] = mapped_column(String(20))
    royalty: Mapped[str | None] = mapped_column(String(20))
    field_of_use: Mapped[str] = mapped_column(String(200), default="")
    territory: Mapped[str] = mapped_column(String(200), default="")
    term_months: Mapped[int | None] = mapped_column(Integer)
    lump_sum: Mapped[Decimal | None] = mapped_column(Money)
    running_percent: Mapped[Decimal | None] = mapped_column(Percent)
    owner_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    listed_on: Mapped[date] = mapped_column(Date)

    rights: Mapped[list[LotRightRow]] = relationship(cascade="all, delete-orphan", order_by="LotRightRow.position")


class LotRightRow(Base):
    __tablename__ = "market_lot_rights"

    lot_id: Mapped[int] = mapped_column(ForeignKey("market_lots.id", ondelete="CASCADE"), primary_key=True)
    right_id: Mapped[int] = mapped_column(ForeignKey("rights.id", ondelete="RESTRICT"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class AuctionRow(Timestamped, Base):
    """One round of a lot: its terms under the preset in force when it opened, and — kept in step by the
    service from the bids — the current price, leader and (extended) close; ``result`` once closed."""

    __tablename__ = "market_auctions"
    __table_args__ = (UniqueConstraint("lot_id", "round", name="uq_market_auctions_lot_id_round"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    auction_no: Mapped[str] = mapped_column(String(40), unique=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("market_lots.id", ondelete="RESTRICT"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("market_auctions.id", ondelete="RESTRICT"))
    mode: Mapped[str] = mapped_column(String(20))
    preset: Mapped[str] = mapped_column(String(30))
    preset_effective: Mapped[date] = mapped_column(Date)
    start_price: Mapped[Decimal] = mapped_column(Money)
    increment: Mapped[str] = mapped_column(String(200))
    deposit: Mapped[Decimal] = mapped_column(Money)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)  # as scheduled
    current_closes_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # as extended by bids
    price: Mapped[Decimal | None] = mapped_column(Money)
    leader_bidder_id: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[str | None] = mapped_column(String(20), index=True)  # sold / failed / backed_out
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    owner_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)

    bidders: Mapped[list[BidderRow]] = relationship(cascade="all, delete-orphan", order_by="BidderRow.id")
    bids: Mapped[list[BidRow]] = relationship(cascade="all, delete-orphan", order_by="BidRow.id")


class BidderRow(Base):
    """A registered bidder of one auction with its deposit; shown by ``code`` until the close."""

    __tablename__ = "market_bidders"
    __table_args__ = (UniqueConstraint("auction_id", "party_id", name="uq_market_bidders_auction_id_party_id"),
                      UniqueConstraint("auction_id", "code", name="uq_market_bidders_auction_id_code"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    auction_id: Mapped[int] = mapped_column(ForeignKey("market_auctions.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    deposit: Mapped[Decimal] = mapped_column(Money)
    deposit_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # held → applied (the winner's, to the price) / refunded (the others', at the close) / forfeited (悔拍)
    deposit_status: Mapped[str] = mapped_column(String(20), default="held")
    pre_emption: Mapped[bool] = mapped_column(Boolean, default=False)


class BidRow(Base):
    __tablename__ = "market_bids"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    auction_id: Mapped[int] = mapped_column(ForeignKey("market_auctions.id", ondelete="CASCADE"), index=True)
    bidder_id: Mapped[int] = mapped_column(ForeignKey("market_bidders.id", ondelete="CASCADE"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # when it was recorded


class DealRow(Timestamped, Base):
    """The deal of a sold auction (one per auction: the close's idempotence rests on this constraint) and its
    transaction record: price, buyer, payment, the confirmation's serial and signed QR payload."""

    __tablename__ = "market_deals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_no: Mapped[str] = mapped_column(String(40), unique=True)
    auction_id: Mapped[int] = mapped_column(ForeignKey("market_auctions.id", ondelete="RESTRICT"), unique=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("market_lots.id", ondelete="RESTRICT"), index=True)
    buyer_party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    price: Mapped[Decimal] = mapped_column(Money)
    deposit_applied: Mapped[Decimal] = mapped_column(Money)
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # awaiting_payment → paid; backed_out when the winner does not pay (deposit forfeited)
    status: Mapped[str] = mapped_column(String(20), index=True)
    paid_amount: Mapped[Decimal | None] = mapped_column(Money)
    paid_on: Mapped[date | None] = mapped_column(Date)
    transfer_recorded: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmation_serial: Mapped[str | None] = mapped_column(String(40), unique=True)
    confirmation_digest: Mapped[str | None] = mapped_column(String(64))
    confirmation_payload: Mapped[str | None] = mapped_column(Text)
    confirmation_content: Mapped[str | None] = mapped_column(Text)
