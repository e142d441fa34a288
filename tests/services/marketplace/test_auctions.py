"""Auctions through the service: the floor, deposits and codes, bids and their refusals (nothing written),
anti-sniping, the idempotent close with the deal and the deposits, back-out with forfeiture and the bar,
re-auction by the preset, the 60-day sale, tender, payment and the transfer recorded."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import select

from ipdesk.domain.shared.problems import RuleRefusal, ValidationError
from ipdesk.services.marketplace.service import deal_of_lot_in
from ipdesk.storage.marketplace.tables import BidderRow
from ipdesk.storage.schema import RightTransactionRow
from tests.helpers.factories import ADMIN
from tests.services.marketplace.conftest import CLOSES, OPENS, World, at, counts


def rule(world: World, code: str, fn, *args) -> None:  # type: ignore[no-untyped-def]
    before = counts(world.ws)
    with pytest.raises(RuleRefusal) as err:
        fn(*args)
    assert code in [p.code for p in err.value.problems], err.value.problems
    assert counts(world.ws) == before


def test_the_start_below_the_floor_is_refused_with_the_rule(world: World) -> None:
    lot = world.lot()
    rule(world, "market.start_below_floor", world.market.open_auction, ADMIN, lot.lot_no,
         {"preset": "online_judicial", "start": "699999", "increment": "1000", "deposit": "70000",
          "opens": OPENS.isoformat(), "closes": CLOSES.isoformat()})
    opened = world.market.open_auction(ADMIN, lot.lot_no, {
        "preset": "court_offline", "start": "800000", "increment": "1000", "deposit": "0",
        "opens": OPENS.isoformat(), "closes": CLOSES.isoformat()})
    assert opened.auction.round == 1 and world.market.get_lot(ADMIN, lot.lot_no).status == "auction"
    rule(world, "market.use_reauction", world.market.open_auction, ADMIN, lot.lot_no,
         {"preset": "private", "start": "1", "increment": "1", "deposit": "0", "opens": OPENS.isoformat(),
          "closes": CLOSES.isoformat()})


def test_times_need_an_offset(world: World) -> None:
    with pytest.raises(ValidationError) as err:
        world.auction(opens="2027-01-10T10:00:00")
    assert err.value.problems[0].code == "market.bad_instant"


def test_bids_refused_write_nothing(world: World) -> None:
    a = world.auction()
    assert world.deposit(a, 0, 1) == ["B001", "B002"]
    rule(world, "market.deposit_short", world.market.deposit, ADMIN, a.auction_no,
         {"bidder": world.bidders[2].uscc, "amount": "69999.99"})
    rule(world, "market.not_registered", world.bid, a, 2, "700000", at(1))
    rule(world, "market.bid_before_open", world.bid, a, 0, "700000", at(-0.5))
    world.bid(a, 0, "700000", at(1))
    rule(world, "market.bid_below_increment", world.bid, a, 1, "705000", at(2))
    rule(world, "market.leader_raise", world.bid, a, 0, "800000", at(2))
    rule(world, "market.bid_after_close", world.bid, a, 1, "800000", at(25))


def test_english_auction_to_the_deal_and_the_close_is_idempotent(world: World) -> None:
    a = world.auction()
    world.deposit(a, 0, 1, 2)
    world.bid(a, 0, "700000", at(1))
    done = world.bid(a, 1, "710000", at(23, 58))  # within the last 5 minutes: the close moves
    assert (done.price, done.leader, done.closes) == (D("710000"), "B002", OPENS.replace(hour=2, minute=3) +
                                                      (CLOSES - OPENS))
    rule(world, "market.not_yet_closed", world.market.close, ADMIN, a.auction_no, at(24, 1))
    closed = world.market.close(ADMIN, a.auction_no, at(24, 3))
    assert (closed.result, closed.price, closed.again) == ("sold", D("710000"), False)
    deal = closed.deal
    assert deal is not None and deal.buyer == world.bidders[1].name and deal.balance == D("640000")
    before = counts(world.ws)
    again = world.market.close(ADMIN, a.auction_no, at(30))
    assert again.again and again.deal == deal and counts(world.ws) == before
    with world.ws.engine.connect() as conn:
        statuses = dict(conn.execute(select(BidderRow.code, BidderRow.deposit_status)).all())
    assert statuses == {"B001": "refunded", "B002": "applied", "B003": "refunded"}
    assert world.market.get_lot(ADMIN, a.lot_no).status == "sold"
    assert world.market.get_auction(ADMIN, a.auction_no).bids[0].code == "B002"  # the ladder, latest first


def test_payment_records_the_transfer_of_an_ordinary_lot(world: World) -> None:
    a = world.auction()
    world.deposit(a, 0)
    world.bid(a, 0, "700000", at(1))
    deal = world.market.close(ADMIN, a.auction_no, at(24)).deal
    assert deal is not None
    rule(world, "market.overpaid", world.market.pay, ADMIN, deal.deal_no, D("630000.01"))
    world.market.pay(ADMIN, deal.deal_no, D("300000"))
    paid = world.market.pay(ADMIN, deal.deal_no, D("330000"))
    assert (paid.status, paid.transfer_recorded, paid.balance) == ("paid", True, D("0"))
    with world.ws.engine.connect() as conn:
        tx = conn.execute(select(RightTransactionRow.kind, RightTransactionRow.counterparty)).all()
    assert tx == [("transfer", world.bidders[0].name)]


def test_a_case_lot_stops_at_the_deal_the_case_takes(world: World) -> None:
    lot = world.lot(rights=[world.pledged.display_number], case="CZ2026000001")
    a = world.auction(lot)
    world.deposit(a, 2)
    world.bid(a, 2, "750000", at(3))
    world.market.close(ADMIN, a.auction_no, at(24))
    with world.ws.engine.connect() as conn:
        from sqlalchemy.orm import Session

        deal = deal_of_lot_in(Session(conn), lot.id)
    assert deal is not None and (deal.price, deal.buyer_id) == (D("750000"), world.bidders[2].id)
    paid = world.market.pay(ADMIN, deal.deal_no, D("680000"))
    assert paid.status == "paid" and paid.transfer_recorded is False  # the case's stage, not ours


def test_back_out_forfeits_the_deposit_and_bars_the_bidder(world: World) -> None:
    a = world.auction()
    world.deposit(a, 0, 1)
    world.bid(a, 0, "700000", at(1))
    deal = world.market.close(ADMIN, a.auction_no, at(24)).deal
    assert deal is not None
    world.market.back_out(ADMIN, deal.deal_no, "未按期付款")
    assert world.market.deal_of_lot(deal.lot_id) is None
    second = world.market.reauction(ADMIN, a.auction_no, {"start": "560000", "opens": at(24 * 10),
                                                          "closes": at(24 * 11)}).auction
    assert (second.round, second.deposit) == (2, D("56000.00"))
    rule(world, "market.bidder_barred", world.market.deposit, ADMIN, second.auction_no,
         {"bidder": world.bidders[0].uscc, "amount": "56000"})
    rule(world, "market.deal_not_open", world.market.back_out, ADMIN, deal.deal_no)


def test_online_judicial_two_failures_then_the_sixty_day_sale(world: World) -> None:
    a = world.auction()
    assert world.market.close(ADMIN, a.auction_no, at(24)).result == "failed"
    rule(world, "market.cut_too_deep", world.market.reauction, ADMIN, a.auction_no,
         {"start": "559999", "opens": at(24 * 5), "closes": at(24 * 6)})
    rule(world, "market.reauction_late", world.market.reauction, ADMIN, a.auction_no,
         {"start": "560000", "opens": at(24 * 32), "closes": at(24 * 33)})
    b = world.market.reauction(ADMIN, a.auction_no, {"start": "560000", "opens": at(24 * 5),
                                                     "closes": at(24 * 6)}).auction
    rule(world, "market.reauction_twice", world.market.reauction, ADMIN, a.auction_no,
         {"start": "560000", "opens": at(24 * 5), "closes": at(24 * 6)})
    assert world.market.close(ADMIN, b.auction_no, at(24 * 6)).result == "failed"
    rule(world, "market.sale_price", world.market.reauction, ADMIN, b.auction_no,
         {"start": "500000", "opens": at(24 * 7), "closes": at(24 * 67)})
    sale = world.market.reauction(ADMIN, b.auction_no, {"start": "560000", "opens": at(24 * 7),
                                                        "closes": at(24 * 67)}).auction
    assert (sale.mode.value, sale.round) == ("sale", 3)
    world.deposit(sale, 0, amount="56000")
    done = world.bid(sale, 0, "560000", at(24 * 20))
    assert done.closes.isoformat() == at(24 * 21)  # the first bid starts the 24 h countdown
    closed = world.market.close(ADMIN, sale.auction_no, at(24 * 21))
    assert (closed.result, closed.price) == ("sold", D("560000"))


def test_a_failed_sale_leaves_the_lot_unsold(world: World) -> None:
    a = world.auction(preset="court_offline", start="800000", deposit="0")
    for start, day in (("640000", 5), ("512000", 10)):
        world.market.close(ADMIN, a.auction_no, at(24 * (day - 4)))
        a = world.market.reauction(ADMIN, a.auction_no, {"start": start, "opens": at(24 * day),
                                                         "closes": at(24 * day + 1)}).auction
    world.market.close(ADMIN, a.auction_no, at(24 * 11))
    assert world.market.get_lot(ADMIN, a.lot_no).status == "unsold"
    rule(world, "market.rounds_exhausted", world.market.reauction, ADMIN, a.auction_no,
         {"start": "500000", "opens": at(24 * 12), "closes": at(24 * 13)})


def test_sealed_tender_hides_bids_until_the_opening(world: World) -> None:
    a = world.auction(preset="private", mode="tender", start="600000", deposit="10000")
    world.deposit(a, 0, 1, 2, amount="10000")
    assert world.bid(a, 0, "650000", at(1)).price is None
    world.bid(a, 1, "700000", at(2))
    world.bid(a, 2, "680000", at(3))
    assert world.market.get_auction(ADMIN, a.auction_no).bids == ()
    closed = world.market.close(ADMIN, a.auction_no, at(24))
    assert closed.deal is not None and closed.deal.buyer == world.bidders[1].name
    opened = world.market.get_auction(ADMIN, a.auction_no).bids  # the opening order: best first
    assert [(b.code, b.amount) for b in opened] == [("B002", D("700000")), ("B003", D("680000")),
                                                    ("B001", D("650000"))]


def test_the_confirmation_is_issued_once_and_signed_like_a_notice(world: World) -> None:
    from ipdesk.domain.marketplace.confirmation import canonical_content
    from ipdesk.reports.common.pdf_payload import read_pdf_payload
    from ipdesk.reports.common.seal import trusted_keys, verify_payload

    a = world.auction()
    world.deposit(a, 1)
    world.bid(a, 1, "720000", at(2))
    deal = world.market.close(ADMIN, a.auction_no, at(24)).deal
    assert deal is not None
    first = world.market.confirmation(ADMIN, deal.deal_no)
    before = counts(world.ws)
    again = world.market.confirmation(ADMIN, deal.deal_no)
    assert (again.serial, again.payload) == (first.serial, first.payload) and counts(world.ws) == before
    assert first.document.price == D("720000") and first.document.buyer == world.bidders[1].name
    keys = trusted_keys(world.ws.notices.keys.key())
    assert verify_payload(first.payload, canonical_content(first.document), keys).ok
    assert read_pdf_payload(first.pdf).payload == first.payload
    assert world.market.get_deal(ADMIN, deal.deal_no).confirmation_serial == first.serial
    pdf = world.ws.config.data_dir / "deal.pdf"
    pdf.write_bytes(first.pdf)
    checked = world.ws.notices.verify_file(pdf)  # in the notices' issue log: verified like a notice
    assert checked.ok and checked.serial == first.serial and checked.pages_checked, checked
    forged = first.pdf.replace(b"720,000.00", b"920,000.00")
    if forged != first.pdf:
        pdf.write_bytes(forged)
        assert not world.ws.notices.verify_file(pdf).ok


def test_every_market_act_is_bound_in_the_audit_state(world: World) -> None:
    a = world.auction()
    world.deposit(a, 0, 1)
    world.bid(a, 0, "700000", at(1))
    deal = world.market.close(ADMIN, a.auction_no, at(24)).deal
    assert deal is not None
    world.market.back_out(ADMIN, deal.deal_no)
    world.market.reauction(ADMIN, a.auction_no, {"start": "600000", "opens": at(48), "closes": at(72)})
    report = world.ws.audit.verify()
    assert report.ok and report.mismatches == (), report.mismatches
    with world.ws.engine.begin() as conn:  # a price changed behind the log is found
        from sqlalchemy import update

        from ipdesk.storage.marketplace.tables import DealRow

        conn.execute(update(DealRow).values(price=D("1")))
    broken = world.ws.audit.verify()
    assert not broken.ok and any("market_deals" in str(m) for m in broken.mismatches), broken.to_json()
