"""The 统计 area: pledge financing from the register in charts and tables — by year and family (bars, like table 2
of the national reports), by month (lines), by pledgee (share), by region, by kind of right, time to decision, the
rights pledged today, the open risk signals (bars by rule and severity) and the disposal outcomes (recovery rate and
days to close by year of closing) — for a range of years in 元 / 万元 / 亿元; exported to Excel (every table), to the
statistics report PDF, and each chart to PNG.

Every figure is computed in SQL by :class:`ipdesk.services.statistics.pledges.PledgeStatistics`, read off the GUI
thread (``ipdesk.gui.tasks``); the exports run as operations (``run_op``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.statistics.pledges import Dimension, Unit
from ipdesk.gui.common.pages.base import Page
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.statistics.charts import (
    bank_share_chart,
    chart_view,
    disposal_chart,
    monthly_chart,
    risk_chart,
    save_png,
    year_family_chart,
)
from ipdesk.gui.statistics.models import FigureModel
from ipdesk.gui.tasks import TaskRunner, runner

Y, F, B, R, K = Dimension.YEAR, Dimension.FAMILY, Dimension.BANK, Dimension.REGION, Dimension.KIND
NO_YEAR = 1999  # the spin boxes' "不限" (any year)


def load_figures(statistics: Any, start: int | None, end: int | None, unit: Unit) -> dict[str, Any]:
    """Every figure of the page (worker thread)."""
    return {
        "year_family": statistics.pledges((Y, F), start=start, end=end, unit=unit),
        "bank": statistics.pledges((B,), start=start, end=end, unit=unit),
        "region": statistics.pledges((R,), start=start, end=end, unit=unit),
        "kind": statistics.pledges((K,), start=start, end=end, unit=unit),
        "monthly": statistics.monthly(start, end),
        "decisions": statistics.decisions(start, end),
        "rights": statistics.pledged_rights(),
        "risk": statistics.risk_signals(),
        "disposal": statistics.disposal(start, end),
    }


def _table(name: str, model: FigureModel) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    # columns fit their content (resized when figures arrive); no column stretched over the page's width
    table.horizontalHeader().setStretchLastSection(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setMinimumSectionSize(72)
    return table


class StatisticsPage(Page):
    def __init__(self, workstation: Any, lang: str | None = None, parent: QWidget | None = None, *,
                 task_runner: TaskRunner | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("page_statistics")
        self.workstation = workstation
        self.lang = lang
        self._runner = task_runner or runner()
        self._generation = 0
        self._started = 0.0
        self.figures: dict[str, Any] = {}

        title = QLabel(self.tr("统计：知识产权质押融资"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        this_year = workstation.clock.today().year
        self.start = self._year_box("statsFrom", self.tr("起始年份"), NO_YEAR)
        self.end = self._year_box("statsTo", self.tr("截止年份"), NO_YEAR)
        self.start.setMaximum(this_year)
        self.end.setMaximum(this_year)
        self.unit = QComboBox()
        self.unit.setObjectName("statsUnit")
        self.unit.setAccessibleName(self.tr("金额单位"))
        for text, unit in ((self.tr("万元"), Unit.WAN), (self.tr("亿元"), Unit.YI), (self.tr("元"), Unit.YUAN)):
            self.unit.addItem(text, unit.value)
        self.unit.currentIndexChanged.connect(lambda _i: self.refresh())
        buttons = []
        for name, text, slot in (("statsRefresh", self.tr("刷新"), self.refresh),
                                 ("statsExcel", self.tr("导出 Excel…"), self.export_excel),
                                 ("statsPdf", self.tr("导出 PDF 报告…"), self.export_pdf),
                                 ("statsPng", self.tr("保存图表…"), self.export_png)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.append(button)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        for label, box in ((self.tr("从"), self.start), (self.tr("到"), self.end), (self.tr("单位"), self.unit)):
            head.addWidget(QLabel(label))
            head.addWidget(box)
        head.addStretch(1)
        for button in buttons:
            head.addWidget(button)

        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        self.models: dict[str, FigureModel] = {}
        self.tables: dict[str, QTableView] = {}
        self.views: dict[str, QChartView] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("statsTabs")
        for key, text, chart in (
                ("year_family", self.tr("年份与类别"), "bars"), ("monthly", self.tr("按月份"), "lines"),
                ("bank", self.tr("质权人"), "pie"), ("region", self.tr("地区"), None),
                ("kind", self.tr("权利种类"), None), ("decisions", self.tr("办结用时"), None),
                ("rights", self.tr("质押中权利"), None), ("risk", self.tr("风险信号"), "bars"),
                ("disposal", self.tr("处置结果"), "bars")):
            self.models[key] = FigureModel(lang, self)
            self.tables[key] = _table(f"statsTable_{key}", self.models[key])
            tab: QWidget
            if chart is not None:
                view = chart_view(monthly_chart(_EMPTY_MONTHS, lang), f"statsChart_{key}")
                self.views[key] = view
                split = QSplitter(Qt.Orientation.Vertical)
                split.addWidget(view)
                split.addWidget(self.tables[key])
                split.setStretchFactor(0, 3)
                split.setStretchFactor(1, 2)
                tab = split
            else:
                tab = self.tables[key]
            self.tabs.addTab(tab, text)
        self.note = QLabel(self.tr("统计已登记的质押（含此后注销的，计入登记当年）；"
                                   "不予登记、撤回和审查中的申请不计入。一笔质押含多类权利的计入“混合”，合计中只计一次。"))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #607d8b;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        self.start.valueChanged.connect(lambda _v: self.refresh())
        self.end.valueChanged.connect(lambda _v: self.refresh())
        self.refresh()

    def _year_box(self, name: str, accessible: str, value: int) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setRange(NO_YEAR, 2100)
        box.setSpecialValueText(self.tr("不限"))
        box.setValue(value)
        return box

    # ---- reading ---------------------------------------------------------------------------------

    def years(self) -> tuple[int | None, int | None]:
        start, end = self.start.value(), self.end.value()
        return (None if start == NO_YEAR else start), (None if end == NO_YEAR else end)

    def current_unit(self) -> Unit:
        return Unit(self.unit.currentData())

    def refresh(self) -> None:
        self._generation += 1
        self._started = time.monotonic()
        generation = self._generation
        start, end = self.years()
        if start is not None and end is not None and start > end:
            self.summary.setText(self.tr("起始年份不能晚于截止年份。"))
            return
        unit, statistics = self.current_unit(), self.workstation.statistics
        self.summary.setText(self.tr("正在统计…"))

        def done(figures: dict[str, Any]) -> None:
            if generation == self._generation and shiboken6.isValid(self.summary):
                self.present(figures)

        def failed(exc: BaseException, _tb: str) -> None:
            if generation == self._generation and shiboken6.isValid(self.summary):
                self.summary.setText(self.tr("无法统计：{error}").format(error=str(exc) or type(exc).__name__))

        self._runner.run(lambda: load_figures(statistics, start, end, unit), on_result=done, on_error=failed,
                         name="statistics")

    def present(self, figures: dict[str, Any]) -> None:
        self.figures = figures
        for key in ("year_family", "bank", "region", "kind"):
            s = figures[key]
            keys = [d.value for d in s.dimensions] + ["count", "amount"]
            self.models[key].set_figure(keys, s.rows, {"count": s.count, "amount": s.amount}, s.unit)
        for key in ("monthly", "decisions", "rights", "risk", "disposal"):
            t = figures[key]
            self.models[key].set_figure(t.keys, t.rows, t.totals, figure=key)
        self.views["year_family"].setChart(year_family_chart(figures["year_family"], self.lang))
        self.views["monthly"].setChart(monthly_chart(figures["monthly"], self.lang))
        self.views["bank"].setChart(bank_share_chart(figures["bank"], self.lang))
        self.views["risk"].setChart(risk_chart(figures["risk"], self.lang))
        self.views["disposal"].setChart(disposal_chart(figures["disposal"], self.lang))
        for table in self.tables.values():
            table.resizeColumnsToContents()
        s = figures["year_family"]
        unit = self.unit.currentText()
        self.summary.setText(self.tr("已登记质押 {n} 笔，担保债权数额合计 {amount} {unit}").format(
            n=f"{s.count:,}", amount=f"{s.amount:,.2f}", unit=unit))

    def page_shown(self) -> None:
        if time.monotonic() - self._started > 2:
            self.refresh()

    # ---- exports ---------------------------------------------------------------------------------

    def export_excel(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出统计表"), self.tr("质押融资统计.xlsx"),
                                              self.tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"))
        if path:
            self.write_excel(Path(path))

    def write_excel(self, path: Path) -> None:
        from ipdesk.gui.ops import run_op
        from ipdesk.services.statistics.export import export_statistics

        f, lang = self.figures, self.lang
        if not f:
            return
        run_op(self, lambda: export_statistics(
            path, [f["year_family"], f["bank"], f["region"], f["kind"]], lang, monthly=f["monthly"],
            decisions=f["decisions"], rights=f["rights"], risk=f["risk"], disposal=f["disposal"]),
            on_done=lambda n: self.status_message.emit(self.tr("已导出 {n} 行").format(n=n)),
            expected=(OSError,), title=self.tr("导出统计表"), task_runner=self._runner)

    def export_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出统计报告"), self.tr("质押融资统计.pdf"),
                                              self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> None:
        from ipdesk.gui.ops import run_op
        from ipdesk.reports.statistics.report_pdf import render_statistics

        f, ws = self.figures, self.workstation
        if not f:
            return
        start, end = self.years()
        scope = "全部年份" if start is None and end is None else f"{start or '…'}–{end or '…'} 年"
        issued = ws.clock.local(ws.clock.now()).replace(microsecond=0)
        office = ws.office.settings().office_name
        run_op(self, lambda: render_statistics(path, f["year_family"], f["monthly"], f["decisions"], f["rights"],
                                               risk=f["risk"], disposal=f["disposal"], office_name=office,
                                               issued_at=issued, scope=scope),
               on_done=lambda _r: self.status_message.emit(self.tr("已导出统计报告")),
               expected=(OSError,), title=self.tr("导出统计报告"), task_runner=self._runner)

    def current_chart(self) -> QChartView | None:
        keys = list(self.models)
        key = keys[self.tabs.currentIndex()] if 0 <= self.tabs.currentIndex() < len(keys) else ""
        return self.views.get(key) or self.views.get("year_family")

    def export_png(self) -> None:
        view = self.current_chart()
        if view is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存图表"), self.tr("统计图表.png"),
                                              self.tr("PNG 图片 (*.png)"))
        if path and not save_png(view, Path(path)):
            self.status_message.emit(self.tr("无法保存图表：{path}").format(path=path))


class _NoMonths:
    """The empty figure a chart view starts with, before the first figures arrive."""

    keys = ("month", "registered", "changed", "cancelled")
    rows: tuple[dict[str, Any], ...] = ()
    totals: dict[str, Any] = {}


_EMPTY_MONTHS = _NoMonths()
