"""Every preset, table-driven: floors, deposits, windows, cuts, days to a re-auction, rounds, the 60-day sale."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest

from ipdesk.domain.marketplace.auction import Mode
from ipdesk.domain.marketplace.presets import PRESETS, preset
from ipdesk.domain.marketplace.rules import Opening, PreviousRound, check_opening, next_mode
from ipdesk.domain.shared.problems import ValidationError

DAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 2, tzinfo=UTC)
OPENS = NOW + timedelta(days=31)


def opening(start: str, deposit: str, hours: float = 24, opens: datetime = OPENS, step: str = "1000") -> Opening:
    return Opening(D(start), D(step), D(deposit), opens, opens + timedelta(hours=hours))


def codes(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.code for p in problems]


@pytest.mark.parametrize(("code", "start", "ok"), [
    ("online_judicial", "700000.00", True), ("online_judicial", "699999.99", False),
    ("court_offline", "800000.00", True), ("court_offline", "799999.99", False),
    ("private", "1.00", True),
])
def test_first_round_floor_of_the_assessed_value(code: str, start: str, ok: bool) -> None:
    refusals, _ = check_opening(preset(code, DAY), Mode.ENGLISH, opening(start, str(D(start) * D("0.1"))),
                                assessed=D("1000000"), previous=None, now=NOW)
    assert ("market.start_below_floor" not in codes(refusals)) is ok


@pytest.mark.parametrize(("deposit", "ok"), [("34999.99", False), ("35000.00", True), ("140000.00", True),
                                             ("140000.01", False)])
def test_online_deposit_five_to_twenty_percent_of_the_start(deposit: str, ok: bool) -> None:
    refusals, _ = check_opening(preset("online_judicial", DAY), Mode.ENGLISH, opening("700000", deposit),
                                assessed=D("1000000"), previous=None, now=NOW)
    assert ("market.deposit_range" not in codes(refusals)) is ok


@pytest.mark.parametrize(("code", "deposit"), [("court_offline", "0"), ("private", "999999")])
def test_no_deposit_range_off_the_online_platform(code: str, deposit: str) -> None:
    refusals, _ = check_opening(preset(code, DAY), Mode.ENGLISH, opening("900000", deposit), assessed=D("1000000"),
                                previous=None, now=NOW)
    assert refusals == []


@pytest.mark.parametrize(("code", "hours", "ok"), [("online_judicial", 23.99, False), ("online_judicial", 24, True),
                                                   ("court_offline", 1, True), ("private", 0.5, True)])
def test_bidding_window(code: str, hours: float, ok: bool) -> None:
    refusals, _ = check_opening(preset(code, DAY), Mode.ENGLISH, opening("900000", "90000", hours),
                                assessed=D("1000000"), previous=None, now=NOW)
    assert ("market.window_short" not in codes(refusals)) is ok


@pytest.mark.parametrize(("code", "start", "ok"), [
    ("online_judicial", "560000.00", True), ("online_judicial", "559999.99", False),  # 100 → 70 → 56
    ("court_offline", "640000.00", True), ("court_offline", "639999.99", False),
    ("private", "10.00", True),
])
def test_reauction_cut_at_most_twenty_percent(code: str, start: str, ok: bool) -> None:
    first = {"online_judicial": "700000", "court_offline": "800000", "private": "700000"}[code]
    prev = PreviousRound(1, Mode.ENGLISH, D(first), NOW)
    refusals, _ = check_opening(preset(code, DAY), Mode.ENGLISH, opening(start, str(D(start) * D("0.1")), opens=NOW +
                                timedelta(days=10)), assessed=D("1000000"), previous=prev, now=NOW)
    assert ("market.cut_too_deep" not in codes(refusals)) is ok
    assert "market.start_below_floor" not in codes(refusals)  # the floor binds the first round only


@pytest.mark.parametrize(("days", "ok"), [(30, True), (31, False)])
def test_online_reauction_within_thirty_days(days: int, ok: bool) -> None:
    prev = PreviousRound(1, Mode.ENGLISH, D("700000"), NOW)
    refusals, _ = check_opening(preset("online_judicial", DAY), Mode.ENGLISH,
                                opening("560000", "56000", opens=NOW + timedelta(days=days)), assessed=D("1000000"),
                                previous=prev, now=NOW)
    assert ("market.reauction_late" not in codes(refusals)) is ok


@pytest.mark.parametrize(("code", "after_round", "mode", "refused"), [
    ("online_judicial", 1, Mode.ENGLISH, False),
    ("online_judicial", 2, Mode.SALE, False),  # after the second failure: the 60-day 变卖
    ("court_offline", 2, Mode.ENGLISH, False),  # patents may go to a third auction
    ("court_offline", 3, Mode.ENGLISH, True),
    ("private", 7, Mode.ENGLISH, False),
])
def test_rounds(code: str, after_round: int, mode: Mode, refused: bool) -> None:
    got, number, problem = next_mode(preset(code, DAY), PreviousRound(after_round, Mode.ENGLISH, D(1), NOW),
                                     Mode.ENGLISH)
    assert (got, number) == (mode, after_round + 1)
    assert (problem is not None) is refused


def test_after_a_failed_sale_no_more_rounds() -> None:
    _, _, problem = next_mode(preset("online_judicial", DAY), PreviousRound(3, Mode.SALE, D(1), NOW), Mode.ENGLISH)
    assert problem is not None and problem.code == "market.rounds_exhausted"


@pytest.mark.parametrize(("start", "days", "errors"), [
    ("560000", 60, []), ("560000", 61, ["market.sale_window"]), ("500000", 60, ["market.sale_price"]),
])
def test_the_sixty_day_sale_at_the_second_start_price(start: str, days: int, errors: list[str]) -> None:
    prev = PreviousRound(2, Mode.ENGLISH, D("560000"), NOW)
    refusals, _ = check_opening(preset("online_judicial", DAY), Mode.SALE,
                                opening(start, str(D(start) / 10), hours=days * 24), assessed=D("1000000"),
                                previous=prev, now=NOW)
    assert codes(refusals) == errors


def test_warnings_refuse_nothing() -> None:
    _, warned = check_opening(preset("online_judicial", DAY), Mode.ENGLISH, opening("700000", "70000",
                              opens=NOW + timedelta(days=3)), assessed=D("1000000"), previous=None, now=NOW)
    assert codes(warned) == ["market.notice_short"]
    refusals, warned = check_opening(preset("private", DAY), Mode.ENGLISH, opening("100000", "0"),
                                     assessed=D("1000000"), previous=None, now=NOW, forced_sale_value=D("300000"))
    assert refusals == [] and codes(warned) == ["market.below_forced_sale"]


def test_presets_are_dated() -> None:
    assert preset("court_offline", date(2020, 6, 1)).effective == date(2005, 1, 1)
    assert preset("court_offline", date(2021, 1, 1)).effective == date(2021, 1, 1)
    with pytest.raises(ValidationError):
        preset("private", date(2020, 12, 31))
    with pytest.raises(ValidationError):
        preset("ebay", DAY)
    assert {p.code for p in PRESETS} == {"online_judicial", "court_offline", "private"}
    online = preset("online_judicial", DAY)
    assert (online.extension_minutes, online.sale_days, online.min_bidding_hours) == (5, 60, 24)
