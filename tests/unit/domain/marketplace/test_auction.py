"""The auction state machine on an injected clock: increments, anti-sniping, deposits, codes, pre-emption,
the sealed tender's opening order, the fixed-price listing and the 变卖 countdown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest

from ipdesk.domain.marketplace.auction import AuctionTerms, Bidder, Mode, begin, outcome, place_bid
from ipdesk.domain.marketplace.increments import parse_increments
from ipdesk.domain.marketplace.presets import preset
from ipdesk.domain.shared.problems import RuleRefusal, ValidationError
from tests.helpers.clock import fixed_clock

CLOCK = fixed_clock()
OPENS = datetime(2027, 1, 10, 2, tzinfo=UTC)
CLOSES = OPENS + timedelta(hours=24)
A = Bidder(1, "B01", D("70000"))
B = Bidder(2, "B02", D("70000"))
P = Bidder(3, "B03", D("70000"), pre_emption=True)
BIDDERS = {b.id: b for b in (A, B, P)}


def terms(mode: Mode = Mode.ENGLISH, code: str = "online_judicial", increment: str = "10000",
          **kw: object) -> AuctionTerms:
    return AuctionTerms(mode, preset(code, OPENS.date()), D("700000"), parse_increments(increment), D("70000"),
                        OPENS, CLOSES, **kw)  # type: ignore[arg-type]


def at(minutes: float) -> datetime:
    """An instant on the test clock, moved to ``minutes`` after the opening (the clock is the one injected)."""
    CLOCK.set(OPENS + timedelta(minutes=minutes))
    return CLOCK.now()


def refused(code: str, fn, *args) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleRefusal) as err:
        fn(*args)
    assert [p.code for p in err.value.problems] == [code]


def test_english_auction_rises_by_the_increment() -> None:
    t = terms()
    s = place_bid(t, begin(t), A, D("700000"), at(1))
    assert (s.price, s.leader) == (D("700000"), A.id)
    refused("market.bid_below_increment", place_bid, t, s, B, D("709999.99"), at(2))
    refused("market.leader_raise", place_bid, t, s, A, D("720000"), at(2))
    s = place_bid(t, s, B, D("710000"), at(3))
    assert (s.price, s.leader, s.closes) == (D("710000"), B.id, CLOSES)


@pytest.mark.parametrize(("when", "code"), [(-1, "market.bid_before_open"), (24 * 60, "market.bid_after_close"),
                                            (24 * 60 + 1, "market.bid_after_close")])
def test_no_bid_outside_the_window(when: float, code: str) -> None:
    t = terms()
    refused(code, place_bid, t, begin(t), A, D("700000"), at(when))


def test_no_bid_without_the_deposit_or_when_barred() -> None:
    t = terms()
    refused("market.no_deposit", place_bid, t, begin(t), Bidder(9, "B09", D("69999.99")), D("700000"), at(1))
    refused("market.bidder_barred", place_bid, t, begin(t), Bidder(9, "B09", D("70000"), barred=True),
            D("700000"), at(1))
    refused("market.bid_below_start", place_bid, t, begin(t), A, D("699999"), at(1))


@pytest.mark.parametrize(("code", "minute", "closes"), [
    ("online_judicial", 24 * 60 - 5, CLOSES + timedelta(minutes=0)),  # exactly 5 minutes before: extended to +5
    ("online_judicial", 24 * 60 - 1, CLOSES + timedelta(minutes=4)),
    ("online_judicial", 24 * 60 - 6, CLOSES),
    ("court_offline", 24 * 60 - 1, CLOSES),  # no extension off the platform
])
def test_anti_sniping_extension(code: str, minute: float, closes: datetime) -> None:
    t = terms(code=code)
    s = place_bid(t, begin(t), A, D("700000"), at(minute))
    assert s.closes == closes


def test_extensions_again_and_again() -> None:
    t = terms()
    s = place_bid(t, begin(t), A, D("700000"), at(24 * 60 - 1))
    s = place_bid(t, s, B, D("710000"), at(24 * 60 + 3))  # inside the extension
    s = place_bid(t, s, A, D("720000"), at(24 * 60 + 7))
    assert s.closes == CLOSES + timedelta(minutes=12)
    refused("market.bid_after_close", place_bid, t, s, B, D("730000"), at(24 * 60 + 12))
    result = outcome(t, s, BIDDERS)
    assert (result.sold, result.winner, result.price) == (True, A.id, D("720000"))


def test_tiered_increment() -> None:
    t = terms(increment="0=10000,750000=50000")
    s = place_bid(t, begin(t), A, D("750000"), at(1))
    refused("market.bid_below_increment", place_bid, t, s, B, D("760000"), at(2))
    assert place_bid(t, s, B, D("800000"), at(2)).price == D("800000")
    with pytest.raises(ValidationError):
        parse_increments("10=5")  # the bands start at 0
    with pytest.raises(ValidationError):
        parse_increments("-1")


def test_pre_emption_holder_matches_the_lead_and_wins_at_an_equal_price() -> None:
    t = terms()
    s = place_bid(t, begin(t), A, D("700000"), at(1))
    refused("market.bid_below_increment", place_bid, t, s, B, D("700000"), at(2))
    s = place_bid(t, s, P, D("700000"), at(2))
    assert s.leader == P.id and outcome(t, s, BIDDERS).winner == P.id


def test_no_bid_fails() -> None:
    t = terms()
    assert outcome(t, begin(t), BIDDERS).sold is False


def test_sealed_tender_opening_order_price_then_pre_emption_then_time() -> None:
    t = terms(Mode.TENDER)
    s = begin(t)
    s = place_bid(t, s, A, D("800000"), at(1))
    refused("market.tender_one_bid", place_bid, t, s, A, D("900000"), at(2))
    s = place_bid(t, s, B, D("810000"), at(3))
    s = place_bid(t, s, P, D("810000"), at(4))
    assert s.price is None and s.leader is None  # hidden until the opening
    result = outcome(t, s, BIDDERS)
    assert [b.bidder_id for b in result.order] == [P.id, B.id, A.id]
    assert (result.winner, result.price) == (P.id, D("810000"))


def test_fixed_price_first_acceptance_wins() -> None:
    t = terms(Mode.FIXED_PRICE, code="private")
    refused("market.fixed_price", place_bid, t, begin(t), A, D("690000"), at(1))
    s = place_bid(t, begin(t), A, D("700000"), at(5))
    assert s.closes == at(5) and s.leader == A.id
    refused("market.bid_after_close", place_bid, t, s, B, D("700000"), at(6))


def test_negotiated_best_offer_at_the_close_and_the_reserve() -> None:
    t = terms(Mode.NEGOTIATED, code="private", reserve=D("750000"))
    s = place_bid(t, begin(t), A, D("740000"), at(1))
    assert outcome(t, s, BIDDERS).sold is False  # below the lot's reserve
    s = place_bid(t, s, B, D("760000"), at(2))
    assert outcome(t, s, BIDDERS).winner == B.id


def test_sale_first_bid_starts_the_countdown() -> None:
    t = AuctionTerms(Mode.SALE, preset("online_judicial", OPENS.date()), D("560000"), parse_increments("5000"),
                     D("56000"), OPENS, OPENS + timedelta(days=60), round=3)
    s = place_bid(t, begin(t), A, D("560000"), at(60 * 24 * 10))
    assert s.closes == at(60 * 24 * 11)
    s = place_bid(t, s, B, D("565000"), at(60 * 24 * 11 - 2))  # inside the last 5 minutes
    assert s.closes == at(60 * 24 * 11 + 3)
