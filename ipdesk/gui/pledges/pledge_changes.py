"""The forms of a registered pledge's later acts: 变更登记 (change), 延期登记 (extend), 注销登记 (cancel).

A cancellation is a decision that changes the register: it confirms first and says what will happen.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

# the modules registering the message codes raised here (the services load only when first used)
import ipdesk.services.pledges.commands  # noqa: F401
from ipdesk.domain.pledges.application import (
    CANCELLATION_TRIGGER_LABELS,
    DEBT_TYPE_LABELS,
    CancellationTrigger,
    DebtType,
    GuaranteeScope,
)
from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui import messages
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date, parse_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.pledges.checklists import ScopeChecks
from ipdesk.gui.pledges.pickers import PartyField
from ipdesk.gui.pledges.pledge_actions import date_field, record_heading


class ChangeDialog(FormDialog):
    """变更登记: secured amount, debt type, guarantee scope, pledgee (only what changed is sent)."""

    def __init__(
        self,
        workstation: Workstation,
        record: PledgeRecord,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
    ):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("变更登记"))
        self.setObjectName("ChangeDialog")
        self.workstation, self.record, self.lang = workstation, record, lang
        app = record.application
        self.add_row("", record_heading(record))
        self.amount = MoneyEdit()
        self.amount.setValue(app.secured_amount)
        self.add_field("secured_amount", self.tr("担保债权数额（元）："), self.amount)
        self.debt_type = QComboBox()
        for t in DebtType:
            self.debt_type.addItem(pick(DEBT_TYPE_LABELS[t], lang), t.value)
        self.debt_type.setCurrentIndex(self.debt_type.findData(app.debt_type.value))
        self.add_field("debt_type", self.tr("债权种类："), self.debt_type)
        self.scope = ScopeChecks(lang)
        self.scope.set_values(app.guarantee_scope)
        self.add_field("guarantee_scope", self.tr("担保范围："), self.scope)
        self.pledgee = PartyField(
            workstation, lang, placeholder=self.tr("现为 {name}；不变更则留空").format(name=record.pledgee_name)
        )
        self.add_field("pledgee", self.tr("新的质权人："), self.pledgee)
        self.resize(600, 420)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {
            "secured_amount": self.amount.raw_text(),
            "debt_type": self.debt_type.currentData(),
            "guarantee_scope": self.scope.values(),
            "pledgee": self.pledgee.value(),
        }

    def changes(self, data: dict[str, Any]) -> dict[str, Any]:
        app = self.record.application
        out: dict[str, Any] = {}
        try:
            amount = parse_money(data["secured_amount"])
        except ValueError:
            amount = None
        if amount is not None and amount != app.secured_amount:
            out["secured_amount"] = data["secured_amount"]
        if data["debt_type"] != app.debt_type.value:
            out["debt_type"] = DebtType(data["debt_type"])
        scope = {GuaranteeScope(s) for s in data["guarantee_scope"]}
        if scope != set(app.guarantee_scope):
            out["guarantee_scope"] = scope
        if data["pledgee"]:
            out["pledgee"] = data["pledgee"]
        return out

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        problems: list[Problem] = []
        label = self.tr("担保债权数额")
        try:
            amount = parse_money(data["secured_amount"])
        except ValueError:
            problems.append(Problem("bad_decimal", "secured_amount", {"value": data["secured_amount"], "label": label}))
        else:
            if amount is None:
                problems.append(Problem("required", "secured_amount", {"label": label}))
            elif amount <= 0:
                problems.append(Problem("pledge.amount_not_positive", "secured_amount", {"value": amount}))
        if not data["guarantee_scope"]:
            problems.append(Problem("pledge.no_scope", "guarantee_scope"))
        if not problems and not self.changes(data):
            problems.append(Problem("pledge.no_change"))
        return problems

    def save(self, data: dict[str, Any]) -> PledgeRecord:
        return self.workstation.pledges.change(self.workstation.actor, self.record.id, **self.changes(data))


class ExtendDialog(FormDialog):
    """延期: a new performance deadline (and pledge term end), re-examined by the service."""

    def __init__(
        self,
        workstation: Workstation,
        record: PledgeRecord,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
    ):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("延期登记"))
        self.setObjectName("ExtendDialog")
        self.workstation, self.record = workstation, record
        app = record.application
        self.add_row("", record_heading(record))
        self.add_row(self.tr("现债务履行期限："), QLabel(format_date(app.performance_deadline)))
        if app.pledge_term_end:
            self.add_row(self.tr("现质押期限届满日："), QLabel(format_date(app.pledge_term_end)))
        self.deadline = DateEdit()
        self.add_field("performance_deadline", self.tr("新的债务履行期限 *"), self.deadline)
        self.term_end = DateEdit()
        self.add_field("pledge_term_end", self.tr("新的质押期限届满日"), self.term_end)
        note = QLabel(self.tr("延期将重新审查：新的期限不得超过出质权利的有效期。"))
        note.setStyleSheet("color: #607d8b;")
        note.setWordWrap(True)
        self.add_row("", note)
        self.resize(560, 320)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"performance_deadline": self.deadline.iso_text(), "pledge_term_end": self.term_end.iso_text()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        problems: list[Problem] = []
        new = date_field(
            data["performance_deadline"], "performance_deadline", self.tr("新的债务履行期限"), problems, required=True
        )
        date_field(data["pledge_term_end"], "pledge_term_end", self.tr("新的质押期限届满日"), problems)
        old = self.record.application.performance_deadline
        if new is not None and new <= old:
            problems.append(Problem("pledge.extension_not_later", "performance_deadline", {"old": old}))
        return problems

    def save(self, data: dict[str, Any]) -> PledgeRecord:
        new = date.fromisoformat(data["performance_deadline"])
        term = date.fromisoformat(data["pledge_term_end"]) if data["pledge_term_end"] else None
        return self.workstation.pledges.extend(self.workstation.actor, self.record.id, new, term)


class CancelDialog(FormDialog):
    """注销登记 with one of the five triggers; the pledge becomes read-only and the rights are freed (with
    maker-checker on, once an approver confirms: ``submit`` names the button so)."""

    def __init__(
        self,
        workstation: Workstation,
        record: PledgeRecord,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        submit: bool = False,
    ):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("注销登记"))
        self.setObjectName("CancelDialog")
        if submit:  # maker-checker: the cancellation goes to an approver
            self.save_button.setText(self.tr("提交审核"))
        self.workstation, self.record, self.lang = workstation, record, lang
        self.add_row("", record_heading(record))
        self.trigger = QComboBox()
        self.trigger.addItem(self.tr("（请选择）"), "")
        for t in CancellationTrigger:
            self.trigger.addItem(pick(CANCELLATION_TRIGGER_LABELS[t], lang), t.value)
        self.add_field("trigger", self.tr("注销原因 *"), self.trigger)
        self.on = DateEdit()
        self.on.setDate(workstation.clock.today())
        self.add_field("on", self.tr("注销日期 *"), self.on)
        warn = QLabel(self.tr("注销后该质押登记为只读，不能再变更或延期；出质权利可以再次出质。"))
        warn.setStyleSheet("color: #7a4a00;")
        warn.setWordWrap(True)
        self.add_row("", warn)
        self.resize(600, 300)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"trigger": self.trigger.currentData() or "", "on": self.on.iso_text()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        problems: list[Problem] = []
        if not data["trigger"]:
            problems.append(Problem("gui.pick_trigger", "trigger"))
        on = date_field(data["on"], "on", self.tr("注销日期"), problems, required=True)
        registered = self.record.registered_on
        if on is not None and registered is not None and on < registered:
            problems.append(Problem("pledge.cancel_date", "on", {"date": registered}))
        return problems

    def confirm_save(self, data: dict[str, Any]) -> bool:
        """Cancelling ends the registration: it is confirmed like a registration or a refusal."""
        trigger = pick(CANCELLATION_TRIGGER_LABELS[CancellationTrigger(data["trigger"])], self.lang)
        return messages.ask(
            self, self.tr("注销登记"),
            self.tr("注销质押登记 {no}？").format(no=self.record.registration_no or self.record.application_no),
            self.tr("注销原因：{trigger}；注销日期：{on}。\n注销后该登记为只读，不能再变更或延期；出质权利可以再次出质。")
            .format(trigger=trigger, on=data["on"]),
            yes=self.tr("注销登记"), no=self.tr("返回"))

    def save(self, data: dict[str, Any]) -> PledgeRecord:
        return self.workstation.pledges.cancel(
            self.workstation.actor, self.record.id, data["trigger"], date.fromisoformat(data["on"])
        )
