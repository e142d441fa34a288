"""The 托管 area (maintenance custody): the custodian's worklist of annual fees due and overdue in the next N days,
bands coloured, with one-step 已缴 and the month's batch payment list; below it the custody agreements, and
新建托管协议… for a new one (:mod:`ipdesk.gui.custody.agreement_form`).

Everything is read off the GUI thread (``ipdesk.gui.tasks``); 已缴 runs as an operation (``run_op``) through the
custody service, which records the payment through the fee service.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.custody.maintenance import WORKLIST_DAYS
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.custody.worklist_models import AgreementsModel, WorklistModel
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang
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


class CustodyPage(Page):
    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_custody")
        self.workstation = workstation
        self.lang = lang
        self._runner = task_runner or runner()
        self._generation = 0
        self._started = 0.0

        title = QLabel(self.tr("托管：年费缴纳"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        self.days = QSpinBox()
        self.days.setObjectName("custodyDays")
        self.days.setRange(1, 366)
        self.days.setValue(WORKLIST_DAYS)
        self.days.setSuffix(self.tr(" 天内"))
        self.days.setAccessibleName(self.tr("未来天数"))
        self.days.valueChanged.connect(lambda _v: self.refresh())
        self.pay_button = QPushButton(self.tr("已缴"))
        self.pay_button.setObjectName("custodyPaid")
        self.pay_button.setToolTip(self.tr("按今日应缴金额记录所选年费已缴（经年费服务登记缴费）"))
        self.pay_button.clicked.connect(self.mark_paid)
        self.pay_button.setEnabled(False)
        self.pay_button.setVisible(may(workstation.actor, Action.PAY_FEES))
        export = QPushButton(self.tr("导出本月缴费清单…"))
        export.setObjectName("custodyExport")
        export.clicked.connect(self.export_month)
        self.new_button = QPushButton(self.tr("新建托管协议…"))
        self.new_button.setObjectName("custodyNewAgreement")
        self.new_button.setToolTip(self.tr("把一项或多项专利纳入托管（托管机构、期限、缴费方、年费预算）"))
        self.new_button.clicked.connect(lambda: self.open_agreement_form())
        self.new_button.setVisible(may(workstation.actor, Action.MANAGE_CUSTODY))
        self.form: Any = None
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.days)
        head.addStretch(1)
        for button in (self.new_button, self.pay_button, export, refresh):
            head.addWidget(button)

        self.model = WorklistModel(lang, self)
        self.table = _table("custodyWorklist", self.model, self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.summary = QLabel()
        self.summary.setObjectName("custodySummary")
        self.summary.setWordWrap(True)
        self.agreements = AgreementsModel(lang, self)
        self.agreement_table = _table("custodyAgreements", self.agreements, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        section = QLabel(self.tr("托管协议"))
        section.setStyleSheet("font-weight: bold; padding-top: 8px;")
        layout.addWidget(section)
        layout.addWidget(self.agreement_table, 1)
        self.refresh()

    # ---- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1
        self._started = time.monotonic()
        generation, days = self._generation, self.days.value()
        custody = self.workstation.custody
        self.summary.setText(self.tr("正在读取…"))

        def done(data: tuple[list[Any], list[Any]]) -> None:
            if generation == self._generation and shiboken6.isValid(self.table):
                self.present(*data)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.summary):
                self.summary.setText(self.tr("无法读取托管清单：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(lambda: (custody.worklist(days), custody.agreements()), on_result=done, on_error=failed,
                         name="custody worklist")

    def present(self, items: list[Any], agreements: list[Any]) -> None:
        self.model.set_items(items)
        self.agreements.set_agreements(agreements)
        for table in (self.table, self.agreement_table):  # tens of rows: fitting them is cheap
            table.resizeColumnsToContents()
        overdue = sum(1 for i in items if i.status.value in ("late", "lapsed"))
        total = sum((i.amount_due for i in items), start=0)
        self.summary.setText(self.tr("{n} 笔年费 {days} 天内到期或已逾期（逾期 {late} 笔），今日应缴 {total} 元")
                             .format(n=len(items), days=self.days.value(), late=overdue, total=format_money(total)))
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.pay_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:
            self.refresh()

    # ---- commands --------------------------------------------------------------------------------

    def open_agreement_form(self, rights: Sequence[str] = ()) -> None:
        from ipdesk.gui.custody.agreement_form import AgreementForm

        form = AgreementForm(self.workstation, rights, parent=self, lang=self.lang)
        form.saved.connect(lambda _a: self.refresh())
        form.open()
        self.form = form

    def mark_paid(self) -> None:
        from ipdesk.gui.ops import run_op

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.model.item(rows[0].row())
        ws = self.workstation
        run_op(self, lambda: ws.custody.mark_paid(ws.actor, item.number), on_done=lambda _r: self.refresh(),
               title=self.tr("记录缴费"), task_runner=self._runner)

    def export_month(self) -> None:
        today = self.workstation.clock.today()
        default = f"年费缴纳清单-{today:%Y-%m}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出本月缴费清单"), default,
                                              self.tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"))
        if path:
            self.write_month(Path(path))

    def write_month(self, path: Path) -> None:
        from ipdesk.gui.ops import run_op
        from ipdesk.services.custody.payment_list import write_payment_list

        today = self.workstation.clock.today()
        custody = self.workstation.custody
        run_op(self, lambda: write_payment_list(custody.month_list(today.year, today.month), path),
               on_done=lambda n: self.status_message.emit(
                   self.tr("已导出 {n} 笔（{month}）").format(n=n, month=format_date(today)[:7])),
               expected=(OSError,), title=self.tr("导出缴费清单"), task_runner=self._runner)
