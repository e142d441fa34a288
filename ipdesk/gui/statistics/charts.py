"""The statistics' charts in QtCharts: bars by year and family (like table 2 of the national reports), lines of
monthly registrations, changes and cancellations, the share of the secured amount by pledgee bank, the open risk
signals by rule and severity (stacked bars), and the disposal outcomes by year (recovery rate, days to close).

Each builder takes the service's figures and returns a :class:`QChart` whose series are the chart's model (the
tests read the values back from the series); titles, axes and legends in the UI language, in the application
font (the shipped CJK font, so Chinese labels render on any machine).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication

from ipdesk.domain.risk.rules import SEVERITY_RANK
from ipdesk.domain.statistics.figures import (
    FAMILY_LABELS,
    UNIT_LABELS,
    column_label,
    every_month,
    headers,
    pick,
    pivot,
    value_text,
)
from ipdesk.domain.statistics.pledges import FAMILIES

#: One colour per series, as in the report PDF (patent, trademark, copyright, mixed; then more).
PALETTE = ("#1f5fa8", "#d9822b", "#3a9a5b", "#8a5cc2", "#c23b3b", "#6b7785", "#2a9d9d", "#b8860b", "#9e9e9e")
OTHERS = ("其他", "Others")
TEXTS = {
    "by_year": ("按年份和类别的担保债权数额（{unit}）", "Secured amount by year and family ({unit})"),
    "monthly": ("按月份的登记、变更、注销（件）", "Registrations, changes and cancellations by month"),
    "banks": ("按质权人的担保债权数额占比", "Share of the secured amount by pledgee"),
    "amount": ("金额（{unit}）", "Amount ({unit})"),
    "count": ("件数", "Count"),
    "risk": ("未解除的风险信号（按规则和严重程度）", "Open risk signals by rule and severity"),
    "signals": ("信号数", "Signals"),
    "disposal": ("处置结果：回收率与结案用时（按结案年份）",
                 "Disposal outcomes: recovery and days to close, by year closed"),
    "percent": ("回收率（%）", "Recovery (%)"),
    "days": ("平均结案天数", "Average days to close"),
}
#: The severities' colours, as the risk area shows them (critical red, warning amber, info blue).
SEVERITY_COLOURS = {"critical": "#c23b3b", "warning": "#d9822b", "info": "#1f5fa8"}


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setTitleFont(_font(11, bold=True))
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # tests and screenshots read it at once
    chart.legend().setFont(_font(9))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _axis_font(*axes: Any) -> None:
    for axis in axes:
        axis.setLabelsFont(_font(8.5))
        axis.setTitleFont(_font(9))


def year_family_chart(stats: Any, lang: str = "zh", *, title: bool = True) -> QChart:
    """Grouped bars: one group per year, one bar per family, the secured amount in the figures' unit."""
    unit = pick(UNIT_LABELS[stats.unit], lang)
    chart = _chart(pick(TEXTS["by_year"], lang).format(unit=unit) if title else "")
    p = pivot(stats.rows, "year", "family", "amount", FAMILIES)
    series = QBarSeries()
    for n, (family, values) in enumerate(p.series.items()):
        bar = QBarSet(pick(FAMILY_LABELS.get(family, (family, family)), lang))
        bar.setColor(QColor(PALETTE[n % len(PALETTE)]))
        bar.setBorderColor(QColor(PALETTE[n % len(PALETTE)]))
        for v in values:
            bar.append(float(v))
        series.append(bar)
    chart.addSeries(series)
    years = QBarCategoryAxis()
    years.append(list(p.categories))
    amounts = QValueAxis()
    top = float(max((max(v) for v in p.series.values()), default=0))
    amounts.setRange(0, top or 1.0)  # an empty figure: 0..1, not the NaN range Qt would compute
    amounts.setLabelFormat("%.2f" if top < 10 else "%.0f")
    amounts.setTitleText(pick(TEXTS["amount"], lang).format(unit=unit))
    _axis_font(years, amounts)
    chart.addAxis(years, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(years)
    series.attachAxis(amounts)
    if top:
        amounts.applyNiceNumbers()
    return chart


def monthly_chart(table: Any, lang: str = "zh", *, keys: Sequence[str] = ("registered", "changed", "cancelled"),
                  title: bool = True) -> QChart:
    """One line per kind of event over every month from the first to the last (quiet months at zero); the x
    axis (the month's index) is labelled about twelve times, always at a January when there are years."""
    chart = _chart(pick(TEXTS["monthly"], lang) if title else "")
    rows = every_month(table.rows, keys)
    names = headers(keys, lang)
    top = 0
    lines = []
    for n, key in enumerate(keys):
        line = QLineSeries()
        line.setName(names[n])
        line.setColor(QColor(PALETTE[n % len(PALETTE)]))
        for x, r in enumerate(rows):
            line.append(float(x), float(r[key]))
            top = max(top, r[key])
        chart.addSeries(line)
        lines.append(line)
    axis_x = QCategoryAxis()
    axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis_x.setRange(-0.5, max(0.5, len(rows) - 0.5))
    step = max(1, -(-len(rows) // 12))
    if step > 1:
        step = -(-step // 12) * 12 if step > 6 else (3 if step <= 3 else 6)  # quarters, half-years, years
    for x, r in enumerate(rows):
        if len(rows) <= 12 or (int(r["month"][5:]) - 1) % step == 0:
            axis_x.append(r["month"], float(x))
    axis_y = QValueAxis()
    axis_y.setRange(0, max(1, top))
    axis_y.setLabelFormat("%d")
    axis_y.setTickType(QValueAxis.TickType.TicksDynamic)
    axis_y.setTickAnchor(0)
    axis_y.setTickInterval(max(1, -(-top // 5)))  # whole steps: never 0, 0.5, 1
    axis_y.setTitleText(pick(TEXTS["count"], lang))
    _axis_font(axis_x, axis_y)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for line in lines:
        line.attachAxis(axis_x)
        line.attachAxis(axis_y)
    return chart


def bank_share_chart(stats: Any, lang: str = "zh", top: int = 7) -> QChart:
    """The secured amount by pledgee as a pie: the ``top`` largest, then the rest as one slice 其他."""
    chart = _chart(pick(TEXTS["banks"], lang))
    rows = sorted(stats.rows, key=lambda r: (-r["amount"], str(r.get("bank", ""))))
    shown, rest = rows[:top], rows[top:]
    pie = QPieSeries()
    total = sum((r["amount"] for r in rows), Decimal(0))
    entries = [(str(r.get("bank") or ""), r["amount"]) for r in shown]
    if rest:
        entries.append((pick(OTHERS, lang), sum((r["amount"] for r in rest), Decimal(0))))
    for n, (name, amount) in enumerate(entries):
        share = (amount / total * 100) if total else Decimal(0)
        piece = pie.append(f"{name} {share:.1f}%", float(amount))
        piece.setColor(QColor(PALETTE[n % len(PALETTE)]))
        piece.setLabelFont(_font(8.5))
    pie.setPieSize(0.62)
    chart.addSeries(pie)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


def risk_chart(table: Any, lang: str = "zh") -> QChart:
    """Horizontal bars, one per rule (the most severe at the top), stacked by severity: the open signals."""
    chart = _chart(pick(TEXTS["risk"], lang))
    p = pivot(table.rows, "rule", "severity", "signals")
    rank = {s.value: n for s, n in SEVERITY_RANK.items()}
    first = {}  # each rule's place in the service's order (most severe first), shown top-down
    for n, r in enumerate(table.rows):
        first.setdefault(str(r["rule"]), n)
    rules = sorted(p.categories, key=lambda c: -first.get(c, 0))  # Qt draws the first category at the bottom
    series = QHorizontalStackedBarSeries()
    for severity in sorted(p.series, key=lambda s: -rank.get(str(s), -1)):
        values = dict(zip(p.categories, p.series[severity], strict=True))
        bar = QBarSet(value_text("severity", severity, lang))
        colour = QColor(SEVERITY_COLOURS.get(str(severity), PALETTE[-1]))
        bar.setColor(colour)
        bar.setBorderColor(colour)
        for rule in rules:
            bar.append(float(values[rule]))
        series.append(bar)
    top = int(max((sum(column) for column in zip(*p.series.values(), strict=True)), default=0))
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append([value_text("rule", r, lang) for r in rules] or [""])
    counts = QValueAxis()
    step = max(1, -(-top // 5))
    counts.setRange(0, max(1, -(-top // step) * step))  # up to a labelled tick: the longest bar ends inside
    counts.setLabelFormat("%d")
    counts.setTickType(QValueAxis.TickType.TicksDynamic)
    counts.setTickAnchor(0)
    counts.setTickInterval(step)
    counts.setTitleText(pick(TEXTS["signals"], lang))
    _axis_font(names, counts)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(counts)
    return chart


def disposal_chart(table: Any, lang: str = "zh") -> QChart:
    """Per year of closing: the recovery rate as bars (left axis, %), the average days to close as a line (right)."""
    chart = _chart(pick(TEXTS["disposal"], lang))
    years = [str(r["year"]) for r in table.rows]
    bars = QBarSeries()
    rate = QBarSet(pick(column_label("recovery_percent"), lang))
    rate.setColor(QColor(PALETTE[0]))
    rate.setBorderColor(QColor(PALETTE[0]))
    for r in table.rows:
        rate.append(float(r["recovery_percent"]))
    bars.append(rate)
    days = QLineSeries()
    days.setName(pick(TEXTS["days"], lang))
    days.setColor(QColor(PALETTE[1]))
    for x, r in enumerate(table.rows):
        days.append(float(x), float(r["average_days"]))
    chart.addSeries(bars)
    chart.addSeries(days)
    axis_x = QBarCategoryAxis()
    axis_x.append(years or [""])
    percent = QValueAxis()
    top = max((float(r["recovery_percent"]) for r in table.rows), default=0.0)
    percent.setRange(0, max(100.0, top))
    percent.setLabelFormat("%.0f")
    percent.setTitleText(pick(TEXTS["percent"], lang))
    day_axis = QValueAxis()
    longest = max((float(r["average_days"]) for r in table.rows), default=0.0)
    day_axis.setRange(0, max(1.0, longest))
    day_axis.setLabelFormat("%.0f")
    day_axis.setTitleText(pick(TEXTS["days"], lang))
    _axis_font(axis_x, percent, day_axis)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(percent, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(day_axis, Qt.AlignmentFlag.AlignRight)
    bars.attachAxis(axis_x)
    bars.attachAxis(percent)
    days.attachAxis(axis_x)
    days.attachAxis(day_axis)
    if longest:
        day_axis.applyNiceNumbers()
    return chart


def chart_view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(240)
    return view


def save_png(view: QChartView, path: Path) -> bool:
    """The chart as shown (its current size), as a PNG."""
    return view.grab().save(str(path), "PNG")
