"""The marketplace's tables: the lot register (lazy, paged from SQL), an auction's bid ladder (or a tender's
opening order) and the deals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from ipdesk.domain.marketplace.lots import LOT_KIND_LABELS, LOT_STATUS_LABELS
from ipdesk.gui.common.models.lazy_table import LazyTableModel
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.formatting import format_money

LOT_LABELS = {"kind": {k.value: v for k, v in LOT_KIND_LABELS.items()},
              "status": {k.value: v for k, v in LOT_STATUS_LABELS.items()}}
LOT_BADGES = {"status": {"listed": "info", "auction": "warn", "sold": "ok", "unsold": "bad", "withdrawn": "muted"}}
DEAL_STATUS = {"awaiting_payment": ("待付款", "Awaiting payment"), "paid": ("已付清", "Paid"),
               "backed_out": ("悔拍", "Backed out")}


def lot_model(source: Any, lang: str, task_runner: Any = None, parent: Any = None) -> LazyTableModel:
    """The lot register, paged lazily from the marketplace's lot source."""
    return LazyTableModel(source, lang=lang, labels=LOT_LABELS, badges=LOT_BADGES, task_runner=task_runner,
                          parent=parent)


class BidLadderModel(RowListModel):
    """An auction's bids, latest first (a closed tender's in its opening order); bidders by code."""

    numbered = True
    columns = (("bidder", "竞买号", "Bidder"), ("amount", "出价（元）", "Bid (yuan)"), ("at", "出价时间", "Time"))

    def __init__(self, lang: str | None = None, parent: Any = None, *, local: Any = None):
        super().__init__(lang, parent)
        self._local = local or (lambda t: t)  # the office clock's local(): times shown in office time

    def set_bids(self, bids: Sequence[Any]) -> None:
        self.set_rows([{"bid": b} for b in bids])

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        b = row["bid"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {"bidder": b.code, "amount": format_money(b.amount),
                    "at": self._local(b.at).strftime("%Y-%m-%d %H:%M:%S")}.get(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DealsModel(RowListModel):
    """The deals of the lots in view: number, lot, buyer, price, paid, balance, status."""

    columns = (("deal", "成交编号", "Deal"), ("lot", "标的", "Lot"), ("buyer", "买受人", "Buyer"),
               ("price", "成交价（元）", "Price (yuan)"), ("balance", "尚欠（元）", "Balance (yuan)"),
               ("status", "状态", "Status"), ("confirmation", "成交确认书", "Confirmation"))

    def set_deals(self, deals: Sequence[Any]) -> None:
        self.set_rows([{"deal": d} for d in deals])

    def deal(self, row: int) -> Any:
        return self.row_data(row)["deal"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        d = row["deal"]
        if role == Qt.ItemDataRole.DisplayRole:
            status = DEAL_STATUS.get(d.status, (d.status, d.status))
            return {"deal": d.deal_no, "lot": d.lot_no, "buyer": d.buyer, "price": format_money(d.price),
                    "balance": format_money(d.balance), "status": status[1 if self.lang == "en" else 0],
                    "confirmation": d.confirmation_serial or "—"}.get(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("price", "balance"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
