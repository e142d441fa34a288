"""A case on the marketplace on both engines: its listing stage lists the pledged right as a lot carrying the
case's number, its deal stage takes the lot's deal (price, buyer) once the auction closed, not before; then,
end to end, the buyer pays, the proceeds are settled, the right is recorded as the buyer's and the pledge is
cancelled as realised — one audit chain from the listing to the cancellation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest

from ipdesk.domain.disposal.stages import Stage
from ipdesk.domain.shared.problems import ValidationError
from tests.helpers.factories import ADMIN
from tests.services.disposal.conftest import DOCS, World

OPENS = datetime(2026, 12, 10, 2, tzinfo=UTC)
CLOSES = OPENS + timedelta(hours=24)


def test_the_auction_on_the_marketplace_gives_the_deal(world: World, clock) -> None:
    world.defaulted_loan()
    cases = world.ws.disposal
    case = cases.open(ADMIN, world.pledge.registration_no).value
    cases.advance(ADMIN, case.id, documents=DOCS["default_notice"])
    cases.advance(ADMIN, case.id, documents=DOCS["valuation"],
                  facts={"market_value": "1000000", "forced_value": "700000"})
    cases.advance(ADMIN, case.id, documents=DOCS["route"], facts={"route": "auction"})
    listed = cases.advance(ADMIN, case.id, documents=DOCS["listing"]).value
    assert listed.stage is Stage.DEAL and listed.lot_id is not None
    lot = world.ws.market.get_lot(ADMIN, listed.lot_id)
    assert lot.case_ref == case.case_no and [r.number for r in lot.rights] == [world.right.display_number]
    assert listed.listing == f"流转市场 {lot.lot_no}"
    with pytest.raises(ValidationError) as early:
        cases.advance(ADMIN, case.id, documents=DOCS["deal"])
    assert early.value.problems[0].code == "disposal.no_deal_yet"
    market = world.ws.market
    auction = market.open_auction(ADMIN, lot.lot_no, {
        "preset": "private", "start": "700000", "increment": "10000", "deposit": "70000",
        "opens": OPENS.isoformat(), "closes": CLOSES.isoformat()}).auction
    market.deposit(ADMIN, auction.auction_no, {"bidder": world.buyer.uscc, "amount": "70000",
                                               "at": (OPENS - timedelta(hours=1)).isoformat()})
    market.bid(ADMIN, auction.auction_no, {"bidder": world.buyer.uscc, "amount": "820000",
                                           "at": (OPENS + timedelta(hours=1)).isoformat()})
    clock.set(CLOSES + timedelta(hours=2))
    market.close(ADMIN, auction.auction_no)
    dealt = cases.advance(ADMIN, case.id, documents=DOCS["deal"],
                          facts={"buyer": world.bank.uscc, "price": "1"}).value  # the marketplace's deal wins
    assert (dealt.buyer_id, dealt.price, dealt.stage) == (world.buyer.id, D("820000.00"), Stage.SETTLEMENT)
    assert dealt.deal_on == date(2026, 12, 11)
    assert dealt.steps[-1]["facts"]["deal_no"]
    deal = market.get_deal(ADMIN, dealt.steps[-1]["facts"]["deal_no"])
    assert (deal.buyer, deal.price, deal.balance) == (world.buyer.name, D("820000.00"), D("750000.00"))
    paid = market.pay(ADMIN, deal.deal_no, D("750000.00"))  # the balance over the deposit applied
    assert paid.status == "paid" and not paid.transfer_recorded  # a disposal lot's transfer is its case's stage
    assert [o.party_id for o in world.ws.rights.get(world.right.id).owners] == [world.firm.id]
    settled = cases.settle(ADMIN, case.id).settlement
    assert settled["proceeds"] == "820000.00"
    cases.advance(ADMIN, case.id)  # the settlement statement is on file
    moved = cases.advance(ADMIN, case.id, documents=DOCS["transfer"]).value
    assert moved.stage is Stage.CANCELLATION
    assert [o.party_id for o in world.ws.rights.get(world.right.id).owners] == [world.buyer.id]  # transfer recorded
    closed = cases.advance(ADMIN, case.id, documents=DOCS["cancellation"]).value
    assert closed.stage is Stage.CLOSED
    pledge = world.ws.pledges.get(world.pledge.id)
    assert pledge.status.value == "cancelled" and pledge.cancellation_trigger.value == "realised"
    assert "listing" in [s.stage.value for s in closed.stages] and all(s.state == "done" for s in closed.stages)
    assert market.get_lot(ADMIN, lot.lot_no).status == "sold"
    report = world.ws.audit.verify()
    assert report.ok and not report.mismatches, report.to_json()
