"""The auction rule presets as dated data (DOMAIN.md §10): online judicial auction, offline court sale, the
pledgee's own disposal. A preset is picked by the day an auction is opened, so a later amendment is one more
row with its effective date, never an edit of the old numbers.

- ``online_judicial`` — 最高人民法院关于人民法院网络司法拍卖若干问题的规定 (法释〔2016〕18号, in force
  2017-01-01): start ≥ 70 % of the assessed value (Art. 10), deposit 5–20 % of the start (Art. 17), bidding
  ≥ 24 h and a bid in the last 5 minutes extends the close by 5 minutes (Art. 20), re-auction within 30 days
  at most 20 % lower (Art. 26), after the second failure a 60-day 变卖 at the second start price in which a
  bid starts a 24 h countdown (Art. 27), notice ≥ 30 days ahead for property rights (Art. 12).
- ``court_offline`` — 最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定 (2004, in force 2005-01-01;
  amended 2020, in force 2021-01-01): first reserve ≥ 80 %, each re-auction at most 20 % lower, property
  rights such as patents may go to a third auction.
- ``private`` — Civil Code 436 (in force 2021-01-01): the pledgee's own 折价 or 变卖 at market prices: no
  statutory floor, cut or rounds; a start below the forced-sale value is only warned about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

register({
    "market.preset_unknown": ("没有规则 {preset}（可选：{known}）", "no preset {preset} (known: {known})"),
    "market.preset_not_in_force": ("规则 {preset} 自 {from} 起施行，{on} 尚未施行",
                                   "preset {preset} is in force from {from}, not on {on}"),
})


@dataclass(frozen=True)
class RulePreset:
    """One regime's numbers from ``effective`` on.

    Attributes:
        floor_percent: the first round's start at least this per cent of the assessed value (None: no floor).
        deposit_min_percent, deposit_max_percent: the deposit's range in per cent of the start price.
        min_bidding_hours: the bidding window at least this long.
        extension_minutes: a bid in the last N minutes moves the close to N minutes after it (0: never).
        max_rounds: auctions at most (None: no limit).
        max_cut_percent: a re-auction's start at most this per cent below the previous start.
        reauction_within_days: a re-auction opens at most this many days after the failed close.
        sale_days: after the last failed round, a 变卖 of this many days at the last start price (None: none).
        sale_countdown_hours: in the 变卖, a bid ends the sale this many hours later (others may still outbid).
        notice_days: the auction announced at least this many days before it opens (a warning if not).
        leader_may_raise: the current leader may raise their own bid (the exchanges forbid it).
        warn_below_forced_sale: warn when the start is below the lot's forced-sale value.
    """

    code: str
    effective: date
    source: str
    floor_percent: Decimal | None = None
    deposit_min_percent: Decimal | None = None
    deposit_max_percent: Decimal | None = None
    min_bidding_hours: int | None = None
    extension_minutes: int = 0
    max_rounds: int | None = None
    max_cut_percent: Decimal | None = None
    reauction_within_days: int | None = None
    sale_days: int | None = None
    sale_countdown_hours: int = 24
    notice_days: int | None = None
    leader_may_raise: bool = False
    warn_below_forced_sale: bool = False


_D = Decimal
#: Every preset version; :func:`preset` picks the one in force on a day.
PRESETS: tuple[RulePreset, ...] = (
    RulePreset("online_judicial", date(2017, 1, 1), "法释〔2016〕18号 第10、12、17、20、26、27条",
               floor_percent=_D(70), deposit_min_percent=_D(5), deposit_max_percent=_D(20), min_bidding_hours=24,
               extension_minutes=5, max_rounds=2, max_cut_percent=_D(20), reauction_within_days=30, sale_days=60,
               sale_countdown_hours=24, notice_days=30),
    RulePreset("court_offline", date(2005, 1, 1), "法释〔2004〕16号 第8、23、28条",
               floor_percent=_D(80), max_rounds=3, max_cut_percent=_D(20)),
    RulePreset("court_offline", date(2021, 1, 1), "法释〔2020〕21号（2020年修正）第5、22、26条",
               floor_percent=_D(80), max_rounds=3, max_cut_percent=_D(20)),
    RulePreset("private", date(2021, 1, 1), "民法典第四百三十六条", warn_below_forced_sale=True),
)
PRESET_CODES = ("online_judicial", "court_offline", "private")


def preset(code: str, on: date) -> RulePreset:
    """The version of preset ``code`` in force on ``on``.

    Raises:
        ValidationError: ``market.preset_unknown`` (no such preset) or ``market.preset_not_in_force``.
    """
    versions = sorted((p for p in PRESETS if p.code == code), key=lambda p: p.effective)
    if not versions:
        raise ValidationError(Problem("market.preset_unknown", "preset",
                                      {"preset": code, "known": "、".join(PRESET_CODES)}))
    in_force = [p for p in versions if p.effective <= on]
    if not in_force:
        raise ValidationError(Problem("market.preset_not_in_force", "preset",
                                      {"preset": code, "on": on.isoformat(),
                                       "from": versions[0].effective.isoformat()}))
    return in_force[-1]
