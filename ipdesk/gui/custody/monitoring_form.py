"""Forms of rights-protection custody: record a monitoring entry on a right, close one with its outcome.

Keyboard-first like every form (Tab in reading order, Ctrl+S saves, Esc cancels); the dates default to today
and one after it shows its message under the field; an outcome the entry's kind does not allow is not offered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from ipdesk.domain.custody.monitoring import (
    KIND_LABELS,
    OUTCOME_LABELS,
    OUTCOMES,
    MonitoringEntry,
    MonitoringKind,
    Outcome,
    check_closing,
    check_entry,
    label,
)
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang


def _notes() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(60)
    return edit


class MonitoringForm(FormDialog):
    """A new monitoring entry on the right numbered ``number`` (``MonitoringService.add``)."""

    def __init__(self, workstation: Workstation, number: str, *, parent: QWidget | None = None,
                 lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("新增监测事项：{number}").format(number=number))
        self.setObjectName("MonitoringForm")
        self.workstation = workstation
        self.number = number
        L = lambda key, required=False: form_label(label(key, lang), required, lang)  # noqa: E731
        self.kind = QComboBox()
        for kind in MonitoringKind:
            self.kind.addItem(KIND_LABELS[kind][1 if lang == "en" else 0], kind.value)
        self.add_field("kind", L("kind", True), self.kind,
                       hint=self.tr("无效宣告请求会给权利加上“已提起无效宣告”标记，直至结案"))
        self.opened_on = DateEdit()
        self.opened_on.setDate(workstation.clock.today())
        self.add_field("opened_on", L("opened_on", True), self.opened_on)
        self.counterparty = FieldEdit(placeholder=self.tr("侵权人、无效宣告请求人或对方当事人"))
        self.add_field("counterparty", L("counterparty"), self.counterparty)
        self.reference = FieldEdit()
        self.add_field("reference", L("reference"), self.reference)
        self.documents = _notes()
        self.documents.setPlaceholderText(self.tr("收到或提交的文件，如无效宣告请求书、起诉状"))
        self.add_field("documents", L("documents"), self.documents)
        self.notes = _notes()
        self.add_field("notes", L("notes"), self.notes)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"right": self.number, "kind": self.kind.currentData(), "opened_on": self.opened_on.iso_text(),
                "counterparty": self.counterparty.text().strip(), "reference": self.reference.text().strip(),
                "documents": self.documents.toPlainText().strip(), "notes": self.notes.toPlainText().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return check_entry(data, self.workstation.clock.today())[1]

    def save(self, data: dict[str, Any]) -> MonitoringEntry:  # writer thread
        return self.workstation.monitoring.add(self.workstation.actor, data)


class CloseMonitoringForm(FormDialog):
    """Close an open entry with an outcome its kind allows (``MonitoringService.close``)."""

    def __init__(self, workstation: Workstation, entry: MonitoringEntry, *, parent: QWidget | None = None,
                 lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("结案：{kind}").format(kind=KIND_LABELS[entry.kind][1 if lang == "en"
                                                                                                 else 0]))
        self.setObjectName("CloseMonitoringForm")
        self.workstation = workstation
        self.entry = entry
        L = lambda key, required=False: form_label(label(key, lang), required, lang)  # noqa: E731
        self.outcome = QComboBox()
        for outcome in Outcome:
            if outcome in OUTCOMES[entry.kind]:
                self.outcome.addItem(OUTCOME_LABELS[outcome][1 if lang == "en" else 0], outcome.value)
        self.add_field("outcome", L("outcome", True), self.outcome)
        self.closed_on = DateEdit()
        self.closed_on.setDate(workstation.clock.today())
        self.add_field("closed_on", L("closed_on", True), self.closed_on)
        self.notes = _notes()
        self.add_field("notes", L("notes"), self.notes)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"outcome": self.outcome.currentData(), "closed_on": self.closed_on.iso_text(),
                "notes": self.notes.toPlainText().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return check_closing(self.entry.kind, self.entry.opened_on, data, self.workstation.clock.today())[1]

    def save(self, data: dict[str, Any]) -> MonitoringEntry:  # writer thread
        return self.workstation.monitoring.close(self.workstation.actor, self.entry.id, data)
