"""The pledge application form (Ctrl+N on the pledges page).

Parties are picked by name or USCC as you type; the secured debt in yuan; the pledged rights by number
in any common form — each number is checked as it is typed (a red line says what is wrong, e.g.
"校验位应为 3"), shown normalised with its title, kind and status once found, and an unknown number offers
to add the right to the register on the spot. The document checklist adapts to the case
(:func:`ipdesk.domain.pledges.application.required_documents`), the clause checklist marks the mandatory contents
and the 流质 clause.

Validation is the service's own (``PledgeService.parse``): Save lists every remaining problem and
nothing is written until all are fixed; *预审* examines the application without storing it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.pledges.application import (
    DEBT_TYPE_LABELS,
    DebtType,
    PledgeApplication,
    family,
    mandatory_clauses,
    required_documents,
)
from ipdesk.domain.shared.problems import DomainError, Problem
from ipdesk.gui.common.drafts import Draft, DraftKeeper, DraftStore
from ipdesk.gui.common.keyboard import key_shortcut
from ipdesk.gui.common.lookup import LatestRead
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import ErrorField
from ipdesk.gui.common.widgets.form_dialog import FormDialog
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.ops import report_failure
from ipdesk.gui.pledges.application_drafts import KIND, draft_title, restore
from ipdesk.gui.pledges.checklists import ClausesChecklist, DocumentsChecklist, ScopeChecks
from ipdesk.gui.pledges.pickers import PartyField, PartyListEdit
from ipdesk.gui.pledges.rights_editor import RightsEditor

#: the problem fields of ``parse_application`` / ``validate_application`` → this form's fields
FIELD_MAP = {
    "application_date": "application_date",
    "pledgors": "pledgors", "pledgor_ids": "pledgors",
    "pledgee": "pledgee", "pledgee_id": "pledgee",
    "debtor": "debtor", "debtor_id": "debtor",
    "agent": "agent", "agent_id": "agent",
    "debt.type": "debt_type",
    "debt.amount": "amount", "secured_amount": "amount", "currency": "amount",
    "debt.performance_deadline": "deadline", "performance_deadline": "deadline",
    "debt.guarantee_scope": "scope", "guarantee_scope": "scope",
    "pledge_term_end": "term_end",
    "rights": "rights", "right_numbers": "rights",
    "documents": "documents",
    "clauses": "clauses",
}


def form_field(problem_field: str) -> str:
    base = problem_field.split("[", 1)[0]
    return FIELD_MAP.get(base, FIELD_MAP.get(problem_field, problem_field))


# ---- the form ----------------------------------------------------------------------------------------


class PledgeApplicationForm(FormDialog):
    """A new pledge application; Save files it (已受理) through ``PledgeService.file``.

    Attributes:
        fields: application_date, pledgors, pledgee, debtor, agent, debt_type, amount, deadline, scope,
            term_end, rights, documents, clauses (problems of the service map onto these names).
    """

    def __init__(self, workstation: Workstation, *, parent: QWidget | None = None, lang: str | None = None,
                 received: date | None = None, draft: Draft | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("新建质押登记申请"))
        self.setObjectName("PledgeApplicationForm")
        self.workstation = workstation
        self.lang = lang
        self.received = received or workstation.clock.today()
        self._field_labels: dict[str, str] = {}
        # checking the application reads the register (parties, rights): in the reader pool, remembering
        # the answer for the values it was given, and the answer shown while the next one is read
        self._checking = LatestRead(self)
        self._checked: tuple[str, list[Problem]] | None = None
        self._asking: tuple[str, list[Any]] | None = None  # the values being checked and who waits
        self._previous: list[Problem] = []
        self.resize(1180, 820)

        columns = QWidget()
        grid = QHBoxLayout(columns)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        grid.addLayout(left, 5)
        grid.addLayout(right, 6)

        # parties
        parties = self._group(left, self.tr("当事人"))
        self.application_date = DateEdit()
        self.application_date.setDate(self.received)
        self._add(parties, "application_date", self.tr("申请日 *"), self.application_date)
        self.pledgors = PartyListEdit(workstation, lang)
        self._add(parties, "pledgors", self.tr("出质人 *"), self.pledgors)
        self.pledgee = PartyField(workstation, lang, placeholder=self.tr("银行等质权人：输入名称或信用代码"))
        self._add(parties, "pledgee", self.tr("质权人 *"), self.pledgee)
        self.debtor = PartyField(workstation, lang, placeholder=self.tr("与出质人相同则留空"))
        self._add(parties, "debtor", self.tr("债务人"), self.debtor)
        self.agent = PartyField(workstation, lang, placeholder=self.tr("没有代理人则留空"))
        self._add(parties, "agent", self.tr("代理人"), self.agent)
        self.foreign_id = QCheckBox(self.tr("一方使用外文身份证明"))
        self._add(parties, "foreign_language_id", "", self.foreign_id)

        # debt
        debt = self._group(left, self.tr("被担保债权"))
        self.debt_type = QComboBox()
        for t in DebtType:
            self.debt_type.addItem(pick(DEBT_TYPE_LABELS[t], lang), t.value)
        self._add(debt, "debt_type", self.tr("债权种类 *"), self.debt_type)
        self.amount = MoneyEdit()
        self._add(debt, "amount", self.tr("担保债权数额（元）*"), self.amount)
        self.deadline = DateEdit()
        self._add(debt, "deadline", self.tr("债务履行期限 *"), self.deadline)
        self.scope = ScopeChecks(lang)
        self._add(debt, "scope", self.tr("担保范围 *"), self.scope)
        self.term_end = DateEdit()
        self._add(debt, "term_end", self.tr("质押期限届满日"), self.term_end)
        self.valuation = QCheckBox(self.tr("申报了质押物评估价值"))
        self._add(debt, "valuation_declared", "", self.valuation)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(54)
        self._add(debt, "notes", self.tr("备注"), self.notes)
        left.addStretch(1)

        # rights, documents, clauses
        rights = self._group(right, self.tr("出质权利（专利、商标、著作权可以混合）"))
        self.rights = RightsEditor(workstation, lang)
        self._add(rights, "rights", "", self.rights)
        self.licensed_before = QCheckBox(self.tr("著作权出质前已许可他人使用"))
        self._add(rights, "licensed_before", "", self.licensed_before)
        docs = self._group(right, self.tr("已收材料（按本案情况列出）"))
        self.documents = DocumentsChecklist(lang)
        self._add(docs, "documents", "", self.documents)
        clauses = self._group(right, self.tr("质押合同包含的条款"))
        self.clauses = ClausesChecklist(lang)
        self._add(clauses, "clauses", "", self.clauses)
        right.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(columns)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        for i in reversed(range(outer.count())):  # the base form's stretch: the scroll area takes the room
            if outer.itemAt(i).spacerItem() is not None:
                outer.takeAt(i)
        outer.insertWidget(outer.indexOf(self.banner), scroll, 1)  # the problems list below it, never above

        # keyboard: another right, and every document and clause this case needs ticked at once
        key_shortcut(self, "Ctrl+Shift+N", self.rights.add_and_focus)
        key_shortcut(self, "Ctrl+Shift+A", self.tick_required)

        self.preview_button = QPushButton(icon("search"), self.tr("预审…"))
        self.preview_button.setToolTip(self.tr("按当前填写的内容审查一遍（不保存），查看是否可以登记"))
        self.preview_button.clicked.connect(self.preview)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setText(self.tr("受理并保存"))

        for signal in (self.rights.rights_changed, self.pledgors.changed, self.agent.changed,
                       self.valuation.toggled, self.foreign_id.toggled, self.licensed_before.toggled):
            signal.connect(lambda *_a: self.update_checklists())
        self.update_checklists()
        self.mark_clean()
        # what is typed is kept as a draft (every few seconds and on leaving a field) until filed or discarded
        self.drafts = DraftKeeper(self, DraftStore.of(workstation), KIND, self.values, self._draft_title,
                                  draft.id if draft is not None else None)
        if draft is not None:
            restore(self, draft.values)

    # ---- building ----------------------------------------------------------------------------------

    def edited(self, name: str) -> None:
        super().edited(name)
        keeper = getattr(self, "drafts", None)  # None while the form is being built
        if keeper is not None:
            keeper.touched()

    def _draft_title(self) -> str:
        names = [p.name for p in self.pledgors.parties()] or [self.pledgors.field.line_edit.text().strip()]
        return draft_title(self.values(), [n for n in names if n], self.lang)

    def _saved(self, result: Any) -> None:
        self.drafts.discard()  # filed: the register has it now
        super()._saved(result)

    def reject(self) -> None:
        super().reject()
        if not self.isVisible():  # closed on purpose (its changes discarded when there were any)
            self.drafts.discard()

    def _group(self, column: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        column.addWidget(box)
        return form

    def _add(self, form: QFormLayout, name: str, label: str, editor: QWidget) -> ErrorField:
        field = ErrorField(editor)
        self.fields[name] = field
        self._field_labels[name] = label.rstrip(" *")
        if label:
            form.addRow(label, field)
        else:
            form.addRow(field)
        self.connect_changes(name, editor)
        return field

    def _label_of(self, problem: Problem) -> str:
        text = self._field_labels.get(problem.field, "")
        if not text:
            return ""
        return f"{text}：" if self.lang == "zh" else f"{text}: "

    def tick_required(self) -> None:
        """Ctrl+Shift+A: the documents this case needs and the mandatory clauses, all received."""
        self.update_checklists()
        self.documents.tick_required()
        self.clauses.tick_mandatory()

    # ---- the case adapts the checklists ------------------------------------------------------------

    def draft_application(self) -> PledgeApplication:
        """A provisional application with what the checklists depend on (parties, flags, rights)."""
        rights = self.rights.rights()
        return PledgeApplication(
            application_date=self.received,
            pledgor_ids=tuple(self.pledgors.party_ids()),
            pledgee_id=self.pledgee.party_id() or 0,
            debt_type=DebtType.LOAN,
            secured_amount=Decimal(1),
            performance_deadline=self.received,
            right_numbers=tuple(r.number for r in rights),
            agent_id=self.agent.party_id() if self.agent.value() else None,
            valuation_declared=self.valuation.isChecked(),
            foreign_language_id=self.foreign_id.isChecked(),
            licensed_before=self.licensed_before.isChecked(),
        )

    def update_checklists(self) -> None:
        rights = self.rights.rights()
        app = self.draft_application()
        self.documents.update_required(required_documents(app, rights))
        self.clauses.update_mandatory(mandatory_clauses(rights))
        self.clauses.update_families({family(r.kind) for r in rights})
        has_copyright = any(r.kind.is_copyright for r in rights)
        self.fields["licensed_before"].setVisible(has_copyright or self.licensed_before.isChecked())

    # ---- FormDialog ----------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "application_date": self.application_date.iso_text(),
            "pledgors": self.pledgors.values(),
            "pledgee": self.pledgee.value() or None,
            "debtor": self.debtor.value() or None,
            "agent": self.agent.value() or None,
            "debt": {
                "type": self.debt_type.currentData(),
                "amount": self.amount.raw_text(),
                "performance_deadline": self.deadline.iso_text(),
                "guarantee_scope": self.scope.values(),
            },
            "pledge_term_end": self.term_end.iso_text() or None,
            "rights": self.rights.numbers(),
            "documents": self.documents.documents(),
            "clauses": self.clauses.clauses(),
            "valuation_declared": self.valuation.isChecked(),
            "foreign_language_id": self.foreign_id.isChecked(),
            "licensed_before": self.licensed_before.isChecked(),
            "notes": self.notes.toPlainText().strip(),
        }

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        """The register's answer for ``data`` if it came; else it is asked (the form validates again when it
        answers) and the previous answer stands meanwhile."""
        key = _key(data)
        if self._checked is not None and self._checked[0] == key:
            self._previous = self._checked[1]
            return self._previous
        self._check(data, self.validate_now)
        return self._previous

    @property
    def checking(self) -> bool:
        return self._checking.busy

    def _is_checked(self) -> bool:
        return self._checked is not None and self._checked[0] == _key(self.values())

    def _check(self, data: dict[str, Any], then: Any) -> None:
        pledges, received, key = self.workstation.pledges, self.received, _key(data)
        if self._checking.busy and self._asking is not None and self._asking[0] == key:
            # the same values are being checked already: wait for that answer too (a second read would
            # cancel the first and, with it, what Save asked to do once it came)
            self._asking[1].append(then)
            return
        waiting = [then]
        self._asking = (key, waiting)

        def read() -> list[Problem]:
            try:
                pledges.parse(data, received)
            except DomainError as exc:
                return list(exc.problems)
            return []

        def answered(problems: list[Problem]) -> None:
            self._checked = (key, self.localise(problems))
            self._asking = None
            for callback in waiting:
                callback()

        self._checking.run(read, answered, name="check application")

    def submit(self) -> None:
        """Save pressed: the values are checked against the register first (in the reader pool), then saved
        if nothing is wrong; the dialog stays responsive meanwhile."""
        if self._is_checked():
            super().submit()
        else:
            self._check(self.values(), self.submit)  # again once answered (unless the user typed on)

    def localise(self, problems: list[Problem]) -> list[Problem]:
        """Problems on this form's fields, named with this form's labels (the service names fields in
        Chinese) and with each bad number's reason as its entry states it in the UI language."""
        entries = [e for e in self.rights.entries if e.text()]
        out = []
        for p in problems:
            field = form_field(p.field)
            params = dict(p.params)
            if "label" in params and self._field_labels.get(field):
                params["label"] = self._field_labels[field]
            if p.code == "pledge.bad_right_number":
                i = int(params.get("index", 0)) - 1
                if 0 <= i < len(entries) and entries[i].error:
                    sep = ("（", "）") if self.lang == "zh" else (" (", ")")
                    params["value"] = f"{entries[i].text()}{sep[0]}{entries[i].error}{sep[1]}"
            out.append(replace(p, field=field, params=params))
        return out

    def show_problems(self, problems: Any) -> None:
        problems = self.localise(list(problems))
        super().show_problems(problems)
        rights = self.fields["rights"]
        if rights.has_error:  # each entry already says what is wrong with its number, right under it
            rest = [p for p in problems if p.field == "rights" and p.code != "pledge.bad_right_number"]
            rights.set_problems(rest, self.lang)

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.pledges.file(self.workstation.actor, data, received=self.received)

    # ---- preview -------------------------------------------------------------------------------------

    def preview(self) -> Any:
        """Examine what is on the form without storing it (off the GUI thread); malformed input lists
        its problems instead. Returns the task, or None when the form still has problems."""
        if not self._is_checked():
            self._check(self.values(), self.preview)  # the register's answer first, in the reader pool
            return None
        problems = self.validate_now(show_all=True)
        if problems:
            self._focus_first(problems)
            return None
        self.rights.lookup_all()  # in the reader pool too: their answers are in by the time the findings are
        data = self.values()
        self.preview_button.setEnabled(False)

        def done(exam: Any) -> None:
            from ipdesk.gui.pledges.findings_view import FindingsDialog

            if not shiboken6.isValid(self.preview_button):
                return
            self.preview_button.setEnabled(True)
            display = {r.number: r.display_number for r in self.rights.rights()}
            dialog = FindingsDialog(self.workstation, exam, lang=self.lang, parent=self, display=display,
                                    title=self.tr("预审结果（未保存）"))
            dialog.open()
            self.preview_dialog = dialog

        def failed(exc: BaseException, _tb: str) -> None:
            if not shiboken6.isValid(self.preview_button):
                return
            self.preview_button.setEnabled(True)
            report_failure(self, exc, on_refused=lambda refusal: self.show_problems(refusal.problems))

        return self._runner.run(lambda: self.workstation.pledges.examine_data(data, self.received),
                                on_result=done, on_error=failed, name=self.tr("预审"))


def _key(data: dict[str, Any]) -> str:
    """The form's values as one comparable string (they are plain JSON: texts, lists, flags)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
