"""The marketplace's forms: list a lot, open an auction, take a deposit, take a bid. Keyboard-first like every
form (FormDialog); the service decides — a refusal (a pledged right without its case, a start below the
preset's floor, a bid below the increment) comes back on the form's fields, and nothing is written."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from ipdesk.domain.marketplace.auction import MODE_LABELS, Mode
from ipdesk.domain.marketplace.lots import LOT_KIND_LABELS, value_problems
from ipdesk.domain.shared.fields import required
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.marketplace.auction_view import PRESET_LABELS


def _missing(data: dict[str, Any], names: dict[str, str]) -> list[Problem]:
    return [required(name, label) for name, label in names.items() if not str(data.get(name) or "").strip()]


class LotForm(FormDialog):
    """A new lot (``MarketService.add_lot``): rights, type, values, seller, disposal case, consent."""

    def __init__(self, workstation: Any, *, parent: QWidget | None = None, lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("挂牌标的"))
        self.setObjectName("LotForm")
        self.workstation = workstation
        self.rights = FieldEdit(placeholder=self.tr("专利号，多项以逗号分隔"))
        self.add_field("rights", form_label(self.tr("权利"), True, lang), self.rights)
        self.kind = QComboBox()
        for kind, pair in LOT_KIND_LABELS.items():
            self.kind.addItem(pick(pair, lang), kind.value)
        self.add_field("type", form_label(self.tr("标的类型"), True, lang), self.kind)
        self.assessed = MoneyEdit()
        self.add_field("assessed_value", form_label(self.tr("评估价（元）"), True, lang), self.assessed)
        self.reserve = MoneyEdit()
        self.add_field("reserve", form_label(self.tr("保留价（元）"), False, lang), self.reserve)
        self.reserve_reason = FieldEdit(placeholder=self.tr("保留价高于评估价时须说明理由"))
        self.add_field("reserve_reason", form_label(self.tr("保留价理由"), False, lang), self.reserve_reason)
        self.seller = FieldEdit(placeholder=self.tr("统一社会信用代码或全称"))
        self.add_field("seller", form_label(self.tr("卖方"), False, lang), self.seller)
        self.case = FieldEdit(placeholder=self.tr("质押权利须由其处置案件挂牌"))
        self.add_field("case", form_label(self.tr("处置案件"), False, lang), self.case)
        self.consent = QCheckBox(self.tr("质权人同意（民法典第四百四十四条）"))
        self.add_field("pledgee_consent", "", self.consent)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"rights": self.rights.text().strip(), "type": self.kind.currentData(),
                "assessed_value": self.assessed.raw_text(), "reserve": self.reserve.raw_text(),
                "reserve_reason": self.reserve_reason.text().strip(), "seller": self.seller.text().strip(),
                "case": self.case.text().strip(), "pledgee_consent": self.consent.isChecked()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        found = _missing(data, {"rights": "权利", "assessed_value": "评估价"})
        assessed, reserve = self.assessed.value(), self.reserve.value()
        if assessed is not None:
            found += value_problems(assessed, reserve, data["reserve_reason"])
        return found

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.market.add_lot(self.workstation.actor, data)


class AuctionForm(FormDialog):
    """Open the first round of a lot (``MarketService.open_auction``) under a preset, in a mode."""

    def __init__(self, workstation: Any, lot_no: str, *, parent: QWidget | None = None, lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("开始拍卖：{lot}").format(lot=lot_no))
        self.setObjectName("AuctionForm")
        self.workstation, self.lot_no = workstation, lot_no
        self.preset = QComboBox()
        for code, pair in PRESET_LABELS.items():
            self.preset.addItem(pick(pair, lang), code)
        self.add_field("preset", form_label(self.tr("规则"), True, lang), self.preset)
        self.mode = QComboBox()
        for mode in (Mode.ENGLISH, Mode.TENDER, Mode.NEGOTIATED, Mode.FIXED_PRICE):
            self.mode.addItem(pick(MODE_LABELS[mode], lang), mode.value)
        self.add_field("mode", form_label(self.tr("方式"), True, lang), self.mode)
        self.start = MoneyEdit()
        self.add_field("start", form_label(self.tr("起拍价（元）"), True, lang), self.start)
        self.increment = FieldEdit(placeholder=self.tr("金额，或按价格区间：0=1000,1000000=5000"))
        self.add_field("increment", form_label(self.tr("加价幅度"), True, lang), self.increment)
        self.deposit = MoneyEdit()
        self.add_field("deposit", form_label(self.tr("保证金（元）"), True, lang), self.deposit)
        # Tomorrow 10:00 in office time for 24 hours (the online platform's shortest window).
        opens = (workstation.clock.local(workstation.clock.now()) + timedelta(days=1)).replace(
            hour=10, minute=0, second=0, microsecond=0)
        self.opens = FieldEdit(opens.isoformat())
        self.add_field("opens", form_label(self.tr("开始时间"), True, lang), self.opens)
        self.closes = FieldEdit((opens + timedelta(days=1)).isoformat())
        self.add_field("closes", form_label(self.tr("结束时间"), True, lang), self.closes)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"preset": self.preset.currentData(), "mode": self.mode.currentData(), "start": self.start.raw_text(),
                "increment": self.increment.text().strip(), "deposit": self.deposit.raw_text(),
                "opens": self.opens.text().strip(), "closes": self.closes.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return _missing(data, {"start": "起拍价", "increment": "加价幅度", "deposit": "保证金", "opens": "开始时间",
                               "closes": "结束时间"})

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.market.open_auction(self.workstation.actor, self.lot_no, data)


class BidderForm(FormDialog):
    """A deposit (``deposit``) or a bid (``bid``) by a bidder, now on the office clock."""

    def __init__(self, workstation: Any, auction_no: str, kind: str, *, amount: Decimal | None = None,
                 parent: QWidget | None = None, lang: str | None = None):
        lang = ui_lang(lang)
        title = self.tr("交纳保证金：{auction}") if kind == "deposit" else self.tr("出价：{auction}")
        super().__init__(parent, title=title.format(auction=auction_no))
        self.setObjectName("DepositForm" if kind == "deposit" else "BidForm")
        self.workstation, self.auction_no, self.kind = workstation, auction_no, kind
        self.bidder = FieldEdit(placeholder=self.tr("竞买人的统一社会信用代码或全称"))
        self.add_field("bidder", form_label(self.tr("竞买人"), True, lang), self.bidder)
        self.amount = MoneyEdit()
        if amount is not None:
            self.amount.setValue(amount)
        self.add_field("amount", form_label(self.tr("金额（元）"), True, lang), self.amount)
        self.pre_emption = QCheckBox(self.tr("享有优先购买权"))
        if kind == "deposit":
            self.add_field("pre_emption", "", self.pre_emption)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {"bidder": self.bidder.text().strip(), "amount": self.amount.raw_text()}
        if self.kind == "deposit":
            data["pre_emption"] = self.pre_emption.isChecked()
        return data

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return _missing(data, {"bidder": "竞买人", "amount": "金额"})

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        market, actor = self.workstation.market, self.workstation.actor
        if self.kind == "deposit":
            return market.deposit(actor, self.auction_no, data)
        return market.bid(actor, self.auction_no, data)
