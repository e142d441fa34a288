"""The 流转市场 area: the lot register (lazy), the live auction view of the selected lot's latest round, and
the deals. Lots are listed, auctions opened, deposits and bids taken, auctions closed and confirmations
printed through the marketplace service (``run_op``: the writer thread); reads run in the reader pool."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.marketplace.auction_view import AuctionView
from ipdesk.gui.marketplace.models import DealsModel, lot_model
from ipdesk.gui.tasks import TaskRunner, runner


def _table(name: str, model: Any, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setItemDelegate(BadgeDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def lot_rights_text(lot: Any, lang: str) -> str:
    """The lot's rights as they stand today: legal status (the fee engine's), fees paid through, term left."""
    from ipdesk.domain.registry.rights import STATUS_LABELS

    lines = []
    for r in lot.rights:
        parts = [r.number, r.title, pick(STATUS_LABELS[r.legal_status], lang)]
        if r.fees_paid_through:
            parts.append(QCoreApplication.translate("MarketPage", "年费缴至第 {n} 年").format(n=r.fees_paid_through))
        if r.remaining_days is not None:
            parts.append(QCoreApplication.translate("MarketPage", "剩余保护期 {days} 天").format(days=r.remaining_days))
        lines.append("　".join(parts))
    return "\n".join(lines)


class MarketPage(Page):
    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_market")
        self.workstation, self.lang = workstation, lang
        self._runner = task_runner or runner()
        self._generation = 0
        self._started = 0.0
        self.lot_id: int | None = None

        title = QLabel(self.tr("流转市场"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        self.search = QLineEdit()
        self.search.setObjectName("marketSearch")
        self.search.setPlaceholderText(self.tr("标的编号、名称或处置案件"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.lots.set_search(text))
        manage = may(workstation.actor, Action.MANAGE_MARKET)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.search, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("lot", self.tr("挂牌…"), self.new_lot),
                                ("open", self.tr("开始拍卖…"), self.open_auction),
                                ("deposit", self.tr("交保证金…"), self.take_deposit),
                                ("bid", self.tr("出价…"), self.take_bid),
                                ("close", self.tr("结束竞价"), self.close_auction),
                                ("confirmation", self.tr("成交确认书…"), self.print_confirmation)):
            button = QPushButton(text)
            button.setObjectName(f"market_{key}")
            button.clicked.connect(slot)
            button.setVisible(manage)
            self.buttons[key] = button
            head.addWidget(button)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head.addWidget(refresh)

        self.lots = lot_model(workstation.market.lot_source(workstation.actor), lang, self._runner, self)
        self.table = _table("marketLots", self.lots, self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._lot_selected())
        # Fitted when the rows arrive (tens of lots on screen: cheap); the count comes first with its rows
        # still placeholders, and columns fitted to those cut every value to "…".
        self.lots.dataChanged.connect(lambda *_: self.table.resizeColumnsToContents())
        self.view = AuctionView(workstation, lang, self)
        self.deals = DealsModel(lang, self)
        self.deal_table = _table("marketDeals", self.deals, self)
        self.rights = QLabel()
        self.rights.setObjectName("marketLotRights")
        self.rights.setWordWrap(True)
        self.rights.setStyleSheet("color: #37474f;")
        self.message = QLabel()
        self.message.setObjectName("marketMessage")
        self.message.setStyleSheet("color: #607d8b;")
        below = QSplitter(Qt.Orientation.Horizontal, self)
        below.addWidget(self.view)
        deals = QWidget()
        box = QVBoxLayout(deals)
        box.setContentsMargins(8, 0, 0, 0)
        heading = QLabel(self.tr("成交"))
        heading.setStyleSheet("font-weight: bold;")
        box.addWidget(heading)
        box.addWidget(self.deal_table)
        below.addWidget(deals)
        below.setSizes([600, 400])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([260, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        layout.addWidget(self.rights)
        self._enable()

    # ---- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._started = time.monotonic()
        self.lots.refresh()
        self.load_lot()

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:
            self.refresh()

    def _lot_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.lot_id = self.lots.row_id(rows[0].row()) if rows else None
        self.load_lot()

    def load_lot(self) -> None:
        """The selected lot's rounds (the latest shown live) and deals, read in the reader pool."""
        self._generation += 1
        generation, lot_id, ws = self._generation, self.lot_id, self.workstation
        if lot_id is None:
            self.present(None, [])
            return

        def load() -> tuple[Any, list[Any], Any]:
            rounds = ws.market.auctions(ws.actor, lot_id=lot_id)
            latest = max(rounds, key=lambda a: a.round) if rounds else None
            return latest, ws.market.deals(ws.actor, lot_id), ws.market.get_lot(ws.actor, lot_id)

        def done(data: tuple[Any, list[Any], Any]) -> None:
            if generation == self._generation and shiboken6.isValid(self.view):
                self.present(*data)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.message):
                self.message.setText(self.tr("无法读取竞价：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(load, on_result=done, on_error=failed, name="market lot")

    def present(self, auction: Any, deals: list[Any], lot: Any = None) -> None:
        self.rights.setText(lot_rights_text(lot, self.lang) if lot is not None else "")
        self.view.show_auction(auction)
        self.deals.set_deals(deals)
        self.deal_table.resizeColumnsToContents()
        self._enable()

    def _enable(self) -> None:
        a = self.view.auction
        running = a is not None and a.result is None
        self.buttons["open"].setEnabled(self.lot_id is not None and a is None)
        for key in ("deposit", "bid", "close"):
            self.buttons[key].setEnabled(running)
        self.buttons["confirmation"].setEnabled(bool(self.deals.rowCount()))

    # ---- commands --------------------------------------------------------------------------------

    def _form(self, form: Any) -> None:
        form.saved.connect(lambda _r: self.refresh())
        form.open()

    def new_lot(self) -> None:
        from ipdesk.gui.marketplace.forms import LotForm

        self._form(LotForm(self.workstation, parent=self, lang=self.lang))

    def open_auction(self) -> None:
        from ipdesk.gui.marketplace.forms import AuctionForm

        rows = self.table.selectionModel().selectedRows()
        if rows:
            lot_no = str(self.lots.row_data(rows[0].row())["lot_no"])  # type: ignore[index]
            self._form(AuctionForm(self.workstation, lot_no, parent=self, lang=self.lang))

    def take_deposit(self) -> None:
        self._bidder_form("deposit")

    def take_bid(self) -> None:
        self._bidder_form("bid")

    def _bidder_form(self, kind: str) -> None:
        from ipdesk.gui.marketplace.forms import BidderForm

        a = self.view.auction
        if a is None:
            return
        amount = a.deposit if kind == "deposit" else None
        self._form(BidderForm(self.workstation, a.auction_no, kind, amount=amount, parent=self, lang=self.lang))

    def close_auction(self) -> None:
        from ipdesk.gui.ops import run_op

        a, ws = self.view.auction, self.workstation
        if a is None:
            return
        run_op(self, lambda: ws.market.close(ws.actor, a.auction_no), on_done=lambda _r: self.refresh(),
               title=self.tr("结束竞价"), task_runner=self._runner)

    def print_confirmation(self) -> None:
        rows = self.deal_table.selectionModel().selectedRows()
        deal = self.deals.deal(rows[0].row() if rows else 0)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("成交确认书"), f"{deal.deal_no}.pdf",
                                              self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.write_confirmation(deal.deal_no, Path(path))

    def write_confirmation(self, deal_no: str, path: Path) -> None:
        from ipdesk.gui.ops import run_op

        ws = self.workstation
        run_op(self, lambda: ws.market.confirmation(ws.actor, deal_no, path),
               on_done=lambda issued: (self.status_message.emit(self.tr("已出具成交确认书 {serial}").format(
                   serial=issued.serial)), self.load_lot()),
               expected=(OSError,), title=self.tr("成交确认书"), task_runner=self._runner)

