"""The live auction view: the current price and leader (bidders by code), the countdown to the close as
extended by the bids (ticking on the office clock), the bid ladder — and, once a sealed tender is opened,
its bids in the opening order (price, then pre-emption, then time)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from ipdesk.domain.marketplace.auction import MODE_LABELS, Mode
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.formatting import format_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.marketplace.models import BidLadderModel

PRESET_LABELS = {"online_judicial": ("网络司法拍卖", "Online judicial auction"),
                 "court_offline": ("法院委托拍卖", "Court auction"),
                 "private": ("质权人自行处置", "Pledgee's own sale")}


def countdown(closes: datetime, now: datetime) -> timedelta | None:
    """What is left until ``closes``; None once it has passed."""
    left = closes - now
    return left if left > timedelta(0) else None


def countdown_parts(left: timedelta) -> tuple[int, str]:
    """(whole days, ``HH:MM:SS``) of what is left."""
    seconds = int(left.total_seconds())
    days, rest = divmod(seconds, 86400)
    return days, f"{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"


def increment_text(stored: str) -> str:
    """``10000.00`` → ``10,000.00 元``; price bands ``0=1000,1000000=5000`` → one step per band."""
    bands = [part.split("=") if "=" in part else ["0", part] for part in stored.split(",")]
    if len(bands) == 1:
        return f"{format_money(Decimal(bands[0][1]))} 元"
    return "；".join(f"≥{format_money(Decimal(lo))}：{format_money(Decimal(step))}" for lo, step in bands) + " 元"


class AuctionView(QWidget):
    """Shows one :class:`~ipdesk.services.marketplace.records.AuctionRecord` (``show_auction``)."""

    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("auctionView")
        self.workstation = workstation
        self.lang = lang
        self.auction: Any = None
        self.heading = QLabel()
        self.heading.setObjectName("auctionHeading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.price = QLabel()
        self.price.setObjectName("auctionPrice")
        self.price.setStyleSheet("font-size: 18pt; font-weight: bold; color: #b71c1c;")
        self.leader = QLabel()
        self.leader.setObjectName("auctionLeader")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("auctionCountdown")
        self.clock_label.setStyleSheet("font-size: 13pt; color: #263238;")
        self.terms = QLabel()
        self.terms.setObjectName("auctionTerms")
        self.terms.setStyleSheet("color: #607d8b;")
        self.terms.setWordWrap(True)
        self.model = BidLadderModel(lang, self, local=workstation.clock.local)
        self.ladder = QTableView(self)
        self.ladder.setObjectName("bidLadder")
        self.ladder.setModel(self.model)
        self.ladder.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ladder.horizontalHeader().setStretchLastSection(True)
        self.ladder_title = QLabel()
        self.ladder_title.setStyleSheet("font-weight: bold; padding-top: 4px;")

        top = QHBoxLayout()
        top.addWidget(self.price)
        top.addSpacing(16)
        top.addWidget(self.leader)
        top.addStretch(1)
        top.addWidget(self.clock_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.terms)
        layout.addWidget(self.ladder_title)
        layout.addWidget(self.ladder, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.show_auction(None)

    def show_auction(self, auction: Any) -> None:
        self.auction = auction
        if auction is None:
            self.heading.setText(self.tr("尚无竞价：选择一个已开始拍卖的标的"))
            for label in (self.price, self.leader, self.clock_label, self.terms, self.ladder_title):
                label.setText("")
            self.model.set_bids([])
            self.timer.stop()
            return
        mode = Mode(auction.mode)
        self.heading.setText(self.tr("{auction}　{mode}（第 {round} 次）　{preset}").format(
            auction=auction.auction_no, mode=pick(MODE_LABELS[mode], self.lang), round=auction.round,
            preset=pick(PRESET_LABELS.get(auction.preset, (auction.preset, auction.preset)), self.lang)))
        sealed = mode is Mode.TENDER and auction.result is None
        if sealed:
            self.price.setText(self.tr("密封投标"))
            self.leader.setText(self.tr("开标前不显示出价（已有 {n} 位竞买人）").format(n=auction.bidders))
        elif auction.price is None:
            self.price.setText(self.tr("起拍价 {price} 元").format(price=format_money(auction.start)))
            self.leader.setText(self.tr("尚无出价"))
        else:
            self.price.setText(self.tr("当前价 {price} 元").format(price=format_money(auction.price)))
            self.leader.setText(self.tr("领先：{code}").format(code=auction.leader_code or "—"))
        self.terms.setText(self.tr("起拍价 {start} 元　加价幅度 {step}　保证金 {deposit} 元　竞买人 {n} 位　"
                                   "开始 {opens}").format(
            start=format_money(auction.start), step=increment_text(auction.increment),
            deposit=format_money(auction.deposit),
            n=auction.bidders, opens=self.workstation.clock.local(auction.opens).strftime("%Y-%m-%d %H:%M")))
        self.ladder_title.setText(self.tr("开标结果（价高者得，同价时优先购买权人优先，再按时间）")
                                  if mode in (Mode.TENDER, Mode.NEGOTIATED) and auction.result is not None
                                  else self.tr("出价记录（最新在上）"))
        self.model.set_bids(auction.bids)
        self.ladder.resizeColumnsToContents()
        self.tick()
        self.timer.start()

    def tick(self) -> None:
        a = self.auction
        if a is None:
            return
        if a.result is not None:
            self.clock_label.setText({"sold": self.tr("已成交"), "failed": self.tr("流拍"),
                                      "backed_out": self.tr("买受人悔拍")}.get(a.result, a.result))
            self.timer.stop()
            return
        now = self.workstation.clock.now()
        if now < a.opens:
            self.clock_label.setText(self.tr("尚未开始"))
            return
        left = countdown(a.closes, now)
        if left is None:
            self.clock_label.setText(self.tr("竞价已结束，待确认结果"))
            return
        days, hms = countdown_parts(left)
        self.clock_label.setText(self.tr("距结束 {days} 天 {hms}").format(days=days, hms=hms) if days
                                 else self.tr("距结束 {hms}").format(hms=hms))
