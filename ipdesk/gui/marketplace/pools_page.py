"""The 专利池 area: the pool register (lazy), the selected pool's trust plan and value, its members (every
membership period) and its licence incomes with the payouts. Pools are set up, members join, leave and
rejoin, income is distributed and the patents are pledged as one package through the pool service
(``run_op``: the writer thread); reads run in the reader pool."""

from __future__ import annotations

import time
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.marketplace.pools import POOL_METHOD_LABELS
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.formatting import format_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.marketplace.market_page import _table
from ipdesk.gui.marketplace.pool_models import PoolMembersModel, PoolPayoutsModel, pool_model
from ipdesk.gui.tasks import TaskRunner, runner


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label


class PoolsPage(Page):
    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_pools")
        self.workstation, self.lang = workstation, lang
        self._runner = task_runner or runner()
        self._generation = 0
        self._started = 0.0
        self.pool_id: int | None = None
        self.pool: Any = None  # the selected pool's record, once read

        title = QLabel(self.tr("专利池"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        self.search = QLineEdit()
        self.search.setObjectName("poolSearch")
        self.search.setPlaceholderText(self.tr("专利池编号或名称"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.pools.set_search(text))
        manage = may(workstation.actor, Action.MANAGE_MARKET)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.search, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot, shown in (
                ("add", self.tr("新建专利池…"), self.new_pool, manage),
                ("join", self.tr("加入成员…"), self.add_member, manage),
                ("leave", self.tr("成员退出…"), self.member_leaves, manage),
                ("income", self.tr("许可收入分配…"), self.record_income, manage),
                ("pledge", self.tr("打包出质…"), self.pledge_package, may(workstation.actor, Action.REGISTER_PLEDGE))):
            button = QPushButton(text)
            button.setObjectName(f"pool_{key}")
            button.clicked.connect(slot)
            button.setVisible(shown)
            self.buttons[key] = button
            head.addWidget(button)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head.addWidget(refresh)

        self.pools = pool_model(workstation.pools.pool_source(workstation.actor), lang, self._runner, self)
        self.table = _table("poolList", self.pools, self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._pool_selected())
        self.pools.loaded.connect(self.table.resizeColumnsToContents)
        self.trust = QLabel()
        self.trust.setObjectName("poolTrust")
        self.trust.setWordWrap(True)
        self.trust.setStyleSheet("color: #37474f;")
        self.members = PoolMembersModel(lang, self)
        self.member_table = _table("poolMembers", self.members, self)
        self.payouts = PoolPayoutsModel(lang, self)
        self.payout_table = _table("poolPayouts", self.payouts, self)
        self.message = QLabel()
        self.message.setObjectName("poolMessage")
        self.message.setStyleSheet("color: #607d8b;")

        below = QSplitter(Qt.Orientation.Horizontal, self)
        for heading, table in ((self.tr("成员"), self.member_table), (self.tr("许可收入与分配"), self.payout_table)):
            pane = QWidget()
            box = QVBoxLayout(pane)
            box.setContentsMargins(0, 0, 8, 0)
            box.addWidget(_heading(heading))
            box.addWidget(table)
            below.addWidget(pane)
        below.setSizes([560, 560])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        detail = QWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 6, 0, 0)
        box.addWidget(_heading(self.tr("信托计划")))
        box.addWidget(self.trust)
        box.addWidget(below, 1)
        split.addWidget(detail)
        split.setSizes([220, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self._enable()

    # ---- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._started = time.monotonic()
        self.pools.refresh()
        self.load_pool()

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:
            self.refresh()

    def _pool_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.pool_id = self.pools.row_id(rows[0].row()) if rows else None
        self.load_pool()

    def load_pool(self) -> None:
        """The selected pool, its value today and its incomes, read in the reader pool."""
        self._generation += 1
        generation, pool_id, ws = self._generation, self.pool_id, self.workstation
        if pool_id is None:
            self.present(None, None, [])
            return

        def load() -> tuple[Any, Any, list[Any]]:
            return (ws.pools.get(ws.actor, pool_id), ws.pools.value(ws.actor, pool_id),
                    ws.pools.incomes(ws.actor, pool_id))

        def done(data: tuple[Any, Any, list[Any]]) -> None:
            if generation == self._generation and shiboken6.isValid(self.trust):
                self.present(*data)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.message):
                self.message.setText(self.tr("无法读取专利池：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(load, on_result=done, on_error=failed, name="pool")

    def present(self, pool: Any, value: Any, incomes: list[Any]) -> None:
        self.pool = pool
        self.table.resizeColumnsToContents()  # the page's rows are in by now (a handful of pools on screen)
        self.trust.setText(self.trust_text(pool, value) if pool is not None else "")
        self.members.set_members(pool.members if pool is not None else [])
        self.member_table.resizeColumnsToContents()
        self.payouts.set_incomes(incomes)
        self.payout_table.resizeColumnsToContents()
        self._enable()

    def trust_text(self, pool: Any, value: Any) -> str:
        none = self.tr("未设")
        lines = [self.tr("受托人：{trustee}　信托金额：{amount}　期限：{term}　受益人：{who}").format(
            trustee=pool.trustee or none,
            amount=self.tr("{amount} 元").format(amount=format_money(pool.trust_amount))
            if pool.trust_amount is not None else none,
            term=self.tr("{n} 个月").format(n=pool.trust_term_months) if pool.trust_term_months else none,
            who=pool.beneficiaries or none)]
        if value is not None:
            worth = (self.tr("{amount} 元").format(amount=format_money(value.value)) if value.value is not None
                     else self.tr("尚无有效评估"))
            lines.append(self.tr("估值（{method}）：{value}　池内专利 {n} 件，已评估 {valued} 件").format(
                method=pick(POOL_METHOD_LABELS[value.method], self.lang), value=worth, n=value.patents,
                valued=value.valued))
        return "\n".join(lines)

    def _enable(self) -> None:
        chosen = self.pool is not None
        for key in ("join", "leave", "income"):
            self.buttons[key].setEnabled(chosen)
        self.buttons["pledge"].setEnabled(chosen and bool(self.pool.rights))

    # ---- commands --------------------------------------------------------------------------------

    def _form(self, form: Any) -> Any:
        form.saved.connect(lambda _r: self.refresh())
        form.open()
        return form

    def new_pool(self) -> Any:
        from ipdesk.gui.marketplace.pool_forms import PoolForm

        return self._form(PoolForm(self.workstation, parent=self, lang=self.lang))

    def add_member(self) -> Any:
        from ipdesk.gui.marketplace.pool_forms import MemberForm

        if self.pool is not None:
            return self._form(MemberForm(self.workstation, self.pool.pool_no, parent=self, lang=self.lang))
        return None

    def member_leaves(self) -> Any:
        from ipdesk.gui.marketplace.pool_forms import LeaveForm

        if self.pool is None:
            return None
        rows = self.member_table.selectionModel().selectedRows()
        member = self.members.member(rows[0].row()) if rows else None
        party = f"#{member.party_id}" if member is not None and member.current else ""
        return self._form(LeaveForm(self.workstation, self.pool.pool_no, party, parent=self, lang=self.lang))

    def record_income(self) -> Any:
        from ipdesk.gui.marketplace.pool_forms import IncomeForm

        if self.pool is not None:
            return self._form(IncomeForm(self.workstation, self.pool, parent=self, lang=self.lang))
        return None

    def pledge_package(self) -> Any:
        from ipdesk.gui.marketplace.pool_forms import PledgePackageForm

        if self.pool is None:
            return None
        form = PledgePackageForm(self.workstation, self.pool, parent=self, lang=self.lang)
        form.saved.connect(lambda filed: self.status_message.emit(
            self.tr("已受理质押登记申请 {number}，请在质押登记中审查").format(number=filed.application_no)))
        return self._form(form)
