"""The open signals over time as stacked bars, one bar set per severity (critical red, warning amber, info
blue), one bar per day or week the service counted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from ipdesk.domain.risk.rules import SEVERITY_LABELS, Severity
from ipdesk.gui.common.rich_text import pick

#: Bottom to top: the least severe at the base so the critical part stands out on top.
ORDER = (Severity.INFO, Severity.WARNING, Severity.CRITICAL)
COLOURS = {Severity.INFO: "#1e88e5", Severity.WARNING: "#f9a825", Severity.CRITICAL: "#e53935"}


class SignalsChart(QChartView):
    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("riskChart")
        self.lang = lang
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = QChart()
        chart.setTitle(self.tr("未解除预警走势"))
        title = QFont(QApplication.font())  # the application's (shipped CJK) font, bold, as the 统计 charts
        title.setPointSizeF(11)
        title.setBold(True)
        chart.setTitleFont(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.layout().setContentsMargins(0, 0, 0, 0)
        self.series = QStackedBarSeries()
        self.sets: dict[Severity, QBarSet] = {}
        for severity in ORDER:
            bars = QBarSet(pick(SEVERITY_LABELS[severity], lang))
            bars.setColor(QColor(COLOURS[severity]))
            bars.setBorderColor(QColor(COLOURS[severity]))
            self.series.append(bars)
            self.sets[severity] = bars
        chart.addSeries(self.series)
        self.days = QBarCategoryAxis()
        self.counts = QValueAxis()
        self.counts.setLabelFormat("%d")
        chart.addAxis(self.days, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.counts, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.days)
        self.series.attachAxis(self.counts)
        self.setChart(chart)
        self.setMinimumHeight(200)

    def set_points(self, points: Sequence[Any]) -> None:
        """``points``: the service's ``OpenAt`` rows, oldest first."""
        for severity, bars in self.sets.items():
            bars.remove(0, bars.count())
            bars.append([float(getattr(p, severity.value)) for p in points])
        self.days.clear()
        self.days.append([p.on.strftime("%m-%d") for p in points])
        top = max((p.info + p.warning + p.critical for p in points), default=0)
        self.counts.setRange(0, max(top, 4))
        self.counts.applyNiceNumbers()  # whole-number ticks on the count axis

    def values(self, severity: Severity) -> list[int]:
        bars = self.sets[severity]
        return [int(bars.at(i)) for i in range(bars.count())]

