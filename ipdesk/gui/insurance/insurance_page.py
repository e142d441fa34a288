"""The 保险 area: the policies the user may see (an insurer officer: its own insurer's), the claims of the
policy selected with their steps (报案 → 审核 → 核定 / 拒赔 → 赔付), and the year's subsidy summary per firm.

Reads run off the GUI thread; every command runs as an operation (``run_op``) through the services.
"""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.insurance.products import CLAIM_STEPS, ClaimStatus
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.formatting import format_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.insurance.models import ClaimsModel, PoliciesModel, SubsidyModel
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


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; padding-top: 8px;")
    return label


class InsurancePage(Page):
    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_insurance")
        self.workstation = workstation
        self.lang = lang
        self._runner = task_runner or runner()
        self._generation = 0
        self._started = 0.0
        allowed = may(workstation.actor, Action.MANAGE_INSURANCE)

        title = QLabel(self.tr("保险：保单与理赔"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        self.add_button = QPushButton(self.tr("新增保单…"))
        self.add_button.setObjectName("insuranceAdd")
        self.add_button.clicked.connect(self.open_form)
        self.claim_button = QPushButton(self.tr("报案…"))
        self.claim_button.setObjectName("insuranceClaim")
        self.claim_button.clicked.connect(self.ask_claim)
        self.steps: dict[ClaimStatus, QPushButton] = {}
        for status, text in ((ClaimStatus.CHECKED, self.tr("审核")), (ClaimStatus.APPROVED, self.tr("核定…")),
                             (ClaimStatus.REJECTED, self.tr("拒赔…")), (ClaimStatus.PAID, self.tr("赔付"))):
            button = QPushButton(text)
            button.setObjectName(f"claim_{status.value}")
            button.clicked.connect(lambda _c=False, s=status: self.ask_step(s))
            self.steps[status] = button
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        for button in (self.add_button, self.claim_button, *self.steps.values()):
            button.setVisible(allowed)
            head.addWidget(button)
        head.addWidget(refresh)

        self.summary = QLabel()
        self.summary.setObjectName("insuranceSummary")
        self.policies = PoliciesModel(lang, self)
        self.policy_table = _table("insurancePolicies", self.policies, self)
        self.policy_table.selectionModel().selectionChanged.connect(lambda *_: self._policy_selected())
        self.claims = ClaimsModel(lang, self)
        self.claim_table = _table("insuranceClaims", self.claims, self)
        self.claim_table.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        self.subsidies = SubsidyModel(lang, self)
        self.subsidy_table = _table("insuranceSubsidies", self.subsidies, self)
        self.subsidy_title = _heading("")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.policy_table, 3)
        layout.addWidget(_heading(self.tr("所选保单的理赔")))
        layout.addWidget(self.claim_table, 2)
        layout.addWidget(self.subsidy_title)
        layout.addWidget(self.subsidy_table, 1)
        self.refresh()

    # ---- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1
        self._started = time.monotonic()
        generation = self._generation
        ws = self.workstation
        year = ws.clock.today().year
        self.summary.setText(self.tr("正在读取…"))

        def done(data: tuple[list[Any], list[dict[str, Any]]]) -> None:
            if generation == self._generation and shiboken6.isValid(self.policy_table):
                self.present(*data, year=year)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.summary):
                self.summary.setText(self.tr("无法读取保单：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(lambda: (ws.insurance.list(ws.actor), ws.insurance.subsidy_summary(ws.actor, year)),
                         on_result=done, on_error=failed, name="insurance")

    def present(self, policies: list[Any], subsidies: list[dict[str, Any]], *, year: int) -> None:
        selected = self.selected_policy()
        self.policies.set_policies(policies)
        self.subsidies.set_rows(subsidies)
        for table in (self.policy_table, self.subsidy_table):
            table.resizeColumnsToContents()
        active = [p for p in policies if p.status == "active"]
        self.summary.setText(self.tr("保单 {n} 件，保障中 {active} 件，累计赔偿限额 {limit} 元").format(
            n=len(policies), active=len(active), limit=format_money(sum((p.limit_total for p in active), Decimal(0)))))
        total = sum((Decimal(s["subsidy"]) for s in subsidies), Decimal(0))
        self.subsidy_title.setText(self.tr("{year} 年保费补贴：{n} 家企业，补贴合计 {total} 元").format(
            year=year, n=len(subsidies), total=format_money(total)))
        row = next((i for i, p in enumerate(policies) if selected is not None and p.id == selected.id), None)
        if row is not None:
            self.policy_table.selectRow(row)
        else:
            self._policy_selected()

    def selected_policy(self) -> Any:
        rows = self.policy_table.selectionModel().selectedRows()
        return self.policies.policy(rows[0].row()) if rows else None

    def selected_claim(self) -> Any:
        rows = self.claim_table.selectionModel().selectedRows()
        return self.claims.claim(rows[0].row()) if rows else None

    def _policy_selected(self) -> None:
        policy = self.selected_policy()
        self.claims.set_claims(policy.claims if policy is not None else [])
        self.claim_table.resizeColumnsToContents()
        self._buttons()

    def _buttons(self) -> None:
        self.claim_button.setEnabled(self.selected_policy() is not None)
        claim = self.selected_claim()
        for status, button in self.steps.items():
            button.setEnabled(claim is not None and status in CLAIM_STEPS[claim.status])

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:
            self.refresh()

    # ---- commands --------------------------------------------------------------------------------

    def open_form(self) -> Any:
        from ipdesk.gui.insurance.policy_form import PolicyForm

        form = PolicyForm(self.workstation, parent=self, lang=self.lang)
        form.saved.connect(lambda _r: self.refresh())
        form.open()
        return form

    def ask_claim(self) -> None:
        policy = self.selected_policy()
        if policy is None:
            return
        amount, ok = QInputDialog.getText(self, self.tr("报案"), self.tr("索赔金额（元）"))
        if not ok:
            return
        case, ok = QInputDialog.getMultiLineText(self, self.tr("报案"), self.tr("案情（法院、案号、经过）"))
        if ok:
            self.file_claim({"amount": amount, "case": case})

    def file_claim(self, data: dict[str, Any]) -> None:
        from ipdesk.gui.ops import run_op

        policy = self.selected_policy()
        if policy is None:
            return
        ws = self.workstation
        run_op(self, lambda: ws.claims.file(ws.actor, policy.id, data), on_done=lambda _r: self.refresh(),
               title=self.tr("报案"), task_runner=self._runner)

    def ask_step(self, status: ClaimStatus) -> None:
        value: Any = None
        if status is ClaimStatus.APPROVED:
            text, ok = QInputDialog.getText(self, self.tr("核定"), self.tr("核定损失（元，扣除免赔额后赔付）"))
            if not ok:
                return
            value = text
        elif status is ClaimStatus.REJECTED:
            value, ok = QInputDialog.getMultiLineText(self, self.tr("拒赔"), self.tr("拒赔理由"))
            if not ok:
                return
        self.step(status, value)

    def step(self, status: ClaimStatus, value: Any = None) -> None:
        from ipdesk.domain.shared.fields import parse_money
        from ipdesk.gui.ops import run_op

        claim = self.selected_claim()
        if claim is None:
            return
        ws, claims = self.workstation, self.workstation.claims
        if status is ClaimStatus.CHECKED:
            work: Any = lambda: claims.check(ws.actor, claim.id)  # noqa: E731
        elif status is ClaimStatus.APPROVED:
            amount = parse_money(value, "assessed", "核定损失")[0]
            work = lambda: claims.approve(ws.actor, claim.id, amount)  # noqa: E731
        elif status is ClaimStatus.REJECTED:
            work = lambda: claims.reject(ws.actor, claim.id, str(value or ""))  # noqa: E731
        else:
            work = lambda: claims.pay(ws.actor, claim.id)  # noqa: E731
        run_op(self, work, on_done=lambda _r: self.refresh(), title=self.steps[status].text().rstrip("…"),
               task_runner=self._runner)
