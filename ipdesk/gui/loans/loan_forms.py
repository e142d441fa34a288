"""The loan forms of the pledge detail: book a loan behind the pledge, and record a loan's act — drawdown,
repayment, a guarantee agency's compensation (代偿), halt, resume, the event of default. Keyboard-first like
every form; the loan service checks everything again (a repayment after the loan closed, a drawdown while
halted …) and a refusal comes back on the fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from ipdesk.domain.loans.schedule import SCHEDULE_LABELS, ScheduleKind
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang

#: act → (title zh, title en), whether it takes an amount, a reason
ACTS: dict[str, tuple[tuple[str, str], bool, bool]] = {
    "draw": (("放款", "Drawdown"), True, False),
    "repay": (("还款", "Repayment"), True, False),
    "compensate": (("代偿", "Compensation"), True, False),
    "halt": (("叫停", "Halt"), False, True),
    "resume": (("恢复放款", "Resume"), False, True),
    "default": (("宣布违约", "Declare default"), False, True),
}


class LoanForm(FormDialog):
    """登记贷款: a loan behind the pledge ``registration_no``, its lender the pledgee by default."""

    def __init__(self, workstation: Workstation, record: Any, *, parent: QWidget | None = None,
                 lang: str | None = None):
        self.lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("登记贷款：{pledge}").format(pledge=record.registration_no))
        self.setObjectName("LoanForm")
        self.workstation = workstation
        self.record = record
        L = lambda text, required=True: form_label(text, required, self.lang)  # noqa: E731
        self.lender = FieldEdit(record.pledgee_name or "", placeholder=self.tr("统一社会信用代码或全称"))
        self.add_field("lender", L(self.tr("贷款人")), self.lender)
        pledgors = record.pledgor_names or ()
        self.borrower = FieldEdit(pledgors[0] if pledgors else "", placeholder=self.tr("统一社会信用代码或全称"))
        self.add_field("borrower", L(self.tr("借款人")), self.borrower)
        self.principal = MoneyEdit()
        self.principal.setObjectName("loanPrincipal")
        self.add_field("principal", L(self.tr("贷款本金（元）")), self.principal)
        self.rate = FieldEdit(placeholder="4.35")
        self.rate.setObjectName("loanRate")
        self.add_field("rate", L(self.tr("年利率（%）")), self.rate)
        self.start = DateEdit()
        self.start.setDate(workstation.clock.today())
        self.add_field("start", L(self.tr("起息日")), self.start)
        self.maturity = DateEdit()
        self.maturity.setObjectName("loanMaturity")
        self.add_field("maturity", L(self.tr("到期日")), self.maturity)
        self.schedule = QComboBox()
        for kind in ScheduleKind:
            if kind is not ScheduleKind.CUSTOM:
                self.schedule.addItem(pick(SCHEDULE_LABELS[kind], self.lang), kind.value)
        self.add_field("schedule", L(self.tr("还款方式")), self.schedule)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"lender": self.lender.text().strip(), "borrower": self.borrower.text().strip(),
                "pledge": self.record.registration_no, "principal": self.principal.text().strip(),
                "rate": self.rate.text().strip(), "start": self.start.iso_text(), "maturity": self.maturity.iso_text(),
                "schedule": self.schedule.currentData()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return []  # parse_loan needs the register (parties, the pledge): the service answers on save

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.loans.add(self.workstation.actor, data)


class LoanActForm(FormDialog):
    """One act on a loan (``act`` one of :data:`ACTS`), dated today unless another day is given."""

    def __init__(self, workstation: Workstation, loan: Any, act: str, *, parent: QWidget | None = None,
                 lang: str | None = None):
        self.lang = ui_lang(lang)
        title, takes_amount, takes_reason = ACTS[act]
        super().__init__(parent, title=f"{pick(title, self.lang)}：{loan.loan_no}")
        self.setObjectName(f"LoanActForm_{act}")
        self.workstation = workstation
        self.loan = loan
        self.act = act
        self.amount: MoneyEdit | None = None
        self.agency: FieldEdit | None = None
        self.reason: FieldEdit | None = None
        if takes_amount:
            self.amount = MoneyEdit()
            self.amount.setObjectName("actAmount")
            self.add_field("amount", form_label(self.tr("金额（元）"), True, self.lang), self.amount)
        if act == "compensate":
            self.agency = FieldEdit(placeholder=self.tr("担保机构的统一社会信用代码或 #编号（机构用户：本机构）"))
            self.add_field("agency", form_label(self.tr("代偿机构"), False, self.lang), self.agency)
        if takes_reason:
            self.reason = FieldEdit()
            self.reason.setObjectName("actReason")
            self.add_field("reason", form_label(self.tr("原因"), False, self.lang), self.reason)
        self.on = DateEdit()
        self.on.setDate(workstation.clock.today())
        self.add_field("on", form_label(self.tr("日期"), True, self.lang), self.on)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"amount": self.amount.text().strip() if self.amount else "",
                "agency": self.agency.text().strip() if self.agency else "",
                "reason": self.reason.text().strip() if self.reason else "", "on": self.on.iso_text()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        from ipdesk.domain.shared.fields import parse_date, parse_money, required

        problems = parse_date(data["on"], "on", "日期")[1]
        if self.amount is not None:
            amount, found = parse_money(data["amount"], "amount", "金额")
            problems += found or ([] if amount is not None else [required("amount", "金额")])
        return problems

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        from ipdesk.domain.shared.fields import parse_date, parse_money
        from ipdesk.services.pledges.inputs import resolve_party

        ws, loans, loan_id = self.workstation, self.workstation.loans, self.loan.id
        on = parse_date(data["on"], "on", "日期")[0]
        amount = parse_money(data["amount"], "amount", "金额")[0]
        if self.act == "draw":
            return loans.draw(ws.actor, loan_id, amount, on=on)
        if self.act == "repay":
            return loans.repay(ws.actor, loan_id, amount, on=on)
        if self.act == "compensate":
            agency = None
            if data["agency"]:
                from ipdesk.services.uow import reading

                with reading(ws.engine) as session:
                    agency = resolve_party(session, data["agency"])
            return loans.compensate(ws.actor, loan_id, amount, agency_id=agency, on=on)
        act = {"halt": loans.halt, "resume": loans.resume, "default": loans.declare_default}[self.act]
        return act(ws.actor, loan_id, data["reason"], on=on)
