"""Auctions: open the first round of a lot under a preset, re-auction after a failure (the preset's cut, days
and rounds; the 变卖 after the last round), take deposits (bidders get their codes), take bids.

Every command checks ``Action.MANAGE_MARKET`` first, loads its auction or lot through the agency scope with
the row lock (PostgreSQL ``FOR UPDATE``; SQLite's writers queue), replays the recorded bids through the
domain's state machine, writes, audits once and returns what it changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.domain.marketplace.auction import MODE_LABELS, AuctionState, Mode, place_bid, replay
from ipdesk.domain.marketplace.increments import parse_increments
from ipdesk.domain.marketplace.lots import LotStatus
from ipdesk.domain.marketplace.presets import PRESET_CODES, RulePreset, preset
from ipdesk.domain.marketplace.rules import Opening, PreviousRound, check_opening, next_mode
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import fen
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.marketplace import inputs
from ipdesk.services.marketplace.lots import LOT, LotCommands, _id_of
from ipdesk.services.marketplace.records import (
    AuctionRecord,
    auction_record,
    barred_parties,
    bidders_of,
    bids_of,
    m,
    terms_of,
)
from ipdesk.services.office.settings import next_number
from ipdesk.services.uow import changes_so_far, note, reading
from ipdesk.services.uow import transaction as unit_of_work
from ipdesk.services.users.scoping import get_scoped, scoped
from ipdesk.storage.marketplace.tables import AuctionRow, BidderRow, BidRow, LotRow
from ipdesk.storage.schema import PartyRow

AUCTION = "拍卖"

register({
    "market.lot_not_listed": ("标的 {lot} 当前为“{status}”，不能开始拍卖",
                              "lot {lot} is {status}: no auction can open"),
    "market.use_reauction": ("标的 {lot} 已拍卖过，请用再次拍卖（{auction}）", "lot {lot} has had an auction: "
                             "re-auction it ({auction})"),
    "market.not_failed": ("拍卖 {auction} 未流拍或悔拍，不能再次拍卖", "auction {auction} has neither failed nor been "
                          "backed out of: no re-auction"),
    "market.reauction_twice": ("拍卖 {auction} 之后已有第 {round} 次拍卖 {next}", "auction {auction} already has its "
                               "round {round}: {next}"),
    "market.auction_closed": ("拍卖 {auction} 已于 {closes} 结束", "auction {auction} closed at {closes}"),
    "market.deposit_short": ("保证金应为 {deposit} 元：{amount}", "the deposit is {deposit} yuan: {amount}"),
    "market.not_registered": ("{party} 未交保证金报名拍卖 {auction}，不能出价", "{party} has not paid the deposit "
                              "for auction {auction} and may not bid"),
    "market.bid_backdated": ("出价时间 {at} 早于上一次出价 {last}", "the bid at {at} is before the last bid at {last}"),
})


@dataclass(frozen=True)
class Opened:
    auction: AuctionRecord
    warnings: tuple[Problem, ...] = ()
    changes: Changes = field(default=NO_CHANGES, compare=False)


@dataclass(frozen=True)
class BidResult:
    """After a bid: the price and leader the public sees (none in a sealed tender) and the close as extended."""

    auction_no: str
    price: Decimal | None
    leader: str | None
    closes: datetime
    bidder: str
    changes: Changes = field(default=NO_CHANGES, compare=False)


@dataclass(frozen=True)
class Deposited:
    auction_no: str
    bidder: str  # the code the bidder is shown by
    deposit: Decimal
    changes: Changes = field(default=NO_CHANGES, compare=False)


class AuctionCommands(LotCommands):
    def _auction(self, session: Session, actor: Actor, key: int | str, lock: bool = False) -> AuctionRow:
        return get_scoped(session, AuctionRow, _id_of(session, AuctionRow, AuctionRow.auction_no, key, AUCTION),
                          actor, what=AUCTION, key=key, lock=lock)

    def state_of(self, session: Session, row: AuctionRow) -> AuctionState:
        lot = session.get(LotRow, row.lot_id)
        assert lot is not None
        return replay(terms_of(row, lot), bidders_of(row, barred_parties(session, row.lot_id)), bids_of(row))

    # --- reads ---------------------------------------------------------------------------------------------
    def get_auction(self, actor: Actor, key: int | str) -> AuctionRecord:
        with reading(self.engine) as session:
            return auction_record(session, self._auction(session, actor, key), self.clock.zone)

    def auctions(self, actor: Actor, *, lot_id: int | None = None, open_only: bool = False,
                 closing_before: datetime | None = None) -> list[AuctionRecord]:
        """The auctions the actor may see: of one lot, only those not closed, or closing before an instant
        (the workbench's "closing today"), soonest close first."""
        query = scoped(select(AuctionRow).order_by(AuctionRow.current_closes_at, AuctionRow.id),
                       AuctionRow.owner_party_id, actor)
        if lot_id is not None:
            query = query.where(AuctionRow.lot_id == lot_id)
        if open_only or closing_before is not None:
            query = query.where(AuctionRow.result.is_(None))
        if closing_before is not None:
            query = query.where(AuctionRow.current_closes_at < closing_before)
        with reading(self.engine) as session:
            return [auction_record(session, row, self.clock.zone) for row in session.execute(query).scalars()]

    # --- opening -------------------------------------------------------------------------------------------
    def open_auction(self, actor: Actor, lot: int | str, data: dict[str, Any]) -> Opened:
        """The first round of a lot. Keys: ``preset``, ``mode`` (default english), ``start``, ``increment``
        (an amount or price bands), ``deposit``, ``opens``, ``closes`` (ISO with an offset)."""
        actor.require(Action.MANAGE_MARKET)
        problems: list[Problem] = []
        code = inputs.choice(data, "preset", PRESET_CODES, problems)
        mode = inputs.choice(data, "mode", tuple(m.value for m in Mode if m is not Mode.SALE), problems,
                             default=Mode.ENGLISH.value)
        start, deposit, opens, closes, increment = self._terms(data, problems)
        inputs.check(problems)
        assert code and mode and start is not None and deposit is not None and opens and closes and increment
        with unit_of_work(self.engine, self.clock) as session:
            row = self._lot(session, actor, lot, lock=True)
            first = session.execute(select(AuctionRow.auction_no).where(AuctionRow.lot_id == row.id)).first()
            if first is not None:
                raise RuleRefusal(Problem("market.use_reauction", "lot", {"lot": row.lot_no, "auction": first[0]}))
            if row.status != LotStatus.LISTED.value:
                raise RuleRefusal(Problem("market.lot_not_listed", "lot", {"lot": row.lot_no, "status": row.status}))
            rules = preset(code, self.clock.today())
            opening = Opening(start, increment.step_at(start), deposit, opens, closes)
            refusals, warnings = check_opening(rules, Mode(mode), opening, assessed=row.assessed_value, previous=None,
                                               now=self.clock.now(), forced_sale_value=row.forced_sale_value)
            if refusals:
                raise RuleRefusal(refusals)
            auction = self._new(session, actor, row, rules, Mode(mode), 1, None, opening, increment.text)
            return Opened(auction_record(session, auction, self.clock.zone), tuple(warnings), changes_so_far(session))

    def reauction(self, actor: Actor, auction: int | str, data: dict[str, Any]) -> Opened:
        """The next round after a failed or backed-out one: ``start``, ``opens``, ``closes``; ``increment``
        and ``deposit`` default to the previous round's (the deposit at the same share of the start)."""
        actor.require(Action.MANAGE_MARKET)
        problems: list[Problem] = []
        with unit_of_work(self.engine, self.clock) as session:
            prev = self._auction(session, actor, auction, lock=True)
            data = {"increment": prev.increment, **{k: v for k, v in data.items() if v is not None}}
            start, deposit, opens, closes, increment = self._terms(data, problems, deposit_needed=False)
            inputs.check(problems)
            assert start is not None and opens and closes and increment
            if deposit is None:
                deposit = fen(prev.deposit * start / prev.start_price)
            lot = session.get(LotRow, prev.lot_id, with_for_update=True)
            assert lot is not None
            if prev.result not in ("failed", "backed_out"):
                raise RuleRefusal(Problem("market.not_failed", "auction", {"auction": prev.auction_no}))
            later = session.execute(select(AuctionRow).where(AuctionRow.previous_id == prev.id)).scalars().first()
            if later is not None:
                raise RuleRefusal(Problem("market.reauction_twice", "auction", {
                    "auction": prev.auction_no, "round": later.round, "next": later.auction_no}))
            rules = preset(prev.preset, prev.preset_effective)  # the proceeding keeps the rules it began under
            ended = max(prev.current_closes_at, prev.closed_at or prev.current_closes_at)
            before = PreviousRound(prev.round, Mode(prev.mode), prev.start_price, ended)
            mode, number, exhausted = next_mode(rules, before, Mode(prev.mode))
            if exhausted is not None:
                raise RuleRefusal(exhausted)
            opening = Opening(start, increment.step_at(start), deposit, opens, closes)
            refusals, warnings = check_opening(rules, mode, opening, assessed=lot.assessed_value, previous=before,
                                               now=self.clock.now(), forced_sale_value=lot.forced_sale_value)
            if refusals:
                raise RuleRefusal(refusals)
            row = self._new(session, actor, lot, rules, mode, number, prev.id, opening, increment.text)
            return Opened(auction_record(session, row, self.clock.zone), tuple(warnings), changes_so_far(session))

    @staticmethod
    def _terms(data: dict[str, Any], problems: list[Problem], deposit_needed: bool = True) -> tuple[Any, ...]:
        start = inputs.money(data, "start", problems)
        deposit = inputs.money(data, "deposit", problems, needed=deposit_needed)
        opens, closes = inputs.instant(data, "opens", problems), inputs.instant(data, "closes", problems)
        increment = None
        try:
            increment = parse_increments(str(data.get("increment") or ""))
        except ValidationError as err:
            problems += err.problems
        return start, deposit, opens, closes, increment

    def _new(self, session: Session, actor: Actor, lot: LotRow, rules: RulePreset, mode: Mode, number: int,
             previous_id: int | None, o: Opening, increment: str) -> AuctionRow:
        year = self.clock.today().year
        row = AuctionRow(auction_no=f"AU{year}{next_number(session, 'market_auction', year):06d}", lot_id=lot.id,
                         round=number, previous_id=previous_id, mode=mode.value, preset=rules.code,
                         preset_effective=rules.effective, start_price=o.start, increment=increment, deposit=o.deposit,
                         opens_at=o.opens, closes_at=o.closes, current_closes_at=o.closes,
                         owner_party_id=lot.owner_party_id)
        session.add(row)
        lot.status = LotStatus.AUCTION.value
        lot.version += 1
        session.flush()
        verb = "开始" if number == 1 else f"第 {number} 次"
        audit.record(session, actor, "auction.open", "auction", row.id,
                     f"{lot.lot_no} {verb}{MODE_LABELS[mode][0]} {row.auction_no}（起拍价 {m(o.start)}）", None,
                     {"lot": lot.lot_no, "round": number, "mode": mode.value, "preset": rules.code,
                      "preset_effective": rules.effective, "start": o.start, "increment": increment,
                      "deposit": o.deposit, "opens": o.opens, "closes": o.closes})
        note(session, "lots", lot.id)
        return row

    # --- deposits and bids ---------------------------------------------------------------------------------
    def deposit(self, actor: Actor, auction: int | str, data: dict[str, Any]) -> Deposited:
        """A bidder pays the deposit (``bidder``, ``amount``, ``pre_emption``, ``at``) and gets its code;
        paying again adds to the deposit. A party barred after backing out of an earlier round is refused."""
        actor.require(Action.MANAGE_MARKET)
        problems: list[Problem] = []
        amount = inputs.money(data, "amount", problems)
        at = inputs.instant(data, "at", problems, needed=False) or self.clock.now()
        with unit_of_work(self.engine, self.clock) as session:
            party_id = inputs.party(session, data, "bidder", problems)
            inputs.check(problems)
            assert amount is not None and party_id is not None
            row = self._auction(session, actor, auction, lock=True)
            self._still_open(session, row, at)
            party = session.get(PartyRow, party_id)
            assert party is not None
            if party_id in barred_parties(session, row.lot_id):
                raise RuleRefusal(Problem("market.bidder_barred", "bidder", {"bidder": party.name}))
            bidder = next((b for b in row.bidders if b.party_id == party_id), None)
            total = amount + (bidder.deposit if bidder is not None else Decimal(0))
            if amount <= 0 or total < row.deposit:
                raise RuleRefusal(Problem("market.deposit_short", "amount",
                                          {"deposit": m(row.deposit), "amount": m(amount)}))
            if bidder is None:
                count = session.execute(select(func.count()).select_from(BidderRow)
                                        .where(BidderRow.auction_id == row.id)).scalar_one()
                bidder = BidderRow(auction_id=row.id, party_id=party_id, code=f"B{count + 1:03d}", deposit=amount,
                                   deposit_at=at, pre_emption=bool(data.get("pre_emption")))
                row.bidders.append(bidder)
            else:
                bidder.deposit = total
            row.version += 1
            session.flush()
            audit.record(session, actor, "auction.deposit", "auction", row.id,
                         f"{row.auction_no} 竞买人 {bidder.code} 交纳保证金 {m(amount)}", None,
                         {"bidder": bidder.code, "party_id": party_id, "amount": amount, "at": at,
                          "pre_emption": bidder.pre_emption})
            note(session, "lots", row.lot_id)
            return Deposited(row.auction_no, bidder.code, bidder.deposit, changes_so_far(session))

    def bid(self, actor: Actor, auction: int | str, data: dict[str, Any]) -> BidResult:
        """A bid (``bidder``, ``amount``, ``at``; at defaults to now on the office clock)."""
        actor.require(Action.MANAGE_MARKET)
        problems: list[Problem] = []
        amount = inputs.money(data, "amount", problems)
        at = inputs.instant(data, "at", problems, needed=False) or self.clock.now()
        with unit_of_work(self.engine, self.clock) as session:
            party_id = inputs.party(session, data, "bidder", problems)
            inputs.check(problems)
            assert amount is not None and party_id is not None
            row = self._auction(session, actor, auction, lock=True)
            lot = session.get(LotRow, row.lot_id)
            assert lot is not None
            if row.result is not None:
                raise RuleRefusal(Problem("market.auction_closed", "auction", {
                    "auction": row.auction_no, "closes": row.current_closes_at.isoformat()}))
            bidder_row = next((b for b in row.bidders if b.party_id == party_id), None)
            if bidder_row is None:
                party = session.get(PartyRow, party_id)
                raise RuleRefusal(Problem("market.not_registered", "bidder", {
                    "party": party.name if party else party_id, "auction": row.auction_no}))
            if row.bids and at < row.bids[-1].placed_at:
                raise RuleRefusal(Problem("market.bid_backdated", "at", {
                    "at": at.isoformat(), "last": row.bids[-1].placed_at.isoformat()}))
            bidders = bidders_of(row, barred_parties(session, row.lot_id))
            terms = terms_of(row, lot)
            state = place_bid(terms, replay(terms, bidders, bids_of(row)), bidders[bidder_row.id], amount, at)
            row.bids.append(BidRow(auction_id=row.id, bidder_id=bidder_row.id, amount=amount, placed_at=at,
                                   actor=actor.username))
            row.price, row.leader_bidder_id, row.current_closes_at = state.price, state.leader, state.closes
            row.version += 1
            session.flush()
            audit.record(session, actor, "auction.bid", "auction", row.id,
                         f"{row.auction_no} 竞买人 {bidder_row.code} 出价 {m(amount)}", None,
                         {"bidder": bidder_row.code, "amount": amount, "at": at, "closes": state.closes})
            note(session, "lots", row.lot_id)
            sealed = Mode(row.mode) is Mode.TENDER
            leader = None if sealed or state.leader is None else bidders[state.leader].code
            return BidResult(row.auction_no, None if sealed else state.price, leader, state.closes, bidder_row.code,
                             changes_so_far(session))

    def _still_open(self, session: Session, row: AuctionRow, at: datetime) -> None:
        if row.result is not None or at >= self.state_of(session, row).closes:
            raise RuleRefusal(Problem("market.auction_closed", "auction", {
                "auction": row.auction_no, "closes": row.current_closes_at.isoformat()}))


__all__ = ["AUCTION", "LOT", "AuctionCommands", "BidResult", "Deposited", "Opened"]
