"""ValuationForm: record a valuation of a right or a package — keyboard-first, checked as typed.

Tab walks the fields in reading order (rights, method, evaluator, value, forced-sale value, value date, valid
until, report no., notes); Ctrl+S saves, Esc cancels. The value date defaults to today; a date after it, a
zero value or a forced-sale value above the value shows its message under the field in the UI language, and
nothing is written until all are fixed. Rights and evaluator are checked by the service on saving (a number
that names no right comes back under the field, like validation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from ipdesk.domain.shared.problems import Problem
from ipdesk.domain.valuation.valuation import METHOD_LABELS, Valuation, ValuationMethod, check_valuation, label
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.pledges.pickers import PartyField


def split_numbers(text: str) -> list[str]:
    """Right numbers typed in one line, separated by commas, 、, semicolons or new lines.

    A space inside a number (``ZL 201710601862.3``) is kept: only a space before the next number splits.
    """
    parts = [p for p in re.split(r"[,，、;；\n]+", text) if p.strip()]
    out: list[str] = []
    for part in parts:
        # "ZL 2017… ZL 2022…" typed with spaces only: split before each "ZL"/"CN" or a 12–13-digit run
        out += [p.strip() for p in re.split(r"\s+(?=(?:ZL|CN|zl|cn)\s?\d)", part.strip()) if p.strip()]
    return out


class ValuationForm(FormDialog):
    """Adds a valuation (``ValuationService.add``); ``rights`` are the numbers the form opens with."""

    def __init__(self, workstation: Workstation, rights: Sequence[str], *, parent: QWidget | None = None,
                 lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("新增评估"))
        self.setObjectName("ValuationForm")
        self.workstation = workstation
        self.lang = lang
        self.resize(560, 520)
        L = lambda key, required=False: form_label(label(key, lang), required, lang)  # noqa: E731

        self.rights = FieldEdit(("、" if lang == "zh" else ", ").join(rights),
                                placeholder=self.tr("一项或多项权利的编号，用逗号或顿号分隔（多项为打包评估）"))
        self.add_field("rights", L("rights", True), self.rights)
        self.method = QComboBox()
        for method in ValuationMethod:
            self.method.addItem(METHOD_LABELS[method][1 if lang == "en" else 0], method.value)
        self.add_field("method", L("method", True), self.method)
        self.evaluator = PartyField(workstation, lang, placeholder=self.tr("评估机构名称或统一社会信用代码"))
        self.add_field("evaluator", L("evaluator", True), self.evaluator)
        self.value = MoneyEdit()
        self.add_field("value", L("value", True), self.value, hint=self.tr("评估报告载明的评估价值（元）"))
        self.forced_sale_value = MoneyEdit()
        self.add_field("forced_sale_value", L("forced_sale_value"), self.forced_sale_value,
                       hint=self.tr("处置时快速变现的价值（元），不高于评估价值"))
        self.value_date = DateEdit()
        self.value_date.setDate(workstation.clock.today())
        self.add_field("value_date", L("value_date", True), self.value_date)
        self.valid_until = DateEdit()
        self.valid_until.line_edit.setPlaceholderText(self.tr("留空：按设置自基准日起计算"))
        self.add_field("valid_until", L("valid_until"), self.valid_until)
        self.report_no = FieldEdit()
        self.add_field("report_no", L("report_no"), self.report_no)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # keyboard-first: Tab leaves the notes for Save
        self.notes.setMaximumHeight(60)
        self.add_field("notes", L("notes"), self.notes)
        self.mark_clean()
        self._first_field = self.value if rights else self.rights

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Keyboard-first: with the right(s) given, typing starts in the value.
        self._first_field.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "rights": split_numbers(self.rights.text()),
            "method": self.method.currentData(),
            "evaluator": self.evaluator.value(),
            "value": self.value.raw_text(),
            "forced_sale_value": self.forced_sale_value.raw_text(),
            "value_date": self.value_date.iso_text(),
            "valid_until": self.valid_until.iso_text(),
            "report_no": self.report_no.text().strip(),
            "notes": self.notes.toPlainText().strip(),
        }

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        # The validity setting only fills in "valid until"; it changes no problem, so none is read here.
        problems = check_valuation(data, self.workstation.clock.today(), 12)[1]
        if not data["rights"]:
            problems.append(Problem("valuation.no_rights", "rights"))
        if not data["evaluator"]:
            problems.append(Problem("required", "evaluator", {"label": label("evaluator")}))
        return problems

    def save(self, data: dict[str, Any]) -> Valuation:  # writer thread
        return self.workstation.valuation.add(self.workstation.actor, data)
