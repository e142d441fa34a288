"""The checklists of an application: documents received (adapted to the case), contract clauses (the
mandatory ones marked), the guarantee scope."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from ipdesk.domain.pledges.application import (
    CLAUSE_LABELS,
    DEFAULT_SCOPE,
    DOCUMENT_LABELS,
    GUARANTEE_SCOPE_LABELS,
    Clause,
    Document,
    GuaranteeScope,
    clauses_for,
)
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.field_edit import ERROR_COLOR
from ipdesk.gui.i18n import ui_lang

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


# ---- checklists --------------------------------------------------------------------------------------


class DocumentsChecklist(QWidget):
    """The documents received; shows what this case needs (and why), hides what it does not."""

    changed = Signal()

    def __init__(self, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
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
        missing = self.missing()
        sep = "、" if lang == "zh" else "; "
        self.hint.setText(
            self.tr("还缺 {n} 份：{names}（Ctrl+Shift+A 全部勾选）").format(
                n=len(missing), names=sep.join(pick(DOCUMENT_LABELS[d], lang) for d in missing))
            if missing else self.tr("本案需要的材料已全部收到。"))

    def missing(self) -> list[Document]:
        """The documents this case needs that are not ticked, in checklist order."""
        return [d for d, box in self.boxes.items() if d in self.required and not box.isChecked()]

    def tick_required(self) -> None:
        for d in self.missing():
            self.boxes[d].setChecked(True)

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

    def __init__(self, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
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
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #607d8b;")
        self.hint.setWordWrap(True)
        grid.addWidget(self.hint, len(self.boxes), 0)
        self.changed.connect(self._update_hint)
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
        self._update_hint()

    def update_families(self, families: set[str]) -> None:
        """Only the clauses a contract for these families has (a trademark contract has no 专利被宣告无效时的
        处理); a ticked one stays visible so it can be unticked."""
        shown = set(clauses_for(families))
        for clause, box in self.boxes.items():
            box.setVisible(clause in shown or box.isChecked())

    def missing(self) -> list[Clause]:
        """The mandatory clauses not ticked, in checklist order."""
        return [c for c, box in self.boxes.items() if c in self.mandatory and not box.isChecked()]

    def tick_mandatory(self) -> None:
        for c in self.missing():
            self.boxes[c].setChecked(True)

    def _update_hint(self) -> None:
        missing = self.missing()
        sep = "、" if self.lang == "zh" else "; "
        self.hint.setText(self.tr("还缺必备条款：{names}").format(
            names=sep.join(pick(CLAUSE_LABELS[c], self.lang) for c in missing)) if missing else "")
        self.hint.setVisible(bool(missing))

    def clauses(self) -> list[str]:
        return [c.value for c, box in self.boxes.items() if box.isChecked()]

    def set_clauses(self, clauses: list[str] | set[Clause]) -> None:
        values = {str(c) for c in clauses}
        for c, box in self.boxes.items():
            box.setChecked(c.value in values)


class ScopeChecks(QWidget):
    """The guarantee scope (民法典第三百八十九条): all items unless the parties agreed otherwise."""

    changed = Signal()

    def __init__(self, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
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
