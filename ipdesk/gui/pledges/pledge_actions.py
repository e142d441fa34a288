"""What a clerk does to a pledge after filing it: examine, cure, waive, add a ground, register, refuse,
withdraw; and on a registered pledge: change, extend, cancel.

:func:`ipdesk.domain.pledges.lifecycle.available_actions` says which actions apply to a pledge's state
(refused, cancelled and withdrawn pledges get none); :class:`PledgeActions` runs them in the writer thread
and reports back; the small forms below collect what each action needs. The services enforce the same
lifecycle again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.pledges.application import (
    CLAUSE_LABELS,
    DOCUMENT_LABELS,
    Clause,
    Document,
)
from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.domain.shared.messages import register as register_messages
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui import messages
from ipdesk.gui.common.rich_text import esc, pick
from ipdesk.gui.common.widgets.form_dialog import FormDialog
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.ops import run_op
from ipdesk.gui.tasks import Task, TaskRunner, runner

register_messages({
    "gui.cure_nothing": ("请勾选收到的材料或已补正的合同条款", "tick the documents received or the clauses corrected"),
    "gui.pick_trigger": ("请选择注销原因（五种之一）", "choose one of the five cancellation triggers"),
})


# ---- the controller ---------------------------------------------------------------------------------


class PledgeActions(QObject):
    """Runs the pledge commands off the GUI thread (single writer) and reports the outcome.

    Signals:
        changed(record): a command changed the pledge (the page refreshes, the detail reloads).
        examined(record, examination): an examination ran and was recorded.
    """

    changed = Signal(object)
    examined = Signal(object, object)

    def __init__(
        self,
        workstation: Workstation,
        parent: QWidget,
        lang: str | None = None,
        task_runner: TaskRunner | None = None,
    ):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.widget = parent
        self.lang = lang
        self._runner = task_runner or runner()
        self.dialog: Any = None  # the last form opened (tests drive it)
        # The office's maker-checker setting (read in the reader pool; None until read): whether a decision
        # is submitted for approval. The service decides either way; this only chooses the words.
        self.maker_checker: bool | None = None
        self.read_setting()

    def read_setting(self) -> None:
        office = getattr(self.workstation, "office", None)
        if office is None:
            return

        def read() -> bool:
            return bool(office.settings().maker_checker)

        def done(on: bool) -> None:
            if shiboken6.isValid(self):
                self.maker_checker = on

        self._runner.run(read, on_result=done, name="maker-checker setting")

    @property
    def submits(self) -> bool:
        """Decisions go to an approver (maker-checker on): the dialogs say 提交审核."""
        return self.maker_checker is True

    def _submitted(self, title: str, rec: PledgeRecord) -> bool:
        """Tell that ``rec``'s decision awaits approval (True), or nothing if it was taken (False)."""
        if rec.pending is None:
            return False
        text = QCoreApplication.translate(
            "PledgeActions", "已提交审核（决定 #{id}）：{no}\n审核员确认后生效；确认或退回之前不能作出其他决定。")
        messages.tell(self.widget, title, text.format(id=rec.pending.id, no=rec.registration_no or rec.application_no))
        return True

    @property
    def pledges(self) -> Any:
        return self.workstation.pledges

    @property
    def actor(self) -> Any:
        return self.workstation.actor

    def _op(self, fn: Any, done: Any, title: str) -> Task:
        """One operation on the page: a refusal in one box titled ``title``, its changes broadcast."""
        return run_op(self.widget, fn, on_done=lambda value: shiboken6.isValid(self) and done(value),
                      title=title, task_runner=self._runner)

    # ---- pending applications ------------------------------------------------------------------

    def examine(self, pledge_id: int) -> Task:
        def work() -> tuple[PledgeRecord, Any]:
            exam = self.pledges.examine(self.actor, pledge_id)
            return self.pledges.get(pledge_id), exam

        def done(result: tuple[PledgeRecord, Any]) -> None:
            record, exam = result
            self.examined.emit(record, exam)
            self.changed.emit(record)

        return self._op(work, done, QCoreApplication.translate("PledgeActions", "审查"))

    def register(self, record: PledgeRecord) -> Task | None:
        title = QCoreApplication.translate("PledgeActions", "准予登记")
        question = QCoreApplication.translate("PledgeActions", "对申请 {no} 准予登记？")
        if self.submits:
            question = QCoreApplication.translate("PledgeActions", "将对申请 {no} 准予登记的决定提交审核？")
        if not messages.ask(
            self.widget,
            title,
            question.format(no=record.application_no),
            QCoreApplication.translate("PledgeActions", "登记后质权自登记之日起设立（民法典第四百四十四条）。"),
            yes=self._submit_word(),
        ):
            return None

        def done(rec: PledgeRecord) -> None:
            self.changed.emit(rec)
            if self._submitted(title, rec):
                return
            messages.tell(
                self.widget,
                title,
                QCoreApplication.translate("PledgeActions", "已准予登记。\n登记号：{no}\n生效日：{date}").format(
                    no=rec.registration_no, date=format_date(rec.registered_on)
                ),
            )

        return self._op(lambda: self.pledges.register(self.actor, record.id), done, title)

    def refuse(self, record: PledgeRecord) -> Task | None:
        title = QCoreApplication.translate("PledgeActions", "不予登记")
        last = self.pledges.last_examination(record.id) or {}
        grounds = [f for f in last.get("findings", []) if f.get("status") == "failed"]
        listed = "\n".join(f"{g['code']}  {g.get('message', '')}" for g in grounds)
        question = QCoreApplication.translate("PledgeActions", "对申请 {no} 作出不予登记决定？")
        if self.submits:
            question = QCoreApplication.translate("PledgeActions", "将对申请 {no} 不予登记的决定提交审核？")
        if not messages.ask(
            self.widget,
            title,
            question.format(no=record.application_no),
            QCoreApplication.translate("PledgeActions", "理由：\n{grounds}\n\n决定后该申请为只读，不能再修改。").format(
                grounds=listed
            ),
            yes=self._submit_word(),
        ):
            return None

        def done(rec: PledgeRecord) -> None:
            self.changed.emit(rec)
            if self._submitted(title, rec):
                return
            messages.tell(
                self.widget,
                title,
                QCoreApplication.translate("PledgeActions", "已作出不予登记决定：{no}\n理由：\n{grounds}").format(
                    no=rec.application_no, grounds=listed
                ),
            )

        return self._op(lambda: self.pledges.refuse(self.actor, record.id), done, title)

    def _submit_word(self) -> str:
        """The confirming button's word: 提交审核 with maker-checker, else the default 确定."""
        return QCoreApplication.translate("PledgeActions", "提交审核") if self.submits else ""

    def withdraw(self, record: PledgeRecord) -> Task | None:
        title = QCoreApplication.translate("PledgeActions", "撤回申请")
        if not messages.ask(
            self.widget,
            title,
            QCoreApplication.translate("PledgeActions", "撤回申请 {no}？撤回后不能再办理。").format(
                no=record.application_no
            ),
        ):
            return None
        return self._op(lambda: self.pledges.withdraw(self.actor, record.id), self.changed.emit, title)

    def _form(self, form: FormDialog) -> FormDialog:
        form.saved.connect(self.changed.emit)
        form.open()
        self.dialog = form
        return form

    def cure(self, record: PledgeRecord, last_exam: dict[str, Any] | None = None) -> FormDialog:
        if last_exam is None:
            last_exam = self.pledges.last_examination(record.id)
        return self._form(CureDialog(self.workstation, record, last_exam, lang=self.lang, parent=self.widget))

    def waiver(self, record: PledgeRecord, code: str, reason: str = "") -> FormDialog:
        return self._form(WaiverDialog(self.workstation, record, code, reason, lang=self.lang, parent=self.widget))

    def other_ground(self, record: PledgeRecord) -> FormDialog:
        return self._form(OtherGroundDialog(self.workstation, record, lang=self.lang, parent=self.widget))

    # ---- registered pledges --------------------------------------------------------------------

    def change(self, record: PledgeRecord) -> FormDialog:
        from ipdesk.gui.pledges.pledge_changes import ChangeDialog

        return self._form(ChangeDialog(self.workstation, record, lang=self.lang, parent=self.widget))

    def extend(self, record: PledgeRecord) -> FormDialog:
        from ipdesk.gui.pledges.pledge_changes import ExtendDialog

        return self._form(ExtendDialog(self.workstation, record, lang=self.lang, parent=self.widget))

    def cancel(self, record: PledgeRecord) -> FormDialog:
        from ipdesk.gui.pledges.pledge_changes import CancelDialog

        form = CancelDialog(self.workstation, record, lang=self.lang, parent=self.widget, submit=self.submits)
        form.saved.connect(lambda rec: self._submitted(form.windowTitle(), rec))
        return self._form(form)


# ---- the forms ---------------------------------------------------------------------------------------


def record_heading(record: PledgeRecord) -> QLabel:
    number = record.registration_no or record.application_no
    label = QLabel(f"<b>{esc(number)}</b>　{esc('、'.join(record.pledgor_names))} → {esc(record.pledgee_name)}")
    label.setWordWrap(True)
    return label


class CureDialog(FormDialog):
    """补正: tick the documents received and the clauses now in the contract (the service clock restarts)."""

    def __init__(
        self,
        workstation: Workstation,
        record: PledgeRecord,
        last_exam: dict[str, Any] | None,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
    ):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("收到补正材料"))
        self.setObjectName("CureDialog")
        self.workstation, self.record, self.lang = workstation, record, lang
        self.add_row("", record_heading(record))
        missing_docs, missing_clauses = missing_items(last_exam)
        if not missing_docs and not missing_clauses:  # no examination yet: offer what was not received
            missing_docs = [
                d for d in Document if d not in record.application.documents and d is not Document.WAIVER_DECLARATION
            ]
        if record.correction_deadline:
            note = QLabel(self.tr("补正期限：{date}").format(date=format_date(record.correction_deadline)))
            note.setStyleSheet("color: #1f4f8a;")
            self.add_row("", note)
        self.doc_boxes: dict[Document, QCheckBox] = {}
        docs = QWidget()
        col = QVBoxLayout(docs)
        col.setContentsMargins(0, 0, 0, 0)
        for d in missing_docs:
            box = QCheckBox(pick(DOCUMENT_LABELS[d], lang))
            box.setObjectName(f"cure_doc_{d.value}")
            self.doc_boxes[d] = box
            col.addWidget(box)
            self.connect_changes("documents", box)
        if missing_docs:
            self.add_field("documents", self.tr("收到的材料："), docs)
        self.clause_boxes: dict[Clause, QCheckBox] = {}
        clauses = QWidget()
        col = QVBoxLayout(clauses)
        col.setContentsMargins(0, 0, 0, 0)
        for c in missing_clauses:
            box = QCheckBox(pick(CLAUSE_LABELS[c], lang))
            box.setObjectName(f"cure_clause_{c.value}")
            self.clause_boxes[c] = box
            col.addWidget(box)
            self.connect_changes("clauses", box)
        self.remove_forfeiture = QCheckBox(self.tr("合同已删除流质条款"))
        if Clause.FORFEITURE in record.application.clauses:
            col.addWidget(self.remove_forfeiture)
            self.connect_changes("clauses", self.remove_forfeiture)
        if missing_clauses or Clause.FORFEITURE in record.application.clauses:
            self.add_field("clauses", self.tr("合同已补正："), clauses)
        self.resize(560, 360)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {
            "documents": {d for d, b in self.doc_boxes.items() if b.isChecked()},
            "clauses": {c for c, b in self.clause_boxes.items() if b.isChecked()},
            "remove_clauses": {Clause.FORFEITURE} if self.remove_forfeiture.isChecked() else set(),
        }

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        if not (data["documents"] or data["clauses"] or data["remove_clauses"]):
            return [Problem("gui.cure_nothing", "documents" if self.doc_boxes else "clauses")]
        return []

    def save(self, data: dict[str, Any]) -> PledgeRecord:
        return self.workstation.pledges.cure(
            self.workstation.actor,
            self.record.id,
            documents=data["documents"],
            clauses=data["clauses"],
            remove_clauses=data["remove_clauses"],
        )


def missing_items(last_exam: dict[str, Any] | None) -> tuple[list[Document], list[Clause]]:
    """The documents and clauses the last examination asked for (its DOC correction findings)."""
    docs: list[Document] = []
    clauses: list[Clause] = []
    for f in (last_exam or {}).get("findings", []):
        if f.get("code") != "DOC" or f.get("status") != "correction":
            continue
        params = f.get("params") or {}
        try:
            if params.get("document"):
                docs.append(Document(params["document"]))
            elif params.get("clause"):
                clauses.append(Clause(params["clause"]))
        except ValueError:
            continue
    return docs, clauses


class WaiverDialog(FormDialog):
    """Record the parties' declaration that they still want registration despite P10 / P11."""

    def __init__(
        self,
        workstation: Workstation,
        record: PledgeRecord,
        code: str,
        reason: str = "",
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
    ):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("记录当事人声明（{code}）").format(code=code))
        self.setObjectName("WaiverDialog")
        self.workstation, self.record, self.code = workstation, record, code
        self.add_row("", record_heading(record))
        if reason:
            why = QLabel(reason)
            why.setWordWrap(True)
            why.setStyleSheet("color: #7a4a00;")
            self.add_row(self.tr("事由："), why)
        self.declaration = QPlainTextEdit()
        self.declaration.setPlaceholderText(self.tr("如：双方已知悉该专利已被提起无效宣告请求，仍要求办理质押登记。"))
        self.declaration.setMinimumHeight(90)
        self.add_field("declaration", self.tr("当事人声明 *"), self.declaration)
        self.resize(560, 320)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"declaration": self.declaration.toPlainText().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return [] if data["declaration"] else [Problem("pledge.waiver_empty", "declaration", {"code": self.code})]

    def save(self, data: dict[str, Any]) -> PledgeRecord:
        return self.workstation.pledges.record_waiver(
            self.workstation.actor, self.record.id, self.code, data["declaration"]
        )


class OtherGroundDialog(FormDialog):
    """P12 / TM8 / CR7: a refusal ground the clerk adds, with the reason in words."""

    def __init__(
        self,
        workstation: Workstation,
        record: PledgeRecord,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
    ):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("增加其他不予登记理由"))
        self.setObjectName("OtherGroundDialog")
        self.workstation, self.record = workstation, record
        self.add_row("", record_heading(record))
        self.right = QComboBox()
        self.right.addItem(self.tr("整个申请"), "")
        for r in record.rights:
            self.right.addItem(f"{r.display_number}  {r.title}", r.number)
        self.add_field("right_number", self.tr("涉及的权利："), self.right)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("用平实的语言写明理由，它将写入不予登记通知书"))
        self.reason.setMinimumHeight(90)
        self.add_field("reason", self.tr("理由 *"), self.reason)
        self.resize(560, 320)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.toPlainText().strip(), "right_number": self.right.currentData() or ""}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return [] if data["reason"] else [Problem("pledge.other_ground_empty", "reason")]

    def save(self, data: dict[str, Any]) -> PledgeRecord:
        return self.workstation.pledges.add_other_ground(
            self.workstation.actor, self.record.id, data["reason"], data["right_number"]
        )


def date_field(text: str, field: str, label: str, problems: list[Problem], required: bool = False) -> date | None:
    if not text:
        if required:
            problems.append(Problem("required", field, {"label": label}))
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(Problem("bad_date", field, {"value": text, "label": label}))
        return None
