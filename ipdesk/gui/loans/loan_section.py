"""The loans behind a pledge, shown on the pledge's detail pane: each loan's state (status, five-class
class, days overdue, what is outstanding), its schedule with what was paid, and its drawdowns, repayments
and compensation payments; with the loan officer's acts (登记贷款…, and on each loan 放款、还款、代偿、叫停、
恢复、宣布违约, each a form run through the loan service). Read off the GUI thread with the pledge
(``load``), shown by ``present``."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.loans.classification import CLASS_LABELS, LoanClass
from ipdesk.domain.loans.schedule import SCHEDULE_LABELS
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.pages.detail_pane import DetailSection
from ipdesk.gui.common.rich_text import badge_html, esc, pick
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "current": ("正常还款", "current"), "overdue": ("逾期", "overdue"), "defaulted": ("已违约", "in default"),
    "closed": ("已结清", "repaid"),
}
STATUS_TONES = {"current": "ok", "overdue": "warn", "defaulted": "bad", "closed": "muted"}
CLASS_TONES = {LoanClass.NORMAL: "ok", LoanClass.SPECIAL_MENTION: "warn", LoanClass.SUBSTANDARD: "bad",
               LoanClass.DOUBTFUL: "bad", LoanClass.LOSS: "bad"}
EVENT_LABELS: dict[str, tuple[str, str]] = {
    "drawdown": ("放款", "drawdown"), "repayment": ("还款", "repayment"), "compensation": ("代偿", "compensation"),
    "halt": ("叫停", "halt"), "resume": ("恢复", "resume"), "default": ("违约", "default"),
}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class LoanScheduleModel(RowListModel):
    """A loan's instalments with what was paid (rows: ``InstalmentState``-like dicts, ``as_of`` added)."""

    columns = (
        ("seq", "期次", "No."), ("due", "应还日", "Due"), ("principal", "本金", "Principal"),
        ("interest", "利息", "Interest"), ("penalty", "罚息", "Penalty"), ("paid", "已还", "Paid"),
        ("outstanding", "未还", "Outstanding"), ("state", "状态", "State"),
    )
    numbered = False

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "seq":
                return str(row["seq"])
            if key == "due":
                return format_date(row["due"])
            if key == "state":
                return pick(_INSTALMENT_STATES[self.state(row)], self.lang)
            return format_money(row[key])
        if role == BadgeToneRole and key == "state":
            return {"paid": "ok", "overdue": "bad", "due": "warn"}.get(self.state(row))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if key in ("due", "state") else _RIGHT
        return None

    @staticmethod
    def state(row: dict[str, Any]) -> str:
        if row["outstanding"] == 0:
            return "paid"
        if row["due"] < row["as_of"]:
            return "overdue"
        return "due" if row["due"] == row["as_of"] else "future"


_INSTALMENT_STATES = {"paid": ("已还清", "paid"), "overdue": ("逾期", "overdue"), "due": ("今日到期", "due today"),
                      "future": ("未到期", "not yet due")}


class LoanEventsModel(RowListModel):
    """A loan's drawdowns, repayments, compensation, halts and defaults, oldest first."""

    columns = (("on", "日期", "Date"), ("kind", "事项", "Event"), ("amount", "金额（元）", "Amount (yuan)"),
               ("note", "说明", "Note"), ("actor", "经办人", "By"))

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "kind":
                return pick(EVENT_LABELS.get(row["kind"]), self.lang, row["kind"])
            if key == "amount":
                return format_money(row.get("amount"))
            if key == "note":
                detail = row.get("detail") or {}
                return str(detail.get("reason", "")) if isinstance(detail, dict) else ""
            return str(row.get(key) or "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if key == "amount" else _LEFT
        return None


def _table(model: RowListModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setItemDelegate(BadgeDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(120)
    return table


class LoanSection(DetailSection):
    """The loans of one pledge (a section of the pledge detail pane, wired in by ``ipdesk.gui.areas``)."""

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loanSection")
        self.workstation = workstation
        self.lang = ui_lang(lang)
        self.title = self.tr("贷款与还款")
        self.loans: list[Any] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.schedule_models: list[LoanScheduleModel] = []
        self.event_models: list[LoanEventsModel] = []
        self.record: Any = None
        self.acting = may(workstation.actor, Action.MANAGE_LOANS)
        self.buttons: dict[tuple[str, str], QPushButton] = {}  # (loan no, act) → its button

    def load(self, pledge_id: Any) -> list[Any]:  # worker thread
        return self.workstation.loans.list(self.workstation.actor, pledge_id=pledge_id)

    def present(self, loans: list[Any], record: Any = None) -> None:
        if not shiboken6.isValid(self):
            return
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.loans, self.schedule_models, self.event_models = list(loans), [], []
        self.record, self.buttons = record, {}
        status = getattr(getattr(record, "status", None), "value", None)
        if self.acting and status == "registered":
            add = QPushButton(self.tr("登记贷款…"))
            add.setObjectName("loanAdd")
            add.clicked.connect(self.add_loan)
            row = QHBoxLayout()
            row.addWidget(add)
            row.addStretch(1)
            holder = QWidget()
            holder.setLayout(row)
            self.layout_.addWidget(holder)
        if not loans:
            self.layout_.addWidget(QLabel(self.tr("没有登记贷款")))
            return
        for loan in loans:
            self.layout_.addWidget(self._heading(loan))
            if self.acting and loan.status != "closed":
                self.layout_.addWidget(self._acts(loan))
            schedule = LoanScheduleModel(self.lang, self)
            schedule.set_rows([{"seq": i.seq, "due": i.due, "principal": i.principal, "interest": i.interest,
                                "penalty": i.penalty, "paid": i.paid_principal + i.paid_interest + i.paid_penalty,
                                "outstanding": i.outstanding, "as_of": loan.state.as_of}
                               for i in loan.state.instalments])
            self.schedule_models.append(schedule)
            self.layout_.addWidget(_table(schedule, f"loanSchedule_{loan.loan_no}"))
            events = LoanEventsModel(self.lang, self)
            events.set_rows(list(loan.events))
            self.event_models.append(events)
            if loan.events:
                self.layout_.addWidget(QLabel(self.tr("放款与还款记录")))
                self.layout_.addWidget(_table(events, f"loanEvents_{loan.loan_no}"))

    def _acts(self, loan: Any) -> QWidget:
        labels = {"draw": self.tr("放款…"), "repay": self.tr("还款…"), "compensate": self.tr("代偿…"),
                  "halt": self.tr("叫停…"), "resume": self.tr("恢复放款…"), "default": self.tr("宣布违约…")}
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for act, text in labels.items():
            if act == ("halt" if loan.state.halted else "resume"):
                continue
            if act == "default" and loan.state.defaulted_on is not None:
                continue
            button = QPushButton(text)
            button.setObjectName(f"loan_{act}_{loan.loan_no}")
            button.clicked.connect(lambda _c=False, a=act, item=loan: self.act(item, a))
            self.buttons[(loan.loan_no, act)] = button
            row.addWidget(button)
        row.addStretch(1)
        return holder

    def add_loan(self) -> Any:
        from ipdesk.gui.loans.loan_forms import LoanForm

        form = LoanForm(self.workstation, self.record, parent=self, lang=self.lang)
        form.saved.connect(lambda _r: self.reload_requested.emit())
        form.open()
        return form

    def act(self, loan: Any, act: str) -> Any:
        from ipdesk.gui.loans.loan_forms import LoanActForm

        form = LoanActForm(self.workstation, loan, act, parent=self, lang=self.lang)
        form.saved.connect(lambda _r: self.reload_requested.emit())
        form.open()
        return form

    def _heading(self, loan: Any) -> QLabel:
        lang, state = self.lang, loan.state
        badges = [badge_html(pick(STATUS_LABELS[loan.status], lang), STATUS_TONES[loan.status]),
                  badge_html(pick(CLASS_LABELS[loan.loan_class], lang), CLASS_TONES[loan.loan_class], mark=False)]
        if state.halted:
            badges.append(badge_html(self.tr("已叫停"), "bad"))
        template = self.tr("{no}　{lender} → {borrower}　本金 {principal} 元，年利率 {rate} %，{kind}，{start} 至 {maturity}")  # noqa: E501
        facts = template.format(no=loan.loan_no, lender=loan.lender_name, borrower=loan.borrower_name,
                                 principal=format_money(loan.terms.principal), rate=loan.terms.annual_rate.normalize(),
                                 kind=pick(SCHEDULE_LABELS[loan.schedule_kind], lang),
                                 start=format_date(loan.terms.start), maturity=format_date(loan.terms.maturity))
        standing = self.tr("未还本金 {principal} 元，逾期 {days} 天，逾期金额 {overdue} 元，罚息 {penalty} 元").format(
            principal=format_money(state.outstanding_principal), days=state.overdue_days,
            overdue=format_money(state.overdue_amount), penalty=format_money(state.penalty_outstanding))
        label = QLabel(f"<b>{esc(facts)}</b><br>{'&nbsp;&nbsp;'.join(badges)}&nbsp;&nbsp;{esc(standing)}")
        label.setObjectName(f"loanHeading_{loan.loan_no}")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        return label
