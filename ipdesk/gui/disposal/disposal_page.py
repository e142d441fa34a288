"""The 处置 area, the agency's desk: the cases by stage with their working-day deadlines (passed ones red),
the selected case's plan, timeline and actions (complete the stage, undo the last step, settle, record a
recovery, print the settlement statement or the transfer confirmation), its settlement (each waterfall line,
each party's share) and the compensation funds' ledgers.

Everything is read off the GUI thread (``ipdesk.gui.tasks``); every act runs as an operation (``run_op``)
through the disposal service, which checks who may complete each stage and writes nothing it refuses.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.disposal.stages import STAGES, Stage
from ipdesk.domain.funds.schemes import parse_scheme
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.rich_text import badge_html, esc, pick
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.disposal.case_models import (
    CasesModel,
    LedgerModel,
    SettlementModel,
    SharesModel,
    TimelineModel,
    stage_label,
)
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.tasks import TaskRunner, runner


def _table(name: str, model: Any) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setItemDelegate(BadgeDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class DisposalPage(Page):
    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_disposal")
        self.workstation = workstation
        self.lang = lang
        self._runner = task_runner or runner()
        self._generation = 0
        self._started = 0.0
        self.case: Any = None
        self._focus: int | None = None  # a case to select once read (opened from another area)
        self.funds: list[Any] = []

        title = QLabel(self.tr("处置案件"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        self.stage_filter = QComboBox()
        self.stage_filter.setObjectName("disposalStage")
        self.stage_filter.setAccessibleName(self.tr("按阶段筛选"))
        self.stage_filter.addItem(self.tr("全部阶段"), "")
        for stage in Stage:
            self.stage_filter.addItem(stage_label(stage, lang), stage.value)
        self.stage_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_only = QCheckBox(self.tr("仅未结案"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head = QHBoxLayout()
        for widget in (title, self.stage_filter, self.open_only):
            head.addWidget(widget)
        head.addStretch(1)
        head.addWidget(refresh)
        self.summary = QLabel()
        self.summary.setObjectName("disposalSummary")
        self.summary.setWordWrap(True)

        self.model = CasesModel(lang, self)
        self.table = _table("disposalCases", self.model)
        self.table.horizontalHeader().setStretchLastSection(False)  # the pledgor takes the room left
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        self.tabs = QTabWidget()
        self.tabs.setObjectName("disposalTabs")
        self.tabs.addTab(self._case_tab(), self.tr("案件与时间线"))
        self.tabs.addTab(self._settlement_tab(), self.tr("清偿分配"))
        self.tabs.addTab(self._fund_tab(), self.tr("补偿资金池"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.tabs)
        split.setSizes([220, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.refresh()

    # ---- building --------------------------------------------------------------------------------

    def _case_tab(self) -> QWidget:
        tab = QWidget()
        self.header = QLabel(self.tr("选择上方的案件"))
        self.header.setObjectName("caseHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.plan = QLabel()
        self.plan.setObjectName("casePlan")
        self.plan.setTextFormat(Qt.TextFormat.RichText)
        self.plan.setWordWrap(True)
        acting = may(self.workstation.actor, Action.MANAGE_DISPOSAL)
        self.advance_button = QPushButton(self.tr("完成本阶段…"))
        self.advance_button.setObjectName("caseAdvance")
        self.advance_button.clicked.connect(self.advance)
        self.reverse_button = QPushButton(self.tr("撤回上一步…"))
        self.reverse_button.setObjectName("caseReverse")
        self.reverse_button.clicked.connect(self.reverse)
        self.settle_button = QPushButton(self.tr("清偿分配…"))
        self.settle_button.setObjectName("caseSettle")
        self.settle_button.clicked.connect(self.settle)
        self.recover_button = QPushButton(self.tr("事后收回…"))
        self.recover_button.setObjectName("caseRecover")
        self.recover_button.clicked.connect(self.recover)
        self.statement_button = QPushButton(self.tr("打印清偿分配表…"))
        self.statement_button.clicked.connect(lambda: self.ask_print("settlement_statement"))
        self.confirmation_button = QPushButton(self.tr("打印转让确认书…"))
        self.confirmation_button.clicked.connect(lambda: self.ask_print("transfer_confirmation"))
        buttons = QHBoxLayout()
        printing = may(self.workstation.actor, Action.PRINT_NOTICES)
        for button in (self.advance_button, self.reverse_button, self.settle_button, self.recover_button):
            if not (acting or button is self.advance_button):
                button.hide()  # hidden, never shown before it has a parent (it would open as a window)
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.statement_button, self.confirmation_button):
            if not printing:
                button.hide()
            buttons.addWidget(button)
        self.timeline = TimelineModel(self.lang, self)
        self.timeline_table = _table("caseTimeline", self.timeline)
        self.timeline_table.horizontalHeader().setStretchLastSection(False)  # the details take the room left
        self.timeline_table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        box = QVBoxLayout(tab)
        box.addWidget(self.header)
        box.addWidget(self.plan)
        box.addLayout(buttons)
        box.addWidget(self.timeline_table, 1)
        self._enable_actions()
        return tab

    def _settlement_tab(self) -> QWidget:
        tab = QWidget()
        self.settlement_note = QLabel(self.tr("尚未清偿分配"))
        self.settlement_note.setObjectName("settlementNote")
        self.settlement_note.setWordWrap(True)
        self.settlement = SettlementModel(self.lang, self)
        self.shares = SharesModel(self.lang, self)
        row = QHBoxLayout()
        for name, model, stretch in (("settlementLines", self.settlement, 3), ("settlementShares", self.shares, 2)):
            table = _table(name, model)
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the line's name, never cut
            row.addWidget(table, stretch)
        box = QVBoxLayout(tab)
        box.addWidget(self.settlement_note)
        box.addLayout(row, 1)
        return tab

    def _fund_tab(self) -> QWidget:
        tab = QWidget()
        self.fund_choice = QComboBox()
        self.fund_choice.setObjectName("fundChoice")
        self.fund_choice.currentIndexChanged.connect(lambda _i: self._show_fund())
        self.fund_note = QLabel()
        self.fund_note.setObjectName("fundNote")
        self.ledger = LedgerModel(self.lang, self)
        top = QHBoxLayout()
        top.addWidget(self.fund_choice)
        top.addWidget(self.fund_note, 1)
        box = QVBoxLayout(tab)
        box.addLayout(top)
        box.addWidget(_table("fundLedger", self.ledger), 1)
        return tab

    # ---- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1
        self._started = time.monotonic()
        generation, ws = self._generation, self.workstation
        stage = Stage(self.stage_filter.currentData()) if self.stage_filter.currentData() else None
        open_only = self.open_only.isChecked()
        self.summary.setText(self.tr("正在读取…"))

        def load() -> tuple[list[Any], dict[Stage, int], list[Any]]:
            cases = ws.disposal.list(ws.actor, stage=stage, open_only=open_only)
            funds = [ws.funds.get(f.id) for f in ws.funds.list()]
            return cases, ws.disposal.by_stage(ws.actor), funds

        def done(data: tuple[list[Any], dict[Stage, int], list[Any]]) -> None:
            if generation == self._generation and shiboken6.isValid(self.table):
                self.present(*data)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.summary):
                self.summary.setText(self.tr("无法读取处置案件：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(load, on_result=done, on_error=failed, name="disposal cases")

    def focus_case(self, case_id: int) -> None:
        """Show the case ``case_id`` selected once the list is read again (a case opened from another area)."""
        self._focus = case_id
        self.refresh()

    def present(self, cases: list[Any], by_stage: dict[Stage, int], funds: list[Any]) -> None:
        keep = self._focus or (self.case.id if self.case is not None else None)
        self._focus = None
        self.model.set_rows([{"case": c} for c in cases])
        self.table.resizeColumnsToContents()
        late = sum(1 for c in cases if c.overdue_days > 0)
        counts = "，".join(f"{stage_label(s, self.lang)} {n}" for s, n in by_stage.items() if n)
        self.summary.setText(self.tr("{n} 件案件（阶段逾期 {late} 件）　按阶段：{counts}")
                             .format(n=len(cases), late=late, counts=counts or "—"))
        rows = [i for i, c in enumerate(cases) if c.id == keep]
        if rows:
            self.table.selectRow(rows[0])
            self.show_case(cases[rows[0]])
        elif cases:
            self.table.selectRow(0)
        else:
            self.show_case(None)
        self.funds = funds
        current = self.fund_choice.currentData()
        self.fund_choice.blockSignals(True)
        self.fund_choice.clear()
        for fund in funds:
            self.fund_choice.addItem(fund.name, fund.id)
        if current is not None and self.fund_choice.findData(current) >= 0:
            self.fund_choice.setCurrentIndex(self.fund_choice.findData(current))
        self.fund_choice.blockSignals(False)
        self._show_fund()

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.show_case(self.model.row_data(rows[0].row())["case"] if rows else None)

    def show_case(self, case: Any) -> None:
        self.case = case
        if case is None:
            self.header.setText(esc(self.tr("选择上方的案件")))
            self.plan.setText("")
            self.timeline.set_rows([])
            self.settlement.set_settlement(None)
            self.shares.set_rows([])
            self.settlement_note.setText(self.tr("尚未清偿分配"))
            self._enable_actions()
            return
        due = format_date(case.stage_due_on) if case.stage_due_on else "—"
        late = self.tr("，已逾期 {n} 天").format(n=case.overdue_days) if case.overdue_days else ""
        facts = self.tr("{case}　质押 {pledge}（{pledgors} → {pledgee}）　贷款 {loan}").format(
            case=case.case_no, pledge=case.pledge_no, pledgors=case.pledgor_names, pledgee=case.pledgee_name,
            loan=case.loan_no)
        standing = self.tr("当前阶段：{stage}，期限 {due}{late}，经办人 {who}").format(
            stage=stage_label(case.stage, self.lang), due=due, late=late, who=case.responsible)
        self.header.setText(f"<b>{esc(facts)}</b><br>{esc(standing)}")
        chips = []
        for s in case.stages:
            tone = {"done": "ok", "current": "bad" if case.overdue_days else "warn"}.get(s.state, "muted")
            chips.append(badge_html(stage_label(s.stage, self.lang), tone, mark=s.state == "done"))
        self.plan.setText(" → ".join(chips))
        self.timeline.set_rows(list(case.steps))
        self.timeline_table.resizeColumnsToContents()
        lines = case.settlement
        self.settlement.set_settlement(lines)
        sharing = (lines or {}).get("loss_sharing")
        shares = (sharing or {}).get("shares", {})
        order = parse_scheme(sharing["scheme"]).parties if sharing else ()  # the scheme's order, not the JSON's
        self.shares.set_rows([{"party": p, "amount": shares[p]} for p in order if p in shares])
        if lines:
            self.settlement_note.setText(self.tr("{on} 清偿分配：处置所得 {proceeds} 元；债务人仍应清偿 {debtor} 元，"
                                                 "出质人仍应清偿 {pledgor} 元{scheme}").format(
                on=lines["settled_on"], proceeds=format_money(lines["proceeds"]),
                debtor=format_money(lines["claim_on_debtor"]), pledgor=format_money(lines["claim_on_pledgor"]),
                scheme=self.tr("；损失按 {scheme} 分担，其中资金池支付 {pool} 元").format(
                    scheme=sharing["scheme"], pool=format_money(sharing["pool_paid"])) if sharing else ""))
        else:
            self.settlement_note.setText(self.tr("尚未清偿分配"))
        self._enable_actions()

    def _show_fund(self) -> None:
        fund = next((f for f in self.funds if f.id == self.fund_choice.currentData()), None)
        self.ledger.set_rows([{"entry": e} for e in fund.entries] if fund else [])
        self.fund_note.setText(self.tr("余额 {balance} 元：注资 {paid} 元，补偿 {out} 元，收回 {back} 元（{scheme}）")
                               .format(balance=format_money(fund.balance), paid=format_money(fund.contributed),
                                       out=format_money(fund.compensated), back=format_money(fund.recovered),
                                       scheme=fund.scheme) if fund else self.tr("尚未设立补偿资金池"))

    def _enable_actions(self) -> None:
        case = self.case
        open_ = case is not None and case.closed_on is None
        self.advance_button.setEnabled(open_)
        self.reverse_button.setEnabled(open_ and any(s["kind"] == "advance" for s in case.steps))
        settled = case is not None and case.settlement is not None
        self.settle_button.setEnabled(open_ and case.stage is Stage.SETTLEMENT and not settled)
        self.recover_button.setEnabled(settled)
        self.statement_button.setEnabled(settled)
        transferred = case is not None and any(s.get("from") == Stage.TRANSFER.value and s["kind"] == "advance"
                                               for s in case.steps)
        self.confirmation_button.setEnabled(transferred)
        if case is not None and open_:
            self.advance_button.setToolTip(pick(STAGES[case.stage].label, self.lang))

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:
            self.refresh()

    # ---- acts ------------------------------------------------------------------------------------

    def _open_form(self, form: Any) -> Any:
        form.saved.connect(lambda _r: self.refresh())
        form.open()
        return form

    def advance(self) -> Any:
        from ipdesk.gui.disposal.case_forms import AdvanceForm

        return self._open_form(AdvanceForm(self.workstation, self.case, parent=self, lang=self.lang)) \
            if self.case is not None else None

    def reverse(self) -> Any:
        from ipdesk.gui.disposal.case_forms import ReasonForm

        return self._open_form(ReasonForm(self.workstation, self.case, parent=self, lang=self.lang)) \
            if self.case is not None else None

    def settle(self) -> Any:
        from ipdesk.gui.disposal.case_forms import AmountForm

        return self._open_form(AmountForm(self.workstation, self.case, "settle", parent=self, lang=self.lang)) \
            if self.case is not None else None

    def recover(self) -> Any:
        from ipdesk.gui.disposal.case_forms import AmountForm

        return self._open_form(AmountForm(self.workstation, self.case, "recover", parent=self, lang=self.lang)) \
            if self.case is not None else None

    def ask_print(self, kind: str) -> None:
        if self.case is None:
            return
        default = f"{self.case.case_no}-{kind}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存 PDF"), default, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.print_document(kind, Path(path))

    def print_document(self, kind: str, path: Path) -> None:
        from ipdesk.gui.ops import run_op
        from ipdesk.services.notices.service import atomic_write

        ws, case_id = self.workstation, self.case.id
        docs = ws.disposal.documents

        def work() -> str:
            issued = docs.issue(ws.actor, case_id, kind)
            atomic_write(path, docs.render(issued))
            return str(issued.serial)

        run_op(self, work, on_done=lambda serial: self.status_message.emit(
            self.tr("已出具 {serial}，保存到 {path}").format(serial=serial, path=str(path))),
            expected=(OSError,), title=self.tr("打印处置文书"), task_runner=self._runner)
