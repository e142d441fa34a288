"""What the statistics context adds to the workbench: the deadline digest (what falls due in the next N days for
this user's role and agency, exportable to Excel) and a small chart of the last years' registrations.

The workbench does not import this context (they are siblings): ``ipdesk.gui.areas`` builds these panels and
hands them to the workbench page, which places them and calls ``refresh`` with its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.statistics.digest import DEFAULT_DAYS, MAX_DAYS
from ipdesk.domain.statistics.pledges import Dimension, Unit
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.statistics.charts import chart_view, year_family_chart
from ipdesk.gui.statistics.models import DigestModel
from ipdesk.gui.tasks import TaskRunner, runner

RECENT_YEARS = 6  # the workbench chart's span


class DigestPanel(QWidget):
    """到期提醒: one list across the office of what falls due in the next N days (and what passed, still open)."""

    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("digestPanel")
        self.workstation = workstation
        self.lang = lang
        self._runner = task_runner or runner()
        self._generation = 0
        self.digest: Any = None

        title = QLabel(self.tr("到期提醒"))
        title.setStyleSheet("font-weight: bold; padding-top: 8px;")
        self.days = QSpinBox()
        self.days.setObjectName("digestDays")
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(self.tr(" 天内"))
        self.days.setAccessibleName(self.tr("提醒天数"))
        self.days.valueChanged.connect(lambda _v: self.refresh())
        export = QPushButton(self.tr("导出 Excel…"))
        export.setObjectName("digestExport")
        export.clicked.connect(self.export)
        self.summary = QLabel()
        self.summary.setObjectName("digestSummary")
        self.summary.setStyleSheet("color: #607d8b;")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.days)
        head.addWidget(self.summary, 1)
        head.addWidget(export)
        self.model = DigestModel(lang, self)
        self.table = QTableView()
        self.table.setObjectName("digestTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        self._generation += 1
        generation, days = self._generation, self.days.value()
        ws = self.workstation
        self.summary.setText(self.tr("正在读取…"))

        def done(digest: Any) -> None:
            if generation == self._generation and shiboken6.isValid(self.table):
                self.present(digest)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.summary):
                self.summary.setText(self.tr("无法读取到期提醒：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(lambda: ws.digest.digest(ws.actor, days), on_result=done, on_error=failed, name="digest")

    def present(self, digest: Any) -> None:
        self.digest = digest
        self.model.set_digest(digest)
        self.table.resizeColumnsToContents()
        passed = sum(1 for i in digest.items if i.due < digest.as_of)
        self.summary.setText(self.tr("{n} 项（已过期仍未办结 {passed} 项）").format(n=len(digest.items), passed=passed))

    def export(self) -> None:
        if self.digest is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出到期提醒"), self.tr("到期提醒.xlsx"),
                                              self.tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"))
        if path:
            self.write(Path(path))

    def write(self, path: Path) -> None:
        from ipdesk.gui.ops import run_op

        digest, lang, ws = self.digest, self.lang, self.workstation
        run_op(self, lambda: ws.digest.export(digest, path, lang), expected=(OSError,),
               title=self.tr("导出到期提醒"), task_runner=self._runner)


class RecentChart(QWidget):
    """The secured amount registered in the last six years by family (万元), small, above the digest."""

    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("workbenchChart")
        self.workstation = workstation
        self.lang = lang
        self._runner = task_runner or runner()
        self._generation = 0
        self.stats: Any = None
        title = QLabel(self.tr("近六年质押登记（担保债权数额，万元）"))
        title.setStyleSheet("font-weight: bold; padding-top: 8px;")
        self.view = chart_view(year_family_chart(_Empty(), lang, title=False), "workbenchChartView")
        self.view.setMinimumHeight(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        statistics = self.workstation.statistics
        year = self.workstation.clock.today().year

        def done(stats: Any) -> None:
            if generation == self._generation and shiboken6.isValid(self.view):
                self.stats = stats
                self.view.setChart(year_family_chart(stats, self.lang, title=False))

        self._runner.run(lambda: statistics.pledges((Dimension.YEAR, Dimension.FAMILY), start=year - RECENT_YEARS + 1,
                                                    end=year, unit=Unit.WAN), on_result=done, name="workbench chart")


class _Empty:
    unit = Unit.WAN
    rows: tuple[dict[str, Any], ...] = ()
