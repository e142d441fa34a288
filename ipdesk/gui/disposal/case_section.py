"""The disposal cases of a pledge on its detail pane: each case's stage and deadline, and 启动处置… for a
registered pledge whose loan is in default (the service refuses any other, with its reason)."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.pages.detail_pane import DetailSection
from ipdesk.gui.common.rich_text import badge_html, esc
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.disposal.case_models import case_tone, stage_label
from ipdesk.gui.formatting import format_date
from ipdesk.gui.i18n import ui_lang


class CaseSection(DetailSection):
    """处置案件 on the pledge detail pane (wired in by ``ipdesk.gui.areas``)."""

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseSection")
        self.workstation = workstation
        self.lang = ui_lang(lang)
        self.title = self.tr("处置案件")
        self.record: Any = None
        self.cases: list[Any] = []
        self.funds: list[Any] = []
        self.list_label = QLabel()
        self.list_label.setObjectName("caseList")
        self.list_label.setTextFormat(Qt.TextFormat.RichText)
        self.list_label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("启动处置…"))
        self.open_button.setObjectName("caseOpen")
        self.open_button.setToolTip(self.tr("贷款违约后，就本质押启动处置案件"))
        if not may(workstation.actor, Action.MANAGE_DISPOSAL):
            self.open_button.hide()  # (showing a widget without a parent would open it as a window)
        self.open_button.clicked.connect(self.open_case)
        row = QHBoxLayout()
        row.addWidget(self.list_label, 1)
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)

    def load(self, pledge_id: Any) -> tuple[list[Any], list[Any]]:  # worker thread
        ws = self.workstation
        return ws.disposal.list(ws.actor, pledge_id=pledge_id), ws.funds.list()

    def present(self, data: tuple[list[Any], list[Any]], record: Any = None) -> None:
        if not shiboken6.isValid(self):
            return
        self.cases, self.funds = data
        self.record = record
        lines = []
        for case in self.cases:
            due = format_date(case.stage_due_on) if case.stage_due_on else "—"
            badge = badge_html(stage_label(case.stage, self.lang), case_tone(case))
            facts = self.tr("阶段期限 {due}，经办人 {who}").format(due=due, who=case.responsible)
            lines.append(f"{esc(case.case_no)}&nbsp;&nbsp;{badge}&nbsp;&nbsp;{esc(facts)}")
        self.list_label.setText("<br>".join(lines) if lines else esc(self.tr("没有处置案件")))
        status = getattr(getattr(record, "status", None), "value", None)
        self.open_button.setEnabled(status == "registered" and not any(c.closed_on is None for c in self.cases))

    def open_case(self) -> Any:
        from ipdesk.gui.disposal.case_forms import OpenCaseForm

        if self.record is None or not getattr(self.record, "registration_no", None):
            return None
        form = OpenCaseForm(self.workstation, self.record.registration_no, parent=self, lang=self.lang,
                            funds=self.funds)
        form.saved.connect(lambda _r: self.reload_requested.emit())
        form.open()
        return form
