"""The auction state machine, on the injected clock: bids are accepted or refused by the terms, the preset and
the instant they are placed at; the close and its outcome follow from the accepted bids alone.

Modes: the English auction (rising bids by the increment, anti-sniping extension, a pre-emption holder may
match the leading price and then leads — 网拍规定 Art. 21), the 60-day 变卖 after the last failed round (as
English, but the first bid starts a countdown), the sealed tender (bids hidden until the opening, one per
bidder, ranked by price, then pre-emption on an equal price, then time), the negotiated sale (open offers,
ranked the same way at the close) and the fixed-price listing (the first acceptance at the price wins and
ends the listing).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from ipdesk.domain.marketplace.increments import Increments
from ipdesk.domain.marketplace.presets import RulePreset
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, RuleRefusal

register({
    "market.bid_before_open": ("竞价尚未开始：开始时间 {opens}，出价时间 {at}",
                               "bidding has not opened: it opens {opens}, the bid is at {at}"),
    "market.bid_after_close": ("竞价已于 {closes} 结束，出价时间 {at}",
                               "bidding closed at {closes}; the bid is at {at}"),
    "market.no_deposit": ("竞买人 {bidder} 未交足保证金 {deposit} 元，不能出价",
                          "bidder {bidder} has not paid the deposit of {deposit} yuan and may not bid"),
    "market.bidder_barred": ("竞买人 {bidder} 曾悔拍，不得参加该标的的再次拍卖（网拍规定第二十四条）",
                             "bidder {bidder} backed out of an earlier round and may not bid in the re-auction "
                             "(online auction rules Art. 24)"),
    "market.bid_below_start": ("出价 {amount} 元低于起拍价 {start} 元", "the bid of {amount} yuan is below the start "
                               "price of {start} yuan"),
    "market.bid_below_increment": ("出价 {amount} 元低于当前价 {price} 元加加价幅度 {step} 元，至少应为 {minimum} 元",
                                   "the bid of {amount} yuan is below the current price {price} plus the increment "
                                   "{step}: at least {minimum} yuan"),
    "market.leader_raise": ("竞买人 {bidder} 已是最高出价人，不能自行加价", "bidder {bidder} already leads and may "
                            "not raise their own bid"),
    "market.tender_one_bid": ("竞买人 {bidder} 已投标，密封投标每人一次", "bidder {bidder} has already tendered: one "
                              "sealed bid each"),
    "market.fixed_price": ("挂牌价为 {start} 元，应按挂牌价受让：{amount}", "the listing price is {start} yuan; an "
                           "acceptance is at that price: {amount}"),
})


class Mode(enum.StrEnum):
    ENGLISH = "english"  # 英式拍卖（网络司法拍卖、现场拍卖）
    SALE = "sale"  # 变卖（网拍两次流拍后 60 日）
    TENDER = "tender"  # 招投标（密封）
    NEGOTIATED = "negotiated"  # 协议转让
    FIXED_PRICE = "fixed_price"  # 挂牌交易


MODE_LABELS: dict[Mode, tuple[str, str]] = {
    Mode.ENGLISH: ("拍卖", "English auction"), Mode.SALE: ("变卖", "Sale (变卖)"),
    Mode.TENDER: ("招投标", "Sealed tender"),
    Mode.NEGOTIATED: ("协议转让", "Negotiated sale"), Mode.FIXED_PRICE: ("挂牌交易", "Fixed-price listing"),
}
#: Modes whose bids rise by the increment and are shown as they come.
RISING = frozenset({Mode.ENGLISH, Mode.SALE})


@dataclass(frozen=True)
class AuctionTerms:
    mode: Mode
    preset: RulePreset
    start: Decimal
    increments: Increments
    deposit: Decimal
    opens: datetime
    closes: datetime
    round: int = 1
    reserve: Decimal | None = None  # the lot's reserve, when above the start (private sales)


@dataclass(frozen=True)
class Bidder:
    """A registered bidder of one auction: shown as ``code`` until the close."""

    id: int
    code: str
    deposit: Decimal = Decimal(0)
    pre_emption: bool = False
    barred: bool = False


@dataclass(frozen=True)
class Bid:
    bidder_id: int
    amount: Decimal
    at: datetime


@dataclass(frozen=True)
class AuctionState:
    """What the accepted bids made of the auction: the visible price and leader (none in a sealed tender),
    the close as extended, and every accepted bid in order."""

    closes: datetime
    price: Decimal | None = None
    leader: int | None = None
    bids: tuple[Bid, ...] = ()

    def is_closed(self, at: datetime) -> bool:
        return at >= self.closes


def begin(terms: AuctionTerms) -> AuctionState:
    return AuctionState(closes=terms.closes)


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def place_bid(terms: AuctionTerms, state: AuctionState, bidder: Bidder, amount: Decimal, at: datetime) -> AuctionState:
    """The state after ``bidder`` bids ``amount`` at ``at``.

    Raises:
        RuleRefusal: before the opening, at or after the close, without the deposit, barred, below the start,
            below the current price plus the increment, a leader raising their own bid, a second sealed bid,
            an acceptance off the listing price.
    """
    params = {"bidder": bidder.code, "amount": _money(amount), "at": at.isoformat()}
    if at < terms.opens:
        raise RuleRefusal(Problem("market.bid_before_open", "at", {**params, "opens": terms.opens.isoformat()}))
    if state.is_closed(at):
        raise RuleRefusal(Problem("market.bid_after_close", "at", {**params, "closes": state.closes.isoformat()}))
    if bidder.barred:
        raise RuleRefusal(Problem("market.bidder_barred", "bidder", params))
    if bidder.deposit < terms.deposit or (terms.deposit > 0 and bidder.deposit <= 0):
        raise RuleRefusal(Problem("market.no_deposit", "bidder", {**params, "deposit": _money(terms.deposit)}))
    bid = Bid(bidder.id, amount, at)
    if terms.mode is Mode.FIXED_PRICE:
        if amount != terms.start:
            raise RuleRefusal(Problem("market.fixed_price", "amount", {**params, "start": _money(terms.start)}))
        return replace(state, price=amount, leader=bidder.id, bids=(*state.bids, bid), closes=at)
    if amount < terms.start:
        raise RuleRefusal(Problem("market.bid_below_start", "amount", {**params, "start": _money(terms.start)}))
    if terms.mode is Mode.TENDER:
        if any(b.bidder_id == bidder.id for b in state.bids):
            raise RuleRefusal(Problem("market.tender_one_bid", "bidder", params))
        return replace(state, bids=(*state.bids, bid))
    if terms.mode is Mode.NEGOTIATED:
        best = ranking(terms, (*state.bids, bid), set())[0]  # pre-emption decides at the close (outcome)
        return replace(state, price=best.amount, leader=best.bidder_id, bids=(*state.bids, bid))
    return _rising(terms, state, bidder, bid, params)


def _rising(terms: AuctionTerms, state: AuctionState, bidder: Bidder, bid: Bid, params: dict[str, str]) -> AuctionState:
    if state.leader is not None and state.price is not None:
        if state.leader == bidder.id and not terms.preset.leader_may_raise:
            raise RuleRefusal(Problem("market.leader_raise", "bidder", params))
        # Art. 21: at an equal price the holder of a pre-emption right wins, so they may match the lead.
        matches = bidder.pre_emption and bid.amount == state.price
        step = terms.increments.step_at(state.price)
        if not matches and bid.amount < state.price + step:
            raise RuleRefusal(Problem("market.bid_below_increment", "amount", {
                **params, "price": _money(state.price), "step": _money(step), "minimum": _money(state.price + step)}))
    closes = state.closes
    if terms.mode is Mode.SALE and state.leader is None:
        closes = bid.at + timedelta(hours=terms.preset.sale_countdown_hours)  # the first bid starts the countdown
    minutes = terms.preset.extension_minutes
    if minutes and bid.at >= closes - timedelta(minutes=minutes):
        closes = bid.at + timedelta(minutes=minutes)
    return AuctionState(closes=closes, price=bid.amount, leader=bidder.id, bids=(*state.bids, bid))


def replay(terms: AuctionTerms, bidders: dict[int, Bidder], bids: list[Bid]) -> AuctionState:
    """The state the recorded bids make (each was accepted when placed; replaying checks it again)."""
    state = begin(terms)
    for bid in bids:
        state = place_bid(terms, state, bidders[bid.bidder_id], bid.amount, bid.at)
    return state


def ranking(terms: AuctionTerms, bids: tuple[Bid, ...] | list[Bid], pre_emption: set[int]) -> list[Bid]:
    """Sealed or negotiated bids best first: price, then a pre-emption holder on an equal price, then time."""
    return sorted(bids, key=lambda b: (-b.amount, b.bidder_id not in pre_emption, b.at))


@dataclass(frozen=True)
class Outcome:
    sold: bool
    winner: int | None = None
    price: Decimal | None = None
    order: tuple[Bid, ...] = ()  # a tender's opening order (every bid, best first)


def outcome(terms: AuctionTerms, state: AuctionState, bidders: dict[int, Bidder]) -> Outcome:
    """Sold or failed once closed: the leader (or the best sealed bid), if at or above the reserve."""
    reserve = max(terms.start, terms.reserve or terms.start)
    if terms.mode in (Mode.TENDER, Mode.NEGOTIATED):
        order = tuple(ranking(terms, state.bids, {i for i, b in bidders.items() if b.pre_emption}))
        best = order[0] if order else None
        if best is None or best.amount < reserve:
            return Outcome(False, order=order)
        return Outcome(True, best.bidder_id, best.amount, order)
    if state.leader is None or state.price is None or state.price < reserve:
        return Outcome(False)
    return Outcome(True, state.leader, state.price)
