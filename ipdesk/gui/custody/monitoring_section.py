"""The monitoring section of a right's detail pane (rights-protection custody): its entries, newest first
(a :class:`DetailSection` that ``ipdesk.gui.areas`` gives the rights register's pane)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ipdesk.domain.custody.monitoring import MonitoringEntry, MonitoringStatus
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.pages.detail_pane import DetailSection
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.custody.monitoring_models import MonitoringModel
from ipdesk.gui.i18n import ui_lang

TABLE_ROWS = 5


class MonitoringSection(DetailSection):
    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.title = self.tr("维权监测")
        self.workstation = workstation
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("monitoringSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = MonitoringModel(lang, self)
        self.table = QTableView()
        self.table.setObjectName("monitoringEntries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增监测事项…"))
        self.add_button.setObjectName("addMonitoring")
        self.add_button.clicked.connect(self.open_form)
        self.close_button = QPushButton(self.tr("结案…"))
        self.close_button.setObjectName("closeMonitoring")
        self.close_button.setToolTip(self.tr("选中一项进行中的事项，记录结果"))
        self.close_button.clicked.connect(self.open_closing)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        allowed = may(workstation.actor, Action.MONITOR_RIGHTS)
        self.add_button.setVisible(allowed)
        self.close_button.setVisible(allowed)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.lang = lang
        self.number = ""
        self.form: QWidget | None = None
        self._update_buttons()

    def load(self, record_id: Any) -> list[MonitoringEntry]:  # worker thread
        return self.workstation.monitoring.list(record_id)

    def present(self, data: list[MonitoringEntry], record: Any) -> None:
        self.number = record.display_number
        self.set_entries(data)

    def selected_entry(self) -> MonitoringEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        self.close_button.setEnabled(entry is not None and entry.status is MonitoringStatus.OPEN)

    def open_form(self) -> None:
        from ipdesk.gui.custody.monitoring_form import MonitoringForm

        self._open(MonitoringForm(self.workstation, self.number, parent=self, lang=self.lang))

    def open_closing(self) -> None:
        from ipdesk.gui.custody.monitoring_form import CloseMonitoringForm

        entry = self.selected_entry()
        if entry is not None and entry.status is MonitoringStatus.OPEN:
            self._open(CloseMonitoringForm(self.workstation, entry, parent=self, lang=self.lang))

    def _open(self, form: Any) -> None:
        form.saved.connect(lambda _e: self.reload_requested.emit())
        form.open()
        self.form = form

    def set_entries(self, entries: Sequence[MonitoringEntry]) -> None:
        self.model.set_entries(entries)
        self._update_buttons()
        self.table.setVisible(bool(entries))
        rows = min(max(len(entries), 1), TABLE_ROWS)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 4
                                  + self.table.horizontalScrollBar().sizeHint().height()
                                  + rows * self.table.verticalHeader().defaultSectionSize())
        self.table.resizeColumnsToContents()
        open_count = sum(1 for e in entries if e.status is MonitoringStatus.OPEN)
        if not entries:
            self.summary.setText(self.tr("没有监测事项"))
        else:
            self.summary.setText(self.tr("共 {n} 项，进行中 {open} 项").format(n=len(entries), open=open_count))
