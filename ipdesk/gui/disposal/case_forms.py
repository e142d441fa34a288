"""The forms of a disposal case: open one on a defaulted pledge, complete its current stage (the stage's
documents ticked with their reference, its facts typed), undo the last step with a reason, settle it, record
a later recovery. Keyboard-first like every form; the service checks everything again and a refusal comes
back on the fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QWidget

from ipdesk.domain.disposal.stages import FACT_LABELS, ROUTES, STAGES, Route, Stage
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang

#: The fields each stage asks for, in the order shown (facts of ``ipdesk.domain.disposal.stages``).
STAGE_FIELDS: dict[Stage, tuple[str, ...]] = {
    Stage.VALUATION: ("market_value", "forced_value"),
    Stage.ROUTE: ("route",),
    Stage.LISTING: ("listing", "lot"),
    Stage.DEAL: ("buyer", "price"),
}
_MONEY = {"market_value", "forced_value", "price"}


class OpenCaseForm(FormDialog):
    """启动处置: a case on the pledge numbered ``registration_no``, its loss shared by a fund or a scheme."""

    def __init__(self, workstation: Workstation, registration_no: str, *, parent: QWidget | None = None,
                 lang: str | None = None, funds: list[Any] | None = None):
        self.lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("启动处置：{pledge}").format(pledge=registration_no))
        self.setObjectName("OpenCaseForm")
        self.workstation = workstation
        self.registration_no = registration_no
        self.fund = QComboBox()
        self.fund.setObjectName("caseFund")
        self.fund.addItem(self.tr("不使用资金池"), "")
        for fund in funds or []:
            self.fund.addItem(f"{fund.name}（{fund.scheme}）", fund.name)
        self.add_field("fund", form_label(self.tr("补偿资金池"), False, self.lang), self.fund)
        self.scheme = FieldEdit(placeholder=self.tr("不用资金池时的分担方案，如 germany、pudong:97（可空）"))
        self.scheme.setObjectName("caseScheme")
        self.add_field("scheme", form_label(self.tr("损失分担方案"), False, self.lang), self.scheme)
        self.responsible = FieldEdit(placeholder=workstation.actor.username)
        self.add_field("responsible", form_label(self.tr("经办人"), False, self.lang), self.responsible)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"fund": self.fund.currentData() or "", "scheme": self.scheme.text().strip(),
                "responsible": self.responsible.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return []

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.disposal.open(self.workstation.actor, self.registration_no, **data)


class AdvanceForm(FormDialog):
    """完成本阶段: the current stage's documents (each ticked, with its reference) and facts."""

    def __init__(self, workstation: Workstation, case: Any, *, parent: QWidget | None = None,
                 lang: str | None = None):
        self.lang = ui_lang(lang)
        spec = STAGES[case.stage]
        super().__init__(parent, title=self.tr("完成阶段：{stage}").format(stage=pick(spec.label, self.lang)))
        self.setObjectName("AdvanceForm")
        self.save_button.setText(self.tr("完成并进入下一阶段"))
        self.workstation = workstation
        self.case = case
        on_file = case.documents_for(case.stage)
        self.documents: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        if spec.documents:
            grid_host = QWidget()
            grid = QGridLayout(grid_host)
            grid.setContentsMargins(0, 0, 0, 0)
            for row, doc in enumerate(spec.documents):
                box = QCheckBox(pick(doc.label, self.lang))
                box.setObjectName(f"doc_{doc.code}")
                ref = QLineEdit()
                ref.setObjectName(f"ref_{doc.code}")
                ref.setPlaceholderText(self.tr("文号或存档编号"))
                if doc.code in on_file:
                    box.setChecked(True)
                    box.setEnabled(False)
                    ref.setPlaceholderText(self.tr("已存档"))
                    ref.setEnabled(False)
                grid.addWidget(box, row, 0)
                grid.addWidget(ref, row, 1)
                self.documents[doc.code] = (box, ref)
            self.add_field("documents", form_label(self.tr("本阶段材料"), True, self.lang), grid_host)
        self.facts: dict[str, Any] = {}
        # On the marketplace the listing lists the lot itself and the deal comes from it: nothing to type.
        market = getattr(workstation, "market", None) is not None and case.route is not None and \
            ROUTES[case.route].on_marketplace
        for key in STAGE_FIELDS.get(case.stage, ()):
            optional = key == "lot" or market or (key == "buyer" and case.route is Route.SET_OFF)
            label = form_label(pick(FACT_LABELS[key], self.lang), not optional, self.lang)
            editor: Any
            if key == "route":
                editor = QComboBox()
                for route, route_spec in ROUTES.items():
                    editor.addItem(pick(route_spec.label, self.lang), route.value)
            elif key in _MONEY:
                editor = MoneyEdit()
            else:
                editor = FieldEdit()
            editor.setObjectName(f"fact_{key}")
            self.facts[key] = editor
            self.add_field(key, label, editor)
        self.responsible = FieldEdit(placeholder=case.responsible)
        self.add_field("responsible", form_label(self.tr("下一阶段经办人"), False, self.lang), self.responsible)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        docs = {code: ref.text().strip() for code, (box, ref) in self.documents.items()
                if box.isChecked() and box.isEnabled()}
        facts: dict[str, Any] = {}
        for key, editor in self.facts.items():
            value = editor.currentData() if isinstance(editor, QComboBox) else editor.text().strip()
            if value:
                facts[key] = value
        return {"documents": docs, "facts": facts, "responsible": self.responsible.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return []  # the stage's rules are the service's (documents on file count too)

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.disposal.advance(self.workstation.actor, self.case.id, documents=data["documents"],
                                                 facts=data["facts"], responsible=data["responsible"],
                                                 expected_version=self.case.version)


class ReasonForm(FormDialog):
    """撤回上一步: the reversing act needs its reason."""

    def __init__(self, workstation: Workstation, case: Any, *, parent: QWidget | None = None,
                 lang: str | None = None):
        self.lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("撤回上一步：{case}").format(case=case.case_no))
        self.setObjectName("ReverseForm")
        self.workstation = workstation
        self.case = case
        self.reason = FieldEdit(placeholder=self.tr("例如：买受人未付款"))
        self.reason.setObjectName("reverseReason")
        self.add_field("reason", form_label(self.tr("撤回理由"), True, self.lang), self.reason)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return [] if data["reason"] else [Problem("disposal.reason_required", "reason")]

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.disposal.reverse(self.workstation.actor, self.case.id, data["reason"])


class AmountForm(FormDialog):
    """One amount: the costs of a settlement (清偿分配) or a later recovery (事后收回)."""

    def __init__(self, workstation: Workstation, case: Any, kind: str, *, parent: QWidget | None = None,
                 lang: str | None = None):
        self.lang = ui_lang(lang)
        settle = kind == "settle"
        super().__init__(parent, title=(self.tr("清偿分配：{case}") if settle else self.tr("事后收回：{case}"))
                         .format(case=case.case_no))
        self.setObjectName("SettleForm" if settle else "RecoverForm")
        self.workstation = workstation
        self.case = case
        self.kind = kind
        self.amount = MoneyEdit()
        self.amount.setObjectName("amount")
        label = self.tr("处置及实现债权费用") if settle else self.tr("收回金额")
        self.add_field("costs" if settle else "amount", form_label(label, not settle, self.lang), self.amount,
                       hint=self.tr("先于罚息、利息、本金受偿（民法典第561条）") if settle else "")
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"amount": self.amount.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        from ipdesk.domain.shared.fields import parse_money

        field, label = ("costs", "处置费用") if self.kind == "settle" else ("amount", "金额")
        return parse_money(data["amount"], field, label)[1]

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        from decimal import Decimal

        from ipdesk.domain.shared.fields import parse_money

        amount = parse_money(data["amount"], "amount", "金额")[0] or Decimal("0.00")
        if self.kind == "settle":
            return self.workstation.disposal.settle(self.workstation.actor, self.case.id, costs=amount)
        return self.workstation.disposal.recover(self.workstation.actor, self.case.id, amount)
