"""The approver's part of the workbench: decisions awaiting approval (maker-checker), to confirm or return.

The list comes with the workbench's own read (off the GUI thread); confirming and returning run through
``run_op`` like every command, and the service refuses a confirmation of one's own decision anyway.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.pledges.maker_checker import PendingDecision
from ipdesk.domain.shared.messages import register, render
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui import messages
from ipdesk.gui.common.models.lazy_table import RowIdRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.rich_text import esc
from ipdesk.gui.common.widgets.form_dialog import FormDialog
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.ops import run_op
from ipdesk.gui.tasks import TaskRunner, runner

register({"gui.decision.reason": ("请写明退回理由", "give the reason for returning it")})

DECISION_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "编号", "No."),
    ("kind", "决定", "Decision"),
    ("pledge", "质押", "Pledge"),
    ("detail", "内容", "Details"),
    ("prepared_by", "提交人", "Prepared by"),
    ("prepared_at", "提交时间", "Prepared at"),
)


def decision_row(decision: PendingDecision, lang: str) -> dict[str, Any]:
    """A pending decision as the list shows it (the params in words: the date, the trigger, the notice)."""
    params = decision.params
    detail = params.get("serial", "")
    if params.get("reason"):
        detail = f"{detail}：{params['reason']}"
    if params.get("trigger"):
        detail = f"{params['trigger']} {params.get('on', '')}"
    elif params.get("on"):
        detail = str(params["on"])
    return {"id": decision.id, "kind": render(f"decision.kind.{decision.kind.value}", {}, lang),
            "pledge": decision.label, "detail": detail, "prepared_by": decision.prepared_by,
            "prepared_at": format_date(decision.prepared_at)}


class DecisionsModel(RowListModel):
    columns = DECISION_COLUMNS

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        if role == RowIdRole:
            return row.get("id")
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(key)
            return "" if value is None else str(value)
        return None


class ReturnDialog(FormDialog):
    """退回: the reason goes back to the preparer; the register stays as it is."""

    def __init__(self, workstation: Workstation, decision_id: int, *, parent: QWidget | None = None,
                 task_runner: TaskRunner | None = None):
        super().__init__(parent, title=self.tr("退回决定"), task_runner=task_runner)
        self.setObjectName("ReturnDialog")
        self.workstation, self.decision_id = workstation, decision_id
        self.add_row("", QLabel(f"<b>#{decision_id}</b>"))
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(90)
        self.add_field("reason", self.tr("退回理由 *"), self.reason)
        self.save_button.setText(self.tr("退回"))
        self.resize(480, 220)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.toPlainText().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return [] if data["reason"] else [Problem("gui.decision.reason", "reason")]

    def save(self, data: dict[str, Any]) -> Any:
        return self.workstation.pledges.return_decision(self.workstation.actor, self.decision_id, data["reason"])


class DecisionsPanel(QWidget):
    """待审核的决定: a list with 确认 / 退回…; ``decided`` after either (the workbench reads again).

    Signals:
        decided(): a decision was confirmed or returned.
    """

    decided = Signal()

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None):
        super().__init__(parent)
        self.setObjectName("decisions_panel")
        self.workstation, self.lang = workstation, ui_lang(lang)
        self._runner = task_runner or runner()
        self.dialog: ReturnDialog | None = None
        self.model = DecisionsModel(self.lang, self)
        self.table = QTableView()
        self.table.setObjectName("table_decisions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setMaximumHeight(180)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.update_buttons())
        self.confirm_button = QPushButton(self.tr("确认"))
        self.confirm_button.setObjectName("confirm_decision")
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.return_button = QPushButton(self.tr("退回…"))
        self.return_button.setObjectName("return_decision")
        self.return_button.clicked.connect(self.return_selected)
        self.empty = QLabel(self.tr("没有待审核的决定。"))
        self.empty.setStyleSheet("color: #607d8b;")
        title = QLabel(self.tr("待审核的决定（他人提交，确认后生效）"))
        title.setStyleSheet("font-weight: bold; padding-top: 8px;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.decisions: list[PendingDecision] = []
        self.update_buttons()

    def set_decisions(self, decisions: list[PendingDecision]) -> None:
        self.decisions = list(decisions)
        self.model.set_rows([decision_row(d, self.lang) for d in self.decisions])
        self.empty.setVisible(not self.decisions)
        self.table.setVisible(bool(self.decisions))
        if self.decisions:
            self.table.selectRow(0)
        self.update_buttons()

    def selected(self) -> PendingDecision | None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return self.decisions[rows.pop()] if len(rows) == 1 else None

    def update_buttons(self) -> None:
        chosen = self.selected()
        # One's own decision is for someone else to check: the service refuses it, the GUI does not offer it.
        other = chosen is not None and chosen.prepared_by.lower() != self.workstation.actor.username.lower()
        self.confirm_button.setEnabled(other)
        self.return_button.setEnabled(other)
        if chosen is not None and not other:
            self.confirm_button.setToolTip(self.tr("这是你提交的决定，须由另一位审核员确认"))
        else:
            self.confirm_button.setToolTip("")

    def confirm_selected(self) -> Any:
        chosen = self.selected()
        if chosen is None:
            return None
        title = self.tr("确认决定")
        row = decision_row(chosen, self.lang)
        if not messages.ask(self, title, self.tr("确认 {who} 提交的决定：{kind} {pledge}？").format(
                who=esc(chosen.prepared_by), kind=row["kind"], pledge=row["pledge"]),
                self.tr("确认后决定即生效，记入登记簿，提交人和你的姓名都记入办理过程与审计记录。"),
                yes=self.tr("确认")):
            return None
        workstation, decision_id = self.workstation, chosen.id
        return run_op(self, lambda: workstation.pledges.confirm(workstation.actor, decision_id),
                      on_done=lambda _changes: self._decided(), title=title, task_runner=self._runner)

    def return_selected(self) -> ReturnDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        dialog = ReturnDialog(self.workstation, chosen.id, parent=self, task_runner=self._runner)
        dialog.saved.connect(lambda _changes: self._decided())
        dialog.open()
        self.dialog = dialog
        return dialog

    def _decided(self) -> None:
        if shiboken6.isValid(self):
            self.decided.emit()
