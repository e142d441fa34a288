"""Closing an auction and what follows: the deal (one per auction, however many clerks close it at once),
the deposits (the winner's applied to the price, the others refunded; forfeited when the winner backs out,
who is then barred from the re-auction), the buyer's payment and — for an ordinary sale lot — the transfer
of its rights recorded in the register in the same transaction.

A disposal lot (one with a case) stops at the deal: the disposal case takes it through :func:`deal_of_lot_in`
and runs the settlement, the transfer recordal and the pledge cancellation as its own stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.marketplace.auction import Mode, outcome, replay
from ipdesk.domain.marketplace.lots import LotKind, LotStatus
from ipdesk.domain.marketplace.presets import preset
from ipdesk.domain.marketplace.rules import PreviousRound, next_mode
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.services import audit
from ipdesk.services.marketplace import inputs
from ipdesk.services.marketplace.auctions import AuctionCommands
from ipdesk.services.marketplace.lots import _id_of
from ipdesk.services.marketplace.records import (
    DealRecord,
    barred_parties,
    bidders_of,
    bids_of,
    deal_record,
    m,
    right_rows,
    terms_of,
)
from ipdesk.services.office.settings import next_number
from ipdesk.services.uow import changes_so_far, note, reading, transaction
from ipdesk.services.users.scoping import get_scoped
from ipdesk.storage.marketplace.tables import AuctionRow, DealRow, LotRow
from ipdesk.storage.schema import PartyRow

DEAL = "成交"

register({
    "market.not_yet_closed": ("拍卖 {auction} 至 {closes} 才结束", "auction {auction} does not close until {closes}"),
    "market.deal_not_open": ("成交 {deal} 当前为“{status}”", "deal {deal} is {status}"),
    "market.overpaid": ("付款 {amount} 元超过应付余额 {balance} 元", "the payment of {amount} yuan exceeds the balance "
                        "of {balance} yuan"),
    "market.lot_has_deal": ("标的 {lot} 已有成交 {deal}", "lot {lot} already has a deal: {deal}"),
})


@dataclass(frozen=True)
class Closed:
    """``result`` sold or failed; the deal when sold; ``again`` true when the auction was already closed (the
    close is idempotent: nothing was written this time)."""

    auction_no: str
    result: str
    deal: DealRecord | None
    price: Decimal | None
    again: bool = False
    changes: Changes = field(default=NO_CHANGES, compare=False)


class ClosingCommands(AuctionCommands):
    def _deal(self, session: Session, actor: Actor, key: int | str, lock: bool = False) -> DealRow:
        deal_id = _id_of(session, DealRow, DealRow.deal_no, key, DEAL)
        row = session.get(DealRow, deal_id, with_for_update=lock or None)
        lot_id = row.lot_id if row is not None else 0
        get_scoped(session, LotRow, lot_id, actor, what=DEAL, key=key)  # the deal is in scope with its lot
        assert row is not None
        return row

    def get_deal(self, actor: Actor, key: int | str) -> DealRecord:
        with reading(self.engine) as session:
            return deal_record(session, self._deal(session, actor, key), self.clock.zone)

    def close(self, actor: Actor, auction: int | str, at: datetime | str | None = None) -> Closed:
        """Close the auction as of ``at`` (default now): sold to the winner at or above the reserve, else failed.

        Closing an auction that is already closed returns its result and deal again and writes nothing, so two
        clerks (or two processes) closing it at the same moment make one deal.
        """
        actor.require(Action.MANAGE_MARKET)
        problems: list[Problem] = []
        when = inputs.instant({"at": at}, "at", problems, needed=False) or self.clock.now()
        inputs.check(problems)
        with transaction(self.engine, self.clock) as session:
            row = self._auction(session, actor, auction, lock=True)
            if row.result is not None:
                return self._closed(session, row, again=True)
            lot = session.get(LotRow, row.lot_id, with_for_update=True)
            assert lot is not None
            barred = barred_parties(session, row.lot_id)
            terms, bidders = terms_of(row, lot), bidders_of(row, barred)
            state = replay(terms, bidders, bids_of(row))
            if not state.is_closed(when):
                raise RuleRefusal(Problem("market.not_yet_closed", "at", {
                    "auction": row.auction_no, "closes": state.closes.isoformat()}))
            result = outcome(terms, state, bidders)
            row.closed_at, row.current_closes_at = when, state.closes
            row.version += 1
            lot.version += 1
            detail: dict[str, Any] = {"at": when, "closes": state.closes}
            if result.sold and result.winner is not None and result.price is not None:
                self._sold(session, row, lot, result.winner, result.price, state.closes)
                detail.update(winner=bidders[result.winner].code, price=result.price)
            else:
                row.result = "failed"
                for b in row.bidders:
                    b.deposit_status = "refunded"
                lot.status = self._after_failure(row)
                detail["tender_order"] = [[bidders[b.bidder_id].code, m(b.amount)] for b in result.order]
            session.flush()
            audit.record(session, actor, "auction.close", "auction", row.id,
                         f"{row.auction_no} {'成交' if row.result == 'sold' else '流拍'}"
                         + (f" {m(result.price)}" if row.result == "sold" else ""), None, detail)
            note(session, "lots", lot.id)
            return self._closed(session, row)

    def _sold(self, session: Session, row: AuctionRow, lot: LotRow, winner: int, price: Decimal,
              closes: datetime) -> None:
        standing = session.execute(select(DealRow.deal_no).where(DealRow.lot_id == lot.id,
                                                                 DealRow.status != "backed_out")).first()
        if standing is not None:
            raise RuleRefusal(Problem("market.lot_has_deal", "lot", {"lot": lot.lot_no, "deal": standing[0]}))
        row.result = "sold"
        buyer = next(b for b in row.bidders if b.id == winner)
        for b in row.bidders:
            b.deposit_status = "applied" if b.id == winner else "refunded"
        year = self.clock.today().year
        session.add(DealRow(deal_no=f"DL{year}{next_number(session, 'market_deal', year):06d}", auction_id=row.id,
                            lot_id=lot.id, buyer_party_id=buyer.party_id, price=price,
                            deposit_applied=min(buyer.deposit, price), closed_at=closes, status="awaiting_payment"))
        lot.status = LotStatus.SOLD.value

    @staticmethod
    def _after_failure(row: AuctionRow) -> str:
        """Listed again when the preset allows another round, else unsold (以物抵债 or withdrawal is next)."""
        rules = preset(row.preset, row.preset_effective)
        _, _, exhausted = next_mode(rules, PreviousRound(row.round, Mode(row.mode), row.start_price,
                                                         row.current_closes_at), Mode(row.mode))
        return (LotStatus.UNSOLD if exhausted is not None else LotStatus.LISTED).value

    def _closed(self, session: Session, row: AuctionRow, again: bool = False) -> Closed:
        deal = session.execute(select(DealRow).where(DealRow.auction_id == row.id)).scalar_one_or_none()
        record = deal_record(session, deal, self.clock.zone) if deal is not None else None
        return Closed(row.auction_no, "sold" if row.result in ("sold", "backed_out") else "failed", record,
                      deal.price if deal is not None else None, again,
                      NO_CHANGES if again else changes_so_far(session))

    def back_out(self, actor: Actor, deal: int | str, reason: str = "") -> DealRecord:
        """The winner does not pay (悔拍): the deal falls, the deposit is forfeited, the bidder is barred from
        the re-auction of this lot (网拍规定 Art. 24) and the lot may be auctioned again."""
        actor.require(Action.MANAGE_MARKET)
        with transaction(self.engine, self.clock) as session:
            row = self._deal(session, actor, deal, lock=True)
            if row.status != "awaiting_payment":
                raise RuleRefusal(Problem("market.deal_not_open", "deal", {"deal": row.deal_no, "status": row.status}))
            auction = session.get(AuctionRow, row.auction_id, with_for_update=True)
            lot = session.get(LotRow, row.lot_id, with_for_update=True)
            assert auction is not None and lot is not None
            row.status = "backed_out"
            for b in auction.bidders:
                if b.party_id == row.buyer_party_id:
                    b.deposit_status = "forfeited"
            auction.result, auction.closed_at = "backed_out", self.clock.now()
            lot.status = self._after_failure(auction)
            lot.version += 1
            session.flush()
            # On the auction (its bidders' deposits changed) and noting the lot (its deal fell): both rebound.
            audit.record(session, actor, "deal.back_out", "auction", auction.id,
                         f"{row.deal_no} 买受人悔拍，保证金 {m(row.deposit_applied)} 不予退还", None,
                         {"deal": row.deal_no, "forfeited": row.deposit_applied, "reason": reason})
            note(session, "lots", lot.id)
            return deal_record(session, row, self.clock.zone)

    def pay(self, actor: Actor, deal: int | str, amount: Decimal, *, on: date | None = None) -> DealRecord:
        """The buyer pays (the balance over the applied deposit, in one or more payments). Once paid in full,
        an ordinary sale lot's transfer to the buyer is recorded in the register (when the actor may edit
        rights); a disposal lot's transfer is its case's stage."""
        actor.require(Action.MANAGE_MARKET)
        if amount <= 0:
            raise RuleRefusal(Problem("market.positive", "amount", {"label": "金额", "value": m(amount)}))
        with transaction(self.engine, self.clock) as session:
            row = self._deal(session, actor, deal, lock=True)
            if row.status != "awaiting_payment":
                raise RuleRefusal(Problem("market.deal_not_open", "deal", {"deal": row.deal_no, "status": row.status}))
            balance = row.price - row.deposit_applied - (row.paid_amount or Decimal(0))
            if amount > balance:
                raise RuleRefusal(Problem("market.overpaid", "amount", {"amount": m(amount), "balance": m(balance)}))
            row.paid_amount = (row.paid_amount or Decimal(0)) + amount
            lot = session.get(LotRow, row.lot_id)
            assert lot is not None
            if amount == balance:
                row.status, row.paid_on = "paid", on or self.clock.today()
                self._transfer(session, actor, row, lot)
            lot.version += 1
            session.flush()
            audit.record(session, actor, "deal.pay", "lot", lot.id, f"{row.deal_no} 收到价款 {m(amount)}", None,
                         {"deal": row.deal_no, "amount": amount, "status": row.status,
                          "transfer_recorded": row.transfer_recorded})
            return deal_record(session, row, self.clock.zone)

    def _transfer(self, session: Session, actor: Actor, row: DealRow, lot: LotRow) -> None:
        if lot.case_ref or lot.kind != LotKind.SALE.value or self.pledges is None or not actor.may(Action.EDIT_RIGHTS):
            return
        buyer = session.get(PartyRow, row.buyer_party_id)
        assert buyer is not None
        for right in right_rows(session, lot):
            self.pledges.record_transaction_in(session, actor, right.number, "transfer", buyer.name,
                                               pledgee_consent=lot.pledgee_consent, proceeds=row.price,
                                               proceeds_handling="escrow" if lot.pledgee_consent else "",
                                               on=row.paid_on)
        row.transfer_recorded = True
