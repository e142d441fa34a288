"""The 银企对接 forms: a new event (新建对接会) and a credit line at it (新增授信) — keyboard-first, checked as
typed; the service's refusals (a party not in the register, a patent the firm does not own) come back
under their fields and nothing is written."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from ipdesk.domain.matchmaking.lines import LINE_STATUS_LABELS, MAX_TERM_MONTHS, LineStatus
from ipdesk.domain.shared.fields import parse_money, required
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.pledges.pickers import PartyField


def split_numbers(text: str) -> list[str]:
    """Numbers typed in one line, separated by commas, 、 or semicolons (a space inside a number is kept)."""
    return [p.strip() for p in re.split(r"[,，、;；\n]+", text) if p.strip()]


class EventForm(FormDialog):
    """Records an event (``MatchmakingService.add_event``)."""

    def __init__(self, workstation: Any, *, parent: QWidget | None = None, lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("新建对接会"))
        self.lang = lang
        self.setObjectName("EventForm")
        self.workstation = workstation
        self.resize(520, 300)
        self.name = FieldEdit(placeholder=self.tr("例如：镇江市银企专利质押对接会"))
        self.add_field("name", form_label(self.tr("名称"), True, self.lang), self.name)
        self.held_on = DateEdit()
        self.held_on.setDate(workstation.clock.today())
        self.add_field("date", form_label(self.tr("日期"), True, self.lang), self.held_on)
        self.organiser = FieldEdit(placeholder=self.tr("例如：江苏省知识产权局、镇江市人民政府"))
        self.add_field("organiser", form_label(self.tr("主办单位"), False, self.lang), self.organiser)
        self.region = FieldEdit(placeholder=self.tr("例如：江苏省镇江市"))
        self.add_field("region", form_label(self.tr("地区"), False, self.lang), self.region)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "date": self.held_on.iso_text(),
                "organiser": self.organiser.text().strip(), "region": self.region.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        out = [] if data["name"] else [required("name", self.tr("名称"))]
        if not data["date"]:
            out.append(required("date", self.tr("日期")))
        return out

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.matchmaking.add_event(self.workstation.actor, data)


class LineForm(FormDialog):
    """A bank's credit line to a firm at ``event_no`` (``MatchmakingService.add_line``)."""

    def __init__(self, workstation: Any, event_no: str, *, parent: QWidget | None = None, lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("新增授信（{event}）").format(event=event_no))
        self.lang = lang
        self.setObjectName("LineForm")
        self.workstation, self.event_no = workstation, event_no
        self.resize(560, 360)
        self.bank = PartyField(workstation, self.lang, placeholder=self.tr("授信银行名称或统一社会信用代码"))
        self.add_field("bank", form_label(self.tr("授信银行"), True, self.lang), self.bank)
        self.firm = PartyField(workstation, self.lang, placeholder=self.tr("企业名称或统一社会信用代码"))
        self.add_field("firm", form_label(self.tr("企业"), True, self.lang), self.firm)
        self.amount = MoneyEdit()
        self.add_field("amount", form_label(self.tr("授信额度（元）"), True, self.lang), self.amount)
        self.term = QSpinBox()
        self.term.setRange(1, MAX_TERM_MONTHS)
        self.term.setValue(12)
        self.term.setSuffix(self.tr(" 个月"))
        self.add_field("term", form_label(self.tr("授信期限"), True, self.lang), self.term)
        self.rights = FieldEdit(placeholder=self.tr("企业提供的专利号，用逗号或顿号分隔"))
        self.add_field("rights", form_label(self.tr("提供的专利"), True, self.lang), self.rights)
        self.status = QComboBox()
        for status in (LineStatus.INTENDED, LineStatus.APPROVED):
            self.status.addItem(LINE_STATUS_LABELS[status][1 if self.lang == "en" else 0], status.value)
        self.add_field("status", form_label(self.tr("状态"), True, self.lang), self.status)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"bank": self.bank.value(), "firm": self.firm.value(), "amount": self.amount.raw_text(),
                "term": str(self.term.value()), "rights": split_numbers(self.rights.text()),
                "status": self.status.currentData()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        out = [required(key, label) for key, label in (("bank", self.tr("授信银行")), ("firm", self.tr("企业")))
               if not data[key]]
        amount, found = parse_money(data["amount"], "amount", self.tr("授信额度"))
        out += found
        if amount is None and not found:
            out.append(required("amount", self.tr("授信额度")))
        elif amount is not None and amount <= 0:
            out.append(Problem("match.amount_positive", "amount", {"value": f"{amount:f}"}))
        if not data["rights"]:
            out.append(Problem("match.no_rights", "rights"))
        return out

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.matchmaking.add_line(self.workstation.actor, self.event_no, data)
