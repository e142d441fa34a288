"""The policy form: product, insurer, insured, the rights covered, limits, deductible, premium, the firm's
subsidy class, term and retroactive date (``InsuranceService.add``).

Keyboard-first like every form (Tab in reading order, Ctrl+S saves, Esc cancels). The service checks
everything — a negative premium, dates out of order, a right the insured does not own, each eligibility
reason — and its refusal shows under the field concerned, with nothing written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from ipdesk.domain.insurance.products import PRODUCT_LABELS, SUBSIDY_CLASS_LABELS, Product, SubsidyClass
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.pledges.pickers import PartyField

LABELS: dict[str, tuple[str, str]] = {
    "product": ("险种", "Product"), "insurer": ("保险人", "Insurer"), "insured": ("被保险人", "Insured"),
    "rights": ("保险标的专利", "Rights covered"), "limit": ("累计赔偿限额", "Aggregate limit"),
    "limit_per_right": ("每项专利赔偿限额", "Limit per right"), "deductible": ("免赔额", "Deductible"),
    "premium": ("保费", "Premium"), "subsidy_class": ("补贴类别", "Subsidy class"), "from": ("保险起期", "From"),
    "to": ("保险止期", "To"), "retroactive": ("追溯期起点", "Retroactive date"),
    "consent": ("共有人书面同意", "Co-owners' consent"), "pledge": ("质押登记号", "Pledge"),
}


class PolicyForm(FormDialog):
    def __init__(self, workstation: Workstation, *, rights: str = "", parent: QWidget | None = None,
                 lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("新增保单"))
        self.setObjectName("PolicyForm")
        self.workstation = workstation
        L = lambda key, required=False: form_label(pick(LABELS[key], lang), required, lang)  # noqa: E731
        self.product = QComboBox()
        for product in Product:
            self.product.addItem(pick(PRODUCT_LABELS[product], lang), product.value)
        self.add_field("product", L("product", True), self.product)
        self.insurer = PartyField(workstation, lang, placeholder=self.tr("保险公司名称或统一社会信用代码"))
        self.add_field("insurer", L("insurer", True), self.insurer)
        self.insured = PartyField(workstation, lang, placeholder=self.tr("专利权人名称或统一社会信用代码"))
        self.add_field("insured", L("insured", True), self.insured)
        self.rights = FieldEdit(rights, placeholder=self.tr("专利号，多个用逗号分隔"))
        self.add_field("rights", L("rights", True), self.rights)
        self.limit = MoneyEdit()
        self.add_field("limit", L("limit", True), self.limit)
        self.limit_per_right = MoneyEdit()
        self.add_field("limit_per_right", L("limit_per_right"), self.limit_per_right)
        self.deductible = MoneyEdit()
        self.add_field("deductible", L("deductible"), self.deductible)
        self.premium = MoneyEdit()
        self.add_field("premium", L("premium", True), self.premium)
        self.subsidy_class = QComboBox()
        self.subsidy_class.addItem(self.tr("不申请补贴"), "")
        for cls in SubsidyClass:
            self.subsidy_class.addItem(pick(SUBSIDY_CLASS_LABELS[cls], lang), cls.value)
        self.add_field("subsidy_class", L("subsidy_class"), self.subsidy_class,
                       hint=self.tr("补贴按企业当年的投保次数与类别计算，并受年度上限限制"))
        today = workstation.clock.today()
        self.start = DateEdit()
        self.start.setDate(today)
        self.add_field("from", L("from", True), self.start)
        self.end = DateEdit()
        self.end.setDate(today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29)
                         else today.replace(year=today.year + 1, day=28))
        self.add_field("to", L("to", True), self.end)
        self.retroactive = DateEdit()
        self.add_field("retroactive", L("retroactive"), self.retroactive)
        self.consent = QCheckBox(self.tr("已取得其他共有人的书面同意"))
        self.add_field("consent", L("consent"), self.consent)
        self.pledge = FieldEdit(placeholder=self.tr("为质押融资投保时填写"))
        self.add_field("pledge", L("pledge"), self.pledge)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "product": self.product.currentData(), "insurer": self.insurer.value(), "insured": self.insured.value(),
            "rights": self.rights.text(), "limit": self.limit.raw_text(), "premium": self.premium.raw_text(),
            "limit_per_right": self.limit_per_right.raw_text(), "deductible": self.deductible.raw_text(),
            "subsidy_class": self.subsidy_class.currentData(), "from": self.start.iso_text(),
            "to": self.end.iso_text(), "retroactive": self.retroactive.iso_text(),
            "consent": self.consent.isChecked(), "pledge": self.pledge.text().strip(),
        }
        return {k: v for k, v in data.items() if v not in ("", None)}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return []  # the service checks it all (parties, rights, eligibility and subsidy need the register)

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.insurance.add(self.workstation.actor, data)
