"""The statistics report (知识产权质押融资统计) as an A4 PDF with the notices' look: letterhead, title, the scope;
a bar chart of the secured amount by year and family (like table 2 of the national reports) over its table; the
line of monthly registrations, changes and cancellations over theirs; time to decision; the pledged rights' fee
status and risk flags; the open risk signals by rule and severity (stacked bars) and the disposal outcomes by year
of closing (the recovery rate as bars), each over its table. Charts are ReportLab vector graphics in the embedded
CJK font; not signed (a working document, not a certificate)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle

from ipdesk.domain.risk.rules import SEVERITY_RANK
from ipdesk.domain.statistics.figures import (
    FAMILY_LABELS,
    MONEY_KEYS,
    TEXT_KEYS,
    UNIT_LABELS,
    every_month,
    headers,
    pick,
    pivot,
    value_text,
)
from ipdesk.domain.statistics.pledges import FAMILIES, Unit
from ipdesk.reports.common.fonts import register_fonts
from ipdesk.reports.common.layout import CONTENT_W, PageMeta, Title, build_pdf, grid_table, para, plain_row

#: One colour per series, the same order as the GUI's charts (patent, trademark, copyright, mixed; then more).
PALETTE = [colors.HexColor(c) for c in ("#1f5fa8", "#d9822b", "#3a9a5b", "#8a5cc2", "#c23b3b", "#6b7785")]
TITLE = "知识产权质押融资统计"
RECENT_MONTHS = 24  # the monthly table lists the last two years (the chart shows every month)
SEVERITY_COLOURS = {"critical": colors.HexColor("#c23b3b"), "warning": colors.HexColor("#d9822b"),
                    "info": colors.HexColor("#1f5fa8")}  # as the GUI's risk chart
NUMERALS = "一二三四五六七八九十"


def _legend(drawing: Drawing, names: Sequence[str], x: float, y: float,
            palette: Sequence[Any] | None = None) -> None:
    palette = palette or PALETTE
    legend = Legend()
    legend.fontName, legend.fontSize = register_fonts(), 8
    legend.alignment, legend.columnMaximum = "right", 1
    legend.dx = legend.dy = 7
    legend.deltax, legend.dxTextSpace = 62, 4
    legend.x, legend.y = x, y
    legend.colorNamePairs = [(palette[n % len(palette)], name) for n, name in enumerate(names)]
    drawing.add(legend)


def _axis_fonts(chart: Any) -> None:
    font = register_fonts()
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, 8


def bar_chart(categories: Sequence[str], series: Mapping[str, Sequence[Decimal]], names: Sequence[str],
              caption: str, height: float = 70 * mm) -> Drawing:
    """Grouped bars: one group per category (year), one bar per series (family)."""
    width = CONTENT_W
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 16 * mm, 16 * mm, width - 20 * mm, height - 26 * mm
    chart.data = [[float(v) for v in values] for values in series.values()] or [[0]]
    chart.categoryAxis.categoryNames = list(categories) or [""]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = "%0.2f" if max((max(v) for v in chart.data), default=0) < 10 else "%0.0f"
    chart.groupSpacing, chart.barSpacing = 6, 0.5
    for n in range(len(chart.data)):
        chart.bars[n].fillColor = PALETTE[n % len(PALETTE)]
        chart.bars[n].strokeColor = None
    _axis_fonts(chart)
    d.add(chart)
    d.add(String(16 * mm, height - 6 * mm, caption, fontName=register_fonts(), fontSize=9))
    _legend(d, names, 16 * mm, 6 * mm)
    return d


def line_chart(categories: Sequence[str], series: Mapping[str, Sequence[int]], names: Sequence[str], caption: str,
               height: float = 60 * mm) -> Drawing:
    """Lines by month (registrations, changes, cancellations); every sixth month labelled when there are many."""
    width = CONTENT_W
    d = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 16 * mm, 16 * mm, width - 20 * mm, height - 26 * mm
    chart.data = [[float(v) for v in values] for values in series.values()] or [[0]]
    if len(categories) > 24:  # years: each January labelled with its year
        labels = [c[:4] if c.endswith("-01") else "" for c in categories]
    else:
        step = max(1, len(categories) // 12)
        labels = [c if n % step == 0 else "" for n, c in enumerate(categories)]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.visibleTicks = len(categories) <= 24  # a tick per month is a comb at ten years
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = "%0.0f"
    top = max((max(v) for v in chart.data), default=0)
    chart.valueAxis.valueStep = max(1, math.ceil(top / 5))  # counts: whole steps, never 0, 0.5, 1
    for n in range(len(chart.data)):
        chart.lines[n].strokeColor = PALETTE[n % len(PALETTE)]
        chart.lines[n].strokeWidth = 1.2
    _axis_fonts(chart)
    d.add(chart)
    d.add(String(16 * mm, height - 6 * mm, caption, fontName=register_fonts(), fontSize=9))
    _legend(d, names, 16 * mm, 6 * mm)
    return d


def risk_chart(rows: Sequence[dict[str, Any]], caption: str) -> Drawing:
    """Horizontal bars, one per rule (most severe at the top, as the rows come), stacked by severity."""
    p = pivot(rows, "rule", "severity", "signals")
    first: dict[str, int] = {}
    for n, r in enumerate(rows):
        first.setdefault(str(r["rule"]), n)
    rules = sorted(p.categories, key=lambda c: -first.get(c, 0))  # the first category is drawn at the bottom
    rank = {s.value: n for s, n in SEVERITY_RANK.items()}
    severities = sorted(p.series, key=lambda s: -rank.get(str(s), -1))
    height = (30 + 7 * len(rules)) * mm
    d = Drawing(CONTENT_W, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34 * mm, 16 * mm, CONTENT_W - 40 * mm, height - 26 * mm
    chart.data = [[float(dict(zip(p.categories, p.series[s], strict=True))[r]) for r in rules]
                  for s in severities] or [[0]]
    chart.categoryAxis.categoryNames = [value_text("rule", r) for r in rules] or [""]
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = "%0.0f"
    top = max((sum(column) for column in zip(*chart.data, strict=True)), default=0)
    chart.valueAxis.valueStep = max(1, math.ceil(top / 5))
    palette = [SEVERITY_COLOURS.get(str(s), PALETTE[-1]) for s in severities]
    for n in range(len(chart.data)):
        chart.bars[n].fillColor = palette[n % len(palette)] if palette else PALETTE[0]
        chart.bars[n].strokeColor = None
    _axis_fonts(chart)
    d.add(chart)
    d.add(String(34 * mm, height - 6 * mm, caption, fontName=register_fonts(), fontSize=9))
    _legend(d, [value_text("severity", s) for s in severities], 34 * mm, 6 * mm, palette)
    return d


def _cells(keys: Sequence[str], row: dict[str, Any]) -> list[str]:
    out = []
    for k in keys:
        v = row.get(k, "")
        out.append(f"{v:,.2f}" if isinstance(v, Decimal) and k in MONEY_KEYS else
                   (str(v) if not isinstance(v, str) or k in ("month",) else value_text(k, v)))
    return out


def _table(keys: Sequence[str], rows: Sequence[dict[str, Any]], totals: dict[str, Any] | None,
           unit: Unit | None = None, figure: str = "") -> Flowable:
    body = [_cells(keys, r) for r in rows]
    if totals is not None:
        body.append(["合计", *_cells(keys[1:], totals)])
    widths = [CONTENT_W / mm / len(keys)] * len(keys)
    table = grid_table(headers(keys, "zh", unit, figure), body, widths, align_center=[0])
    numeric = [n for n, k in enumerate(keys) if k not in TEXT_KEYS]
    table.setStyle(TableStyle([("ALIGN", (c, 1), (c, -1), "RIGHT") for c in numeric]))
    return table


def _year_table(stats: Any, p: Any, names: Sequence[str]) -> Flowable:
    """Years down, families across (the amounts, like table 2 of the national reports), then the year's total
    and its number of pledges; a last row 合计."""
    counts: dict[str, int] = {}
    for r in stats.rows:
        counts[str(r["year"])] = counts.get(str(r["year"]), 0) + r["count"]
    body = []
    for n, year in enumerate(p.categories):
        amounts = [values[n] for values in p.series.values()]
        body.append([year, *[f"{a:,.2f}" for a in amounts], f"{sum(amounts):,.2f}", f"{counts.get(year, 0):,}"])
    columns = [sum(values) for values in p.series.values()]
    body.append(["合计", *[f"{a:,.2f}" for a in columns], f"{stats.amount:,.2f}", f"{stats.count:,}"])
    header = ["年份", *names, f"合计（{pick(UNIT_LABELS[stats.unit], 'zh')}）", "笔数"]
    width = CONTENT_W / mm / len(header)
    table = grid_table(header, body, [width] * len(header), align_center=[0])
    table.setStyle(TableStyle([("ALIGN", (c, 1), (c, -1), "RIGHT") for c in range(1, len(header))]))
    return table


def statistics_story(by_year_family: Any, monthly: Any = None, decisions: Any = None, rights: Any = None, *,
                     scope: str, issued_at: datetime, risk: Any = None, disposal: Any = None) -> list[Flowable]:
    """The report's content: ``by_year_family`` a :class:`PledgeStats` grouped by year and family; the others
    :class:`~ipdesk.services.statistics.activity.Table`\\ s (optional; a figure without rows is left out and the
    sections are numbered as they come)."""
    unit = by_year_family.unit
    numbers = iter(NUMERALS)
    story: list[Flowable] = [Title(TITLE)]
    story.append(plain_row(f"统计范围：{scope}", f"制表时间：{issued_at:%Y-%m-%d %H:%M}"))
    story.append(para("说明：统计已登记的质押（含此后注销的，计入登记当年）；不予登记、撤回和审查中的申请不计入。"
                      "一笔质押含多类权利的计入“混合”，合计中只计一次。", "note"))
    story.append(para(f"{next(numbers)}、按年份和类别的质押登记笔数与担保债权数额", "section"))
    p = pivot(by_year_family.rows, "year", "family", "amount", FAMILIES)
    names = [pick(FAMILY_LABELS.get(k, (k, k)), "zh") for k in p.series]
    story.append(bar_chart(p.categories, p.series, names, f"担保债权数额（{pick(UNIT_LABELS[unit], 'zh')}）"))
    story.append(Spacer(1, 2 * mm))
    story.append(_year_table(by_year_family, p, names))
    if monthly is not None and monthly.rows:
        story.append(CondPageBreak(90 * mm))
        story.append(para(f"{next(numbers)}、按月份的登记、变更、注销", "section"))
        keys = ("registered", "changed", "cancelled")
        filled = every_month(monthly.rows, keys)  # quiet months at zero: the line does not skip them
        months = [r["month"] for r in filled]
        series = {k: [r[k] for r in filled] for k in keys}
        story.append(line_chart(months, series, headers(tuple(series)), "件数"))
        story.append(Spacer(1, 2 * mm))
        recent = filled[-RECENT_MONTHS:]
        if len(filled) > RECENT_MONTHS:
            story.append(para(f"下表列示最近 {RECENT_MONTHS} 个月（合计为全部月份）；逐月数据见 Excel 导出。", "note"))
        story.append(_table(monthly.keys, recent, monthly.totals))
    if decisions is not None and decisions.rows:
        story.append(CondPageBreak(40 * mm))
        story.append(para(f"{next(numbers)}、办结用时与按期办结率", "section"))
        story.append(_table(decisions.keys, decisions.rows, decisions.totals))
    if rights is not None and rights.rows:
        story.append(CondPageBreak(40 * mm))
        story.append(para(f"{next(numbers)}、质押中权利的年费状态与风险提示", "section"))
        rights_keys = ("kind", "rights", "fees_paid", "fees_late", "fees_lapsed", "fees_untracked", "flagged")
        story.append(_table(rights_keys, rights.rows, rights.totals))
    if risk is not None and risk.rows:
        story.append(CondPageBreak(90 * mm))
        story.append(para(f"{next(numbers)}、未解除的风险信号（按规则和严重程度）", "section"))
        story.append(risk_chart(risk.rows, "未解除信号数"))
        story.append(Spacer(1, 2 * mm))
        story.append(_table(risk.keys, risk.rows, risk.totals, figure="risk"))
    if disposal is not None and disposal.rows:
        story.append(CondPageBreak(90 * mm))
        story.append(para(f"{next(numbers)}、处置结果：回收率与结案用时（按结案年份）", "section"))
        years = [str(r["year"]) for r in disposal.rows]
        story.append(bar_chart(years, {"rate": [r["recovery_percent"] for r in disposal.rows]},
                               ["回收率（%）"], "回收率（%）", height=60 * mm))
        story.append(Spacer(1, 2 * mm))
        story.append(_table(disposal.keys, disposal.rows, disposal.totals, figure="disposal"))
        story.append(Spacer(1, 2 * mm))
        story.append(para("回收率 = 处置所得 ÷ 债权；债权为清偿分配时的本金、利息、罚息和实现债权费用，"
                          "清偿分配未记录债权的按质押登记的担保债权数额。", "note"))
    return story


def render_statistics(out: Path | str | BinaryIO, by_year_family: Any, monthly: Any = None, decisions: Any = None,
                      rights: Any = None, *, office_name: str, issued_at: datetime, scope: str = "全部年份",
                      risk: Any = None, disposal: Any = None) -> None:
    """Write the statistics report to ``out`` (a path or a binary stream)."""
    story = statistics_story(by_year_family, monthly, decisions, rights, scope=scope, issued_at=issued_at,
                             risk=risk, disposal=disposal)
    meta = PageMeta(office_name=office_name, title=TITLE, serial=f"TJ{issued_at:%Y%m%d%H%M%S}", issued_at=issued_at)
    build_pdf(out, story, meta)
