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

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.registry.identifiers import RightNumber, parse_right_number
from ipdesk.domain.pledges.application import (
    CLAUSE_LABELS,
    DEBT_TYPE_LABELS,
    DEFAULT_SCOPE,
    DOCUMENT_LABELS,
    GUARANTEE_SCOPE_LABELS,
    Clause,
    DebtType,
    Document,
    GuaranteeScope,
    PledgeApplication,
    mandatory_clauses,
    required_documents,
)
from ipdesk.domain.shared.problems import DomainError, NotFound, Problem
from ipdesk.domain.registry.rights import KIND_LABELS, STATUS_LABELS, Right
from ipdesk.gui.pledges.labels import badge_html, esc, pick
from ipdesk.gui.pledges.pickers import PartyField, PartyListEdit
from ipdesk.gui.errors import show_error
from ipdesk.gui.icons import icon
from ipdesk.gui.common.models.badges import RIGHT_STATUS_TONES
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import ERROR_COLOR, ErrorField
from ipdesk.gui.common.widgets.form_dialog import FormDialog
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.services.office.service import today

LOOKUP_DELAY_MS = 250

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

#: why a document is on this case's checklist (shown next to it; the rule is ``required_documents``)
DOCUMENT_REASONS: dict[Document, tuple[str, str]] = {
    Document.POWER_OF_ATTORNEY: ("委托了代理人", "an agent acts"),
    Document.CO_OWNERS_CONSENT: ("共有权利，有共有人不是出质人", "a co-owner is not a pledgor"),
    Document.VALUATION_REPORT: ("申报了评估价值", "a valuation is declared"),
    Document.ID_TRANSLATION: ("有外文身份证明", "a foreign-language ID"),
    Document.MAIN_CONTRACT: ("含商标或著作权", "a trademark or copyright is pledged"),
    Document.LICENCE_CONTRACTS: ("著作权出质前已许可他人使用", "the copyright was licensed before"),
    Document.WAIVER_DECLARATION: ("记录了当事人声明", "a declaration is recorded"),
}


def form_field(problem_field: str) -> str:
    base = problem_field.split("[", 1)[0]
    return FIELD_MAP.get(base, FIELD_MAP.get(problem_field, problem_field))


# ---- the pledged rights ------------------------------------------------------------------------------


class RightEntry(QWidget):
    """One pledged right: its number (checked as typed), what the register says about it, add / remove.

    Signals:
        changed(): the number text changed.
        resolved(): the register lookup finished (found or not).
        remove_requested(): the × button.
        add_requested(str): "add this right to the register" with the normalised number.
    """

    changed = Signal()
    resolved = Signal()
    remove_requested = Signal()
    add_requested = Signal(str)

    def __init__(self, workstation: Any, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        self.parsed: RightNumber | None = None
        self.right: Right | None = None
        self.error = ""
        self.not_found = False
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText(self.tr("如 ZL 201710601862.3、12345678、2023SR0123456"))
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("clear"))
        self.remove_button.setToolTip(self.tr("从申请中移除这项权利"))
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove_button.clicked.connect(self.remove_requested)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setWordWrap(True)
        self.info.setObjectName("rightInfo")
        self.add_button = QPushButton(icon("add"), self.tr("登记该权利…"))
        self.add_button.setToolTip(self.tr("登记簿中还没有这项权利：现在录入它，然后继续填写申请"))
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self.number_text()))
        self.add_button.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(2)
        top.addWidget(self.line_edit, 1)
        top.addWidget(self.remove_button)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.info, 1)
        below.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addLayout(below)
        self.setFocusProxy(self.line_edit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LOOKUP_DELAY_MS)
        self._timer.timeout.connect(self.lookup)
        self.line_edit.textChanged.connect(self._text_changed)
        self.line_edit.editingFinished.connect(self.normalise)
        self._show()

    def text(self) -> str:
        return self.line_edit.text().strip()

    def setText(self, text: str) -> None:
        self.line_edit.setText(text)

    def number_text(self) -> str:
        return self.parsed.display if self.parsed is not None else self.text()

    def _text_changed(self, _text: str) -> None:
        self.check()
        self.changed.emit()

    def check(self) -> None:
        """Parse the number as typed (pure, instant); a valid one is looked up shortly after."""
        self.right = None
        self.not_found = False
        self.parsed = None
        self.error = ""
        text = self.text()
        if text:
            try:
                self.parsed = parse_right_number(text)
            except DomainError as exc:
                self.error = "；".join(exc.messages(self.lang))
        self._show()
        if self.parsed is not None:
            self._timer.start()
        else:
            self._timer.stop()

    def normalise(self) -> None:
        """Leaving the field: show the number in its usual form and look it up now."""
        if self.parsed is not None and self.parsed.display != self.text():
            self.line_edit.setText(self.parsed.display)
        if self._timer.isActive():
            self.lookup()

    def lookup(self) -> None:
        """Ask the register for the right (one indexed read)."""
        self._timer.stop()
        if self.parsed is None:
            return
        try:
            self.right = self.workstation.rights.get_by_number(self.parsed.number)
            self.not_found = False
        except NotFound:
            self.right, self.not_found = None, True
        except DomainError as exc:
            self.right, self.error = None, "；".join(exc.messages(self.lang))
        self._show()
        self.resolved.emit()

    def _show(self) -> None:
        lang = self.lang
        self.add_button.setVisible(self.not_found)
        bad = bool(self.error)
        if bool(self.line_edit.property("error")) != bad:
            self.line_edit.setProperty("error", bad)
            self.line_edit.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_COLOR}; border-radius: 3px;"
                                         " padding: 2px 3px; }" if bad else "")
        if bad:
            self.info.setText(f"<span style='color:{ERROR_COLOR}'>{esc(self.error)}</span>")
        elif self.right is not None:
            r = self.right
            status = badge_html(pick(STATUS_LABELS[r.legal_status], lang), RIGHT_STATUS_TONES.get(r.legal_status, "muted"))
            owners = ("、" if lang == "zh" else "; ").join(o.name or f"#{o.party_id}" for o in r.owners)
            co = self.tr("（共有）") if len(r.owners) > 1 else ""
            owners_label = self.tr("权利人：")
            self.info.setText(f"<b>{esc(r.display_number)}</b>　{esc(pick(KIND_LABELS[r.kind], lang))}　"
                              f"{esc(r.title)}　{status}<br><span style='color:#607d8b'>"
                              f"{esc(owners_label)}{esc(owners)}{esc(co)}</span>")
        elif self.not_found and self.parsed is not None:
            self.info.setText("<span style='color:#7a4a00'>" + esc(
                self.tr("登记簿中没有 {number}（{kind}），可先登记该权利").format(
                    number=self.parsed.display, kind=pick(KIND_LABELS[self.parsed.kind], lang))) + "</span>")
        elif self.parsed is not None:
            self.info.setText("<span style='color:#607d8b'>" + esc(
                self.tr("{kind} {number}，正在查找…").format(
                    kind=pick(KIND_LABELS[self.parsed.kind], lang), number=self.parsed.display)) + "</span>")
        else:
            self.info.setText("")
        self.info.setVisible(bool(self.info.text()))


class RightsEditor(QWidget):
    """The pledged rights, one :class:`RightEntry` per number; patents, marks and copyrights may mix.

    Signals:
        changed(): a number was edited, added or removed.
        rights_changed(): the set of rights found in the register changed (the checklists adapt).
    """

    changed = Signal()
    rights_changed = Signal()

    def __init__(self, workstation: Any, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        self.entries: list[RightEntry] = []
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(4)
        self.add_button = QPushButton(icon("add"), self.tr("再添加一项权利"))
        self.add_button.clicked.connect(lambda: self.add_entry().line_edit.setFocus())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_entry()
        self.setFocusProxy(self.entries[0])

    def add_entry(self, text: str = "") -> RightEntry:
        entry = RightEntry(self.workstation, self.lang)
        entry.changed.connect(self.changed)
        entry.resolved.connect(self.rights_changed)
        entry.remove_requested.connect(lambda e=entry: self.remove_entry(e))
        entry.add_requested.connect(lambda number, e=entry: self.add_to_register(e, number))
        self.entries.append(entry)
        self._rows.addWidget(entry)
        if text:
            entry.setText(text)
            entry.normalise()
        self.changed.emit()
        return entry

    def remove_entry(self, entry: RightEntry) -> None:
        if len(self.entries) == 1:
            entry.setText("")
            return
        self.entries.remove(entry)
        if self.focusProxy() is entry:
            self.setFocusProxy(self.entries[0])
        entry.setParent(None)
        entry.deleteLater()
        self.changed.emit()
        self.rights_changed.emit()

    def set_numbers(self, numbers: list[str]) -> None:
        for e in list(self.entries):
            self.remove_entry(e)
        for i, n in enumerate(numbers):
            entry = self.entries[0] if i == 0 else self.add_entry()
            entry.setText(n)
            entry.normalise()

    def numbers(self) -> list[str]:
        """The numbers as the service takes them (normalised where they parse, else as typed)."""
        return [e.number_text() for e in self.entries if e.text()]

    def rights(self) -> list[Right]:
        return [e.right for e in self.entries if e.right is not None]

    def lookup_all(self) -> None:
        for e in self.entries:
            if e.parsed is not None and e.right is None:
                e.lookup()

    def add_to_register(self, entry: RightEntry, number: str) -> Any:
        """Open the rights form prefilled with the number; when saved, this entry finds the new right."""
        from ipdesk.gui.registry.right_form import RightForm

        form = RightForm(self.workstation, None, parent=self.window(), lang=self.lang, initial={"number": number})
        form.saved.connect(lambda _right: entry.lookup())
        form.open()
        self.right_form = form
        return form


# ---- checklists --------------------------------------------------------------------------------------


class DocumentsChecklist(QWidget):
    """The documents received; shows what this case needs (and why), hides what it does not."""

    changed = Signal()

    def __init__(self, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.boxes: dict[Document, QCheckBox] = {}
        self.required: set[Document] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for doc in Document:
            if doc is Document.WAIVER_DECLARATION:
                continue  # recorded with the declaration itself (findings view)
            box = QCheckBox(pick(DOCUMENT_LABELS[doc], lang))
            box.setObjectName(f"doc_{doc.value}")
            box.toggled.connect(lambda _on, d=doc: self._toggled(d))
            self.boxes[doc] = box
            layout.addWidget(box)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #607d8b;")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.update_required({Document.APPLICATION_FORM, Document.PLEDGE_CONTRACT, Document.ID_OR_COMMITMENT})

    def update_required(self, required: set[Document]) -> None:
        self.required = set(required)
        lang = self.lang
        for doc, box in self.boxes.items():
            needed = doc in required
            text = pick(DOCUMENT_LABELS[doc], lang)
            reason = DOCUMENT_REASONS.get(doc)
            if needed and reason:
                text += f"（{pick(reason, lang)}）" if lang == "zh" else f" ({pick(reason, lang)})"
            elif not needed:
                text += ("" if self.lang == "zh" else " ") + self.tr("（本案不需要）")
            box.setText(text)
            box.setVisible(needed or box.isChecked())
        missing = [d for d in required if d in self.boxes and not self.boxes[d].isChecked()]
        self.hint.setText(self.tr("还缺 {n} 份材料；缺少的材料在审查时会列入补正通知。").format(n=len(missing))
                          if missing else self.tr("本案需要的材料已全部收到。"))

    def _toggled(self, doc: Document) -> None:
        self.update_required(self.required)
        self.changed.emit()

    def documents(self) -> list[str]:
        return [d.value for d, box in self.boxes.items() if box.isChecked()]

    def set_documents(self, docs: list[str] | set[Document]) -> None:
        values = {str(d) for d in docs}
        for d, box in self.boxes.items():
            box.setChecked(d.value in values)


class ClausesChecklist(QWidget):
    """The contents of the pledge contract: mandatory ones marked, the 流质 clause flagged as a defect."""

    changed = Signal()

    def __init__(self, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.boxes: dict[Clause, QCheckBox] = {}
        self.mandatory: set[Clause] = set()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for i, clause in enumerate(Clause):
            box = QCheckBox(pick(CLAUSE_LABELS[clause], lang))
            box.setObjectName(f"clause_{clause.value}")
            box.toggled.connect(lambda _on: self.changed.emit())
            if clause is Clause.FORFEITURE:
                box.setStyleSheet(f"QCheckBox {{ color: {ERROR_COLOR}; }}")
                box.setToolTip(self.tr("合同约定债务人到期不履行时质押财产归质权人所有：民法典第四百二十八条，不予登记"))
            self.boxes[clause] = box
            grid.addWidget(box, i, 0)
        self.update_mandatory(set())

    def update_mandatory(self, mandatory: set[Clause]) -> None:
        self.mandatory = set(mandatory)
        for clause, box in self.boxes.items():
            text = pick(CLAUSE_LABELS[clause], self.lang)
            if clause in mandatory:
                text += ("" if self.lang == "zh" else " ") + self.tr("（必备）")
            elif clause is Clause.FORFEITURE:
                text += ("" if self.lang == "zh" else " ") + self.tr("（不予登记事由）")
            box.setText(text)
            font = box.font()
            font.setBold(clause in mandatory)
            box.setFont(font)

    def clauses(self) -> list[str]:
        return [c.value for c, box in self.boxes.items() if box.isChecked()]

    def set_clauses(self, clauses: list[str] | set[Clause]) -> None:
        values = {str(c) for c in clauses}
        for c, box in self.boxes.items():
            box.setChecked(c.value in values)


class ScopeChecks(QWidget):
    """The guarantee scope (民法典第三百八十九条): all items unless the parties agreed otherwise."""

    changed = Signal()

    def __init__(self, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[GuaranteeScope, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for i, scope in enumerate(GuaranteeScope):
            box = QCheckBox(pick(GUARANTEE_SCOPE_LABELS[scope], lang))
            box.setObjectName(f"scope_{scope.value}")
            box.setChecked(scope in DEFAULT_SCOPE)
            box.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[scope] = box
            grid.addWidget(box, i // 2, i % 2)

    def values(self) -> list[str]:
        return [s.value for s, box in self.boxes.items() if box.isChecked()]

    def set_values(self, values: set[GuaranteeScope] | frozenset[GuaranteeScope]) -> None:
        for s, box in self.boxes.items():
            box.setChecked(s in values)


# ---- the form ----------------------------------------------------------------------------------------


class PledgeApplicationForm(FormDialog):
    """A new pledge application; Save files it (已受理) through ``PledgeService.file``.

    Attributes:
        fields: application_date, pledgors, pledgee, debtor, agent, debt_type, amount, deadline, scope,
            term_end, rights, documents, clauses (problems of the service map onto these names).
    """

    def __init__(self, workstation: Any, *, parent: QWidget | None = None, lang: str = "zh",
                 received: date | None = None):
        super().__init__(parent, title=self.tr("新建质押登记申请"))
        self.setObjectName("PledgeApplicationForm")
        self.workstation = workstation
        self.lang = lang
        self.received = received or today()
        self._field_labels: dict[str, str] = {}
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
        outer.insertWidget(outer.indexOf(self.buttons), scroll, 1)

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

    # ---- building ----------------------------------------------------------------------------------

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
        try:
            self.workstation.pledges.parse(data, self.received)
        except DomainError as exc:
            return self.localise(exc.problems)
        return []

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
        problems = self.validate_now(show_all=True)
        if problems:
            self._focus_first(problems)
            return None
        self.rights.lookup_all()
        data = self.values()
        display = {r.number: r.display_number for r in self.rights.rights()}
        self.preview_button.setEnabled(False)

        def done(exam: Any) -> None:
            from ipdesk.gui.pledges.findings_view import FindingsDialog

            if not shiboken6.isValid(self.preview_button):
                return
            self.preview_button.setEnabled(True)
            dialog = FindingsDialog(self.workstation, exam, lang=self.lang, parent=self, display=display,
                                    title=self.tr("预审结果（未保存）"))
            dialog.open()
            self.preview_dialog = dialog

        def failed(exc: BaseException, tb: str) -> None:
            if not shiboken6.isValid(self.preview_button):
                return
            self.preview_button.setEnabled(True)
            if isinstance(exc, DomainError):
                self.show_problems(exc.problems)
            else:
                show_error(self, exc, tb)

        return self._runner.run(lambda: self.workstation.pledges.examine_data(data, self.received),
                                on_result=done, on_error=failed, name=self.tr("预审"))
