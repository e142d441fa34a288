"""What the marketplace's reads return: a lot with its rights (legal status and remaining term on the day),
an auction with its bidders by code and its bid ladder, a deal; built from rows, as JSON for the CLI.

Money is two-place decimal strings in JSON, instants ISO 8601 in the office's timezone with the offset."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.marketplace.auction import AuctionState, AuctionTerms, Bid, Bidder, Mode
from ipdesk.domain.marketplace.increments import parse_increments
from ipdesk.domain.marketplace.presets import preset
from ipdesk.domain.registry.rights import LegalStatus
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.storage.marketplace.tables import AuctionRow, BidderRow, DealRow, LotRow
from ipdesk.storage.schema import PartyRow, RightRow


def m(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def iso(value: datetime | None, zone: tzinfo) -> str | None:
    return None if value is None else value.astimezone(zone).isoformat()


@dataclass(frozen=True)
class LotRight:
    id: int
    number: str
    title: str
    legal_status: LegalStatus
    expiry_date: date | None
    remaining_days: int | None
    fees_paid_through: int | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "title": self.title, "legal_status": self.legal_status.value,
                "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
                "remaining_days": self.remaining_days, "fees_paid_through": self.fees_paid_through}


@dataclass(frozen=True)
class LotRecord:
    id: int
    lot_no: str
    kind: str
    title: str
    status: str
    seller_id: int | None
    seller: str
    case_ref: str | None
    assessed_value: Decimal
    reserve: Decimal | None
    rights: tuple[LotRight, ...]
    owner_party_id: int | None
    licence: dict[str, Any] | None = None
    changes: Changes = field(default=NO_CHANGES, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "lot_no": self.lot_no, "type": self.kind, "title": self.title, "status": self.status,
                "seller": self.seller or None, "case": self.case_ref, "assessed_value": m(self.assessed_value),
                "reserve": m(self.reserve), "rights": [r.to_json() for r in self.rights], "licence": self.licence}


@dataclass(frozen=True)
class BidLine:
    code: str
    amount: Decimal
    at: datetime


@dataclass(frozen=True)
class AuctionRecord:
    """An auction as the public sees it: bidders by code; names only once it is closed."""

    id: int
    auction_no: str
    lot_id: int
    lot_no: str
    round: int
    mode: Mode
    preset: str
    start: Decimal
    increment: str
    deposit: Decimal
    opens: datetime
    closes: datetime  # as extended
    price: Decimal | None
    leader_code: str | None
    result: str | None
    bids: tuple[BidLine, ...]  # the ladder, latest first (empty in a sealed tender until the opening)
    bidders: int
    zone: tzinfo
    changes: Changes = field(default=NO_CHANGES, compare=False)

    def to_json(self) -> dict[str, Any]:
        z = self.zone
        return {"id": self.id, "auction": self.auction_no, "lot": self.lot_no, "round": self.round,
                "mode": self.mode.value, "preset": self.preset, "start": m(self.start), "increment": self.increment,
                "deposit": m(self.deposit), "opens": iso(self.opens, z), "closes": iso(self.closes, z),
                "price": m(self.price), "leader": self.leader_code, "result": self.result, "bidders": self.bidders,
                "bids": [{"bidder": b.code, "amount": m(b.amount), "at": iso(b.at, z)} for b in self.bids]}


@dataclass(frozen=True)
class DealRecord:
    """A deal: what the disposal case takes from the marketplace (price, buyer, time, lot)."""

    id: int
    deal_no: str
    lot_id: int
    lot_no: str
    auction_id: int
    auction_no: str
    case_ref: str | None
    buyer_id: int
    buyer: str
    price: Decimal
    deposit_applied: Decimal
    closed_at: datetime
    status: str
    paid_amount: Decimal | None
    transfer_recorded: bool
    confirmation_serial: str | None
    zone: tzinfo
    changes: Changes = field(default=NO_CHANGES, compare=False)

    @property
    def balance(self) -> Decimal:
        return self.price - self.deposit_applied - (self.paid_amount or Decimal(0))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "deal": self.deal_no, "lot": self.lot_no, "auction": self.auction_no,
                "case": self.case_ref, "buyer": self.buyer, "price": m(self.price),
                "deposit_applied": m(self.deposit_applied), "paid": m(self.paid_amount), "balance": m(self.balance),
                "closed_at": iso(self.closed_at, self.zone), "status": self.status,
                "transfer_recorded": self.transfer_recorded, "confirmation": self.confirmation_serial}


# --- rows → values -------------------------------------------------------------------------------------------

def terms_of(row: AuctionRow, lot: LotRow) -> AuctionTerms:
    reserve = lot.reserve if lot.reserve is not None and lot.reserve > row.start_price else None
    return AuctionTerms(Mode(row.mode), preset(row.preset, row.preset_effective), row.start_price,
                        parse_increments(row.increment), row.deposit, row.opens_at, row.closes_at, row.round, reserve)


def barred_parties(session: Session, lot_id: int) -> set[int]:
    """Parties who backed out of a round of this lot (forfeited their deposit): no re-auction for them."""
    query = (select(BidderRow.party_id).join(AuctionRow, AuctionRow.id == BidderRow.auction_id)
             .where(AuctionRow.lot_id == lot_id, BidderRow.deposit_status == "forfeited"))
    return set(session.execute(query).scalars())


def bidders_of(row: AuctionRow, barred: set[int]) -> dict[int, Bidder]:
    return {b.id: Bidder(b.id, b.code, b.deposit, b.pre_emption, b.party_id in barred) for b in row.bidders}


def bids_of(row: AuctionRow) -> list[Bid]:
    return [Bid(b.bidder_id, b.amount, b.placed_at) for b in row.bids]


def auction_record(session: Session, row: AuctionRow, zone: tzinfo, state: AuctionState | None = None) -> AuctionRecord:
    lot = session.get(LotRow, row.lot_id)
    assert lot is not None
    codes = {b.id: b.code for b in row.bidders}
    hidden = Mode(row.mode) is Mode.TENDER and row.result is None
    bids = list(reversed(row.bids))  # the ladder: latest first
    if Mode(row.mode) in (Mode.TENDER, Mode.NEGOTIATED):  # the opening order: price, pre-emption, time
        pre = {b.id for b in row.bidders if b.pre_emption}
        bids = sorted(row.bids, key=lambda b: (-b.amount, b.bidder_id not in pre, b.placed_at))
    ladder = () if hidden else tuple(BidLine(codes[b.bidder_id], b.amount, b.placed_at) for b in bids)
    closes = state.closes if state is not None else row.current_closes_at
    return AuctionRecord(row.id, row.auction_no, row.lot_id, lot.lot_no, row.round, Mode(row.mode), row.preset,
                         row.start_price, row.increment, row.deposit, row.opens_at, closes,
                         None if hidden else row.price,
                         None if hidden or row.leader_bidder_id is None else codes.get(row.leader_bidder_id),
                         row.result, ladder, len(row.bidders), zone)


def deal_record(session: Session, row: DealRow, zone: tzinfo) -> DealRecord:
    lot, auction = session.get(LotRow, row.lot_id), session.get(AuctionRow, row.auction_id)
    buyer = session.get(PartyRow, row.buyer_party_id)
    assert lot is not None and auction is not None and buyer is not None
    return DealRecord(row.id, row.deal_no, row.lot_id, lot.lot_no, row.auction_id, auction.auction_no, lot.case_ref,
                      row.buyer_party_id, buyer.name, row.price, row.deposit_applied, row.closed_at, row.status,
                      row.paid_amount, row.transfer_recorded, row.confirmation_serial, zone)


def right_rows(session: Session, lot: LotRow) -> list[RightRow]:
    ids = [r.right_id for r in lot.rights]
    found = {r.id: r for r in session.execute(select(RightRow).where(RightRow.id.in_(ids))).scalars()}
    return [found[i] for i in ids]
