"""What a preset allows when an auction opens or a lot is re-auctioned: the start's floor, the deposit's range,
the bidding window, the cut and the days to a re-auction, the rounds, the 变卖 at the last start price; and
the warnings that refuse nothing (a short notice, a start below the forced-sale value)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from ipdesk.domain.marketplace.auction import Mode
from ipdesk.domain.marketplace.presets import RulePreset
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import HUNDRED, percent_of
from ipdesk.domain.shared.problems import Problem

register({
    "market.start_below_floor": ("起拍价 {start} 元低于评估价 {assessed} 元的 {percent}%（{floor} 元）：{source}",
                                 "the start price {start} yuan is below {percent}% of the assessed value {assessed} "
                                 "yuan ({floor} yuan): {source}"),
    "market.deposit_range": ("保证金 {deposit} 元应为起拍价的 {low}%–{high}%（{minimum}–{maximum} 元）：{source}",
                             "the deposit {deposit} yuan must be {low}–{high}% of the start price ({minimum}–{maximum} "
                             "yuan): {source}"),
    "market.window_short": ("竞价时间不少于 {hours} 小时：{opens} 至 {closes}", "bidding must last at least {hours} "
                            "hours: {opens} to {closes}"),
    "market.window_order": ("结束时间 {closes} 应晚于开始时间 {opens}", "the close {closes} must be after the "
                            "opening {opens}"),
    "market.positive": ("{label}应大于零：{value}", "{label} must be more than zero: {value}"),
    "market.cut_too_deep": ("再次拍卖的起拍价 {start} 元比上次起拍价 {previous} 元降低超过 {percent}%"
                            "（不得低于 {minimum} 元）",
                            "the re-auction's start {start} yuan is more than {percent}% below the previous start "
                            "{previous} yuan (at least {minimum} yuan)"),
    "market.reauction_late": ("再次拍卖应在上次流拍（{failed}）后 {days} 日内开始，开始时间为 {opens}",
                              "a re-auction must open within {days} days of the failed round ({failed}); it opens "
                              "{opens}"),
    "market.rounds_exhausted": ("按 {preset} 规则已拍卖 {rounds} 次，不能再次拍卖（可变卖或以物抵债）",
                                "{preset} allows {rounds} rounds, all held: no further auction (sale or set-off)"),
    "market.sale_price": ("变卖价应为第二次拍卖的起拍价 {previous} 元：{start}", "the sale (变卖) is at the second "
                          "auction's start price {previous} yuan: {start}"),
    "market.sale_window": ("变卖期不超过 {days} 日：{opens} 至 {closes}", "the sale (变卖) lasts at most {days} days: "
                           "{opens} to {closes}"),
    "market.notice_short": ("拍卖公告应在开拍 {days} 日前发布（{opens}）",
                            "the auction should be announced {days} days "
                            "before it opens ({opens})"),
    "market.below_forced_sale": ("起拍价 {start} 元低于快速变现价值 {forced} 元，"
                                 "请确认符合市场价格（民法典第四百三十六条）",
                                 "the start price {start} yuan is below the forced-sale value {forced} yuan: check it "
                                 "follows market prices (Civil Code 436)"),
})


@dataclass(frozen=True)
class PreviousRound:
    """The failed round a re-auction follows."""

    round: int
    mode: Mode
    start: Decimal
    closed: datetime


@dataclass(frozen=True)
class Opening:
    """What is asked for: the terms the service will store."""

    start: Decimal
    increment_step: Decimal
    deposit: Decimal
    opens: datetime
    closes: datetime


def _m(value: Decimal) -> str:
    return f"{value:.2f}"


def _pc(value: Decimal) -> str:
    return f"{value.normalize():f}"


def next_mode(p: RulePreset, previous: PreviousRound | None, mode: Mode) -> tuple[Mode, int, Problem | None]:
    """The mode and round number of the next auction of a lot, or why there is none."""
    if previous is None:
        return mode, 1, None
    if previous.mode is Mode.SALE:
        return mode, previous.round + 1, Problem("market.rounds_exhausted", "auction",
                                                 {"preset": p.code, "rounds": previous.round})
    if p.max_rounds is not None and previous.round >= p.max_rounds:
        if p.sale_days is not None and previous.mode in (Mode.ENGLISH, Mode.SALE):
            return Mode.SALE, previous.round + 1, None
        return mode, previous.round + 1, Problem("market.rounds_exhausted", "auction",
                                                 {"preset": p.code, "rounds": previous.round})
    return previous.mode, previous.round + 1, None


def check_opening(p: RulePreset, mode: Mode, o: Opening, *, assessed: Decimal, previous: PreviousRound | None,
                  now: datetime, forced_sale_value: Decimal | None = None) -> tuple[list[Problem], list[Problem]]:
    """(refusals, warnings) for opening an auction with ``o`` under ``p``; the first round when ``previous``
    is None, else the re-auction after it (``mode`` is then the mode :func:`next_mode` chose)."""
    refusals: list[Problem] = []
    warnings: list[Problem] = []
    for name, label, value in (("start", "起拍价", o.start), ("increment", "加价幅度", o.increment_step)):
        if value <= 0:
            refusals.append(Problem("market.positive", name, {"label": label, "value": _m(value)}))
    if o.deposit < 0:
        refusals.append(Problem("market.positive", "deposit", {"label": "保证金", "value": _m(o.deposit)}))
    if o.closes <= o.opens:
        refusals.append(Problem("market.window_order", "closes",
                                {"opens": o.opens.isoformat(), "closes": o.closes.isoformat()}))
    if refusals:
        return refusals, warnings
    if previous is None and p.floor_percent is not None:
        floor = percent_of(assessed, p.floor_percent)
        if o.start < floor:
            refusals.append(Problem("market.start_below_floor", "start", {
                "start": _m(o.start), "assessed": _m(assessed), "percent": _pc(p.floor_percent), "floor": _m(floor),
                "source": p.source}))
    if p.deposit_min_percent is not None and p.deposit_max_percent is not None:
        low, high = percent_of(o.start, p.deposit_min_percent), percent_of(o.start, p.deposit_max_percent)
        if not low <= o.deposit <= high:
            refusals.append(Problem("market.deposit_range", "deposit", {
                "deposit": _m(o.deposit), "low": _pc(p.deposit_min_percent), "high": _pc(p.deposit_max_percent),
                "minimum": _m(low), "maximum": _m(high), "source": p.source}))
    if mode is Mode.SALE:
        refusals += _sale(p, o, previous)
    elif p.min_bidding_hours is not None and o.closes - o.opens < timedelta(hours=p.min_bidding_hours):
        refusals.append(Problem("market.window_short", "closes", {
            "hours": p.min_bidding_hours, "opens": o.opens.isoformat(), "closes": o.closes.isoformat()}))
    if previous is not None and mode is not Mode.SALE:
        refusals += _reauction(p, o, previous)
    if previous is None and p.notice_days is not None and o.opens - now < timedelta(days=p.notice_days):
        warnings.append(Problem("market.notice_short", "opens", {"days": p.notice_days, "opens": o.opens.isoformat()}))
    if p.warn_below_forced_sale and forced_sale_value is not None and o.start < forced_sale_value:
        warnings.append(Problem("market.below_forced_sale", "start",
                                {"start": _m(o.start), "forced": _m(forced_sale_value)}))
    return refusals, warnings


def _reauction(p: RulePreset, o: Opening, previous: PreviousRound) -> list[Problem]:
    out: list[Problem] = []
    if p.max_cut_percent is not None:
        minimum = (previous.start * (HUNDRED - p.max_cut_percent) / HUNDRED).quantize(Decimal("0.01"))
        if o.start < minimum:
            out.append(Problem("market.cut_too_deep", "start", {
                "start": _m(o.start), "previous": _m(previous.start), "percent": _pc(p.max_cut_percent),
                "minimum": _m(minimum)}))
    if p.reauction_within_days is not None and o.opens > previous.closed + timedelta(days=p.reauction_within_days):
        out.append(Problem("market.reauction_late", "opens", {
            "days": p.reauction_within_days, "failed": previous.closed.isoformat(), "opens": o.opens.isoformat()}))
    return out


def _sale(p: RulePreset, o: Opening, previous: PreviousRound | None) -> list[Problem]:
    out: list[Problem] = []
    if previous is not None and o.start != previous.start:
        out.append(Problem("market.sale_price", "start", {"start": _m(o.start), "previous": _m(previous.start)}))
    days = p.sale_days or 0
    if o.closes - o.opens > timedelta(days=days):
        out.append(Problem("market.sale_window", "closes", {
            "days": days, "opens": o.opens.isoformat(), "closes": o.closes.isoformat()}))
    return out
