"""AgreementForm: a new maintenance-custody agreement (新建托管协议) — keyboard-first, checked as typed.

Tab walks the fields in reading order (custodian, rights, from, until, who pays, fee budget, agreement no.);
Ctrl+S saves, Esc cancels. The term starts today by default and is open-ended when "until" is left empty. The
custodian and the rights are checked by the service on saving: a party that is nobody, a right already in
custody or listed twice comes back under its field, like validation, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QWidget

from ipdesk.domain.custody.maintenance import FIELDS, PAYER_LABELS, Payer, check_agreement
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.pledges.pickers import PartyField

if TYPE_CHECKING:
    from ipdesk.services.custody.maintenance import Agreement


def split_rights(text: str) -> list[str]:
    """Numbers typed in one line, separated by commas, 、 or semicolons (a space inside a number is kept)."""
    return [p.strip() for p in re.split(r"[,，、;；\n]+", text) if p.strip()]


class AgreementForm(FormDialog):
    """Creates an agreement (``CustodyService.create_agreement``); ``rights`` are the numbers it opens with."""

    def __init__(self, workstation: Workstation, rights: Sequence[str] = (), *, parent: QWidget | None = None,
                 lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("新建托管协议"))
        self.setObjectName("AgreementForm")
        self.workstation = workstation
        self.resize(560, 420)
        L = lambda key, required=False: form_label(  # noqa: E731
            FIELDS[key][1 if lang == "en" else 0], required, lang)

        self.custodian = PartyField(workstation, lang, placeholder=self.tr("托管机构名称或统一社会信用代码"))
        self.add_field("custodian", L("custodian", True), self.custodian)
        self.rights = FieldEdit(("、" if lang == "zh" else ", ").join(rights),
                                placeholder=self.tr("一项或多项专利号，用逗号或顿号分隔"))
        self.add_field("rights", form_label(self.tr("托管专利"), True, lang), self.rights)
        self.starts_on = DateEdit()
        self.starts_on.setDate(workstation.clock.today())
        self.add_field("starts_on", L("starts_on", True), self.starts_on)
        self.ends_on = DateEdit()
        self.ends_on.line_edit.setPlaceholderText(self.tr("留空：长期有效"))
        self.add_field("ends_on", L("ends_on"), self.ends_on)
        self.payer = QComboBox()
        for payer in Payer:
            self.payer.addItem(PAYER_LABELS[payer][1 if lang == "en" else 0], payer.value)
        self.add_field("payer", L("payer", True), self.payer)
        self.fee_budget = MoneyEdit()
        self.add_field("fee_budget", L("fee_budget"), self.fee_budget)
        self.reference = FieldEdit()
        self.add_field("reference", L("reference"), self.reference)
        self.mark_clean()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.custodian.setFocus()  # keyboard-first: typing starts with the custodian

    def values(self) -> dict[str, Any]:
        return {"custodian": self.custodian.value(), "rights": split_rights(self.rights.text()),
                "starts_on": self.starts_on.iso_text(), "ends_on": self.ends_on.iso_text(),
                "payer": self.payer.currentData(), "fee_budget": self.fee_budget.raw_text(),
                "reference": self.reference.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        # The custodian is looked up on saving; here only whether one is named (any id stands in for it).
        problems = check_agreement({**data, "custodian_id": 0 if data["custodian"] else None})[1]
        if not data["rights"]:
            problems.append(Problem("custody.no_rights", "rights"))
        return problems

    def save(self, data: dict[str, Any]) -> Agreement:  # writer thread
        custody = self.workstation.custody
        text = data["custodian"]
        party = int(text[1:]) if text.startswith("#") else custody.party_id(text)
        return custody.create_agreement(self.workstation.actor, {**data, "custodian_id": party})
