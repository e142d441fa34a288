"""The annual-fee section of a right's detail pane: the patent's fee schedule, its reduction and whether it
lapsed (a :class:`DetailSection` that ``ipdesk.gui.areas`` gives the rights register's pane)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from ipdesk.gui.common.pages.detail_pane import DetailSection
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.fees.schedule_model import FeeScheduleModel
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang


class FeeSection(DetailSection):
    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.title = self.tr("年费")
        self.workstation = workstation
        self.lang = lang
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("feeSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = FeeScheduleModel(lang, self)
        self.table = QTableView()
        self.table.setObjectName("feeSchedule")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(220)
        layout.addWidget(self.table)

    def load(self, record_id: Any) -> Any:  # worker thread
        right = self.workstation.rights.get(record_id)
        if not right.kind.is_patent or right.filing_date is None or right.fees_paid_through is None:
            return None
        return self.workstation.fees.report(right.number)

    def present(self, data: Any, record: Any) -> None:
        self.setVisible(data is not None)
        if data is None:
            self.model.set_years([])
            return
        s = data.schedule
        parts = [self.tr("已缴至第 {n} 年").format(n=s.paid_through)]
        if s.reduction is not None:
            parts.append(self.tr("费减 {p}%（第 {a}–{b} 年）").format(p=s.reduction.percent, a=s.reduction.from_year,
                                                                    b=s.reduction.to_year))
        line = s.first_unpaid
        if s.terminated_on is not None:
            parts.append(self.tr("年费未缴，已于 {date} 终止").format(date=format_date(s.terminated_on)))
        elif line is not None and line.amount_due:
            parts.append(self.tr("第 {n} 年应缴 {amount} 元，截止 {date}").format(
                n=line.year, amount=format_money(line.amount_due), date=format_date(line.due_date)))
        self.summary.setText("；".join(parts) if self.lang == "zh" else "; ".join(parts))
        self.model.set_years(s.years)
        if line is not None:  # the first unpaid year in view: the one that matters
            self.table.scrollTo(self.model.index(line.year - 1, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
