"""The words and shapes of the statistics' figures: the labels of families, kinds and columns (Chinese and
English), a row value in words, and the year × family pivot the charts and the report's table draw (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ipdesk.domain.registry.rights import KIND_LABELS, RightKind
from ipdesk.domain.risk.rules import RULE_LABELS, SEVERITY_LABELS, RuleCode, Severity
from ipdesk.domain.statistics.pledges import Dimension, Unit

FAMILY_LABELS: dict[str, tuple[str, str]] = {
    "patent": ("专利", "Patent"), "trademark": ("商标", "Trademark"), "copyright": ("著作权", "Copyright"),
    "mixed": ("混合", "Mixed"),
}
MIXED_KIND = ("多种权利", "Several kinds")
UNIT_LABELS: dict[Unit, tuple[str, str]] = {Unit.YUAN: ("元", "yuan"), Unit.WAN: ("万元", "10k yuan"),
                                            Unit.YI: ("亿元", "100m yuan")}
DIMENSION_LABELS: dict[Dimension, tuple[str, str]] = {
    Dimension.YEAR: ("年份", "Year"), Dimension.FAMILY: ("类别", "Family"), Dimension.BANK: ("质权人", "Pledgee"),
    Dimension.REGION: ("地区（出质人）", "Region (pledgor)"), Dimension.KIND: ("权利种类", "Kind of right"),
}
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "count": ("笔数", "Pledges"), "amount": ("担保债权数额", "Secured amount"),
    "month": ("月份", "Month"), "registered": ("登记", "Registrations"), "changed": ("变更", "Changes"),
    "cancelled": ("注销", "Cancellations"),
    "decided": ("办结", "Decided"), "refused": ("不予登记", "Refused"),
    "average_days": ("平均用时（天）", "Average days"),
    "on_time": ("按期办结", "On time"), "on_time_percent": ("按期率（%）", "On time (%)"),
    "rights": ("质押中权利", "Rights pledged"), "fees_paid": ("年费已缴", "Fees paid"),
    "fees_late": ("滞纳期", "Late period"), "fees_lapsed": ("已过滞纳期", "Past late period"),
    "fees_untracked": ("不适用/未跟踪", "Not tracked"), "invalidation": ("无效宣告请求", "Invalidation requested"),
    "dispute": ("权属纠纷", "Ownership dispute"), "preservation": ("保全", "Court preservation"),
    "flagged": ("有风险提示", "Flagged"),
    # the risk signals' figure
    "rule": ("风险规则", "Rule"), "severity": ("严重程度", "Severity"), "signals": ("未解除信号", "Open signals"),
    "pledges": ("涉及质押", "Pledges"),
    # the disposal outcomes' figure (amounts in yuan)
    "closed": ("结案", "Closed"), "settled": ("已清偿分配", "Settled"),
    "proceeds": ("处置所得（元）", "Proceeds (yuan)"),
    "secured": ("债权（元）", "Claim (yuan)"), "recovery_percent": ("回收率（%）", "Recovery (%)"),
    **{d.value: v for d, v in DIMENSION_LABELS.items()},
}
#: Where a figure names a column otherwise than :data:`COLUMN_LABELS` (the risk figure's rights are the distinct
#: rights its signals name, not the rights pledged).
FIGURE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "risk": {"rights": ("涉及权利", "Rights")},
    "disposal": {"average_days": ("平均结案天数", "Average days to close")},
}
#: The columns holding words (left-aligned, translated by :func:`value_text`), not numbers.
TEXT_KEYS = ("year", "month", "family", "kind", "bank", "region", "rule", "severity")
#: The columns holding yuan (shown with thousands separators and two decimals).
MONEY_KEYS = ("amount", "proceeds", "secured")


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def value_text(key: str, value: Any, lang: str = "zh") -> str:
    """A row's dimension value in words: 专利, 发明专利, an empty region as 未填写."""
    if key == "family":
        return pick(FAMILY_LABELS.get(value, (value, value)), lang)
    if key == "kind":
        if value == "mixed":
            return pick(MIXED_KIND, lang)
        try:
            return pick(KIND_LABELS[RightKind(value)], lang)
        except ValueError:
            return value or ("未填写" if lang != "en" else "not given")
    if key == "region" and not value:
        return "未填写" if lang != "en" else "not given"
    if key == "rule":
        try:
            return pick(RULE_LABELS[RuleCode(value)], lang)
        except ValueError:
            return str(value)
    if key == "severity":
        try:
            return pick(SEVERITY_LABELS[Severity(value)], lang)
        except ValueError:
            return str(value)
    return str(value)


def amount_header(unit: Unit, lang: str = "zh") -> str:
    return f"{pick(COLUMN_LABELS['amount'], lang)}（{pick(UNIT_LABELS[unit], lang)}）" if lang != "en" else (
        f"Secured amount ({pick(UNIT_LABELS[unit], lang)})")


def column_label(key: str, figure: str = "") -> tuple[str, str]:
    """A column's header (Chinese, English), as ``figure`` names it if it names it otherwise."""
    return FIGURE_LABELS.get(figure, {}).get(key) or COLUMN_LABELS.get(key, (key, key))


def headers(keys: Sequence[str], lang: str = "zh", unit: Unit | None = None, figure: str = "") -> list[str]:
    return [amount_header(unit, lang) if k == "amount" and unit is not None
            else pick(column_label(k, figure), lang) for k in keys]


@dataclass(frozen=True)
class Pivot:
    """Categories along one axis (years), one series per value of the other (families), zero where none."""

    categories: tuple[str, ...]
    series: dict[str, tuple[Decimal, ...]]  # series key → one value per category


def pivot(rows: Sequence[Mapping[str, Any]], across: str, by: str, value: str,
          order: Sequence[str] = ()) -> Pivot:
    """``rows`` (e.g. year, family, amount) as a table of ``across`` × ``by``; series in ``order`` first."""
    categories = sorted({str(r[across]) for r in rows})
    keys = [k for k in order if any(r[by] == k for r in rows)]
    keys += sorted({r[by] for r in rows} - set(keys))
    cells: dict[tuple[str, Any], Decimal] = {}
    for r in rows:
        cell = (str(r[across]), r[by])
        cells[cell] = cells.get(cell, Decimal(0)) + Decimal(r[value])
    return Pivot(tuple(categories), {k: tuple(cells.get((c, k), Decimal(0)) for c in categories) for k in keys})


def every_month(rows: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    """Monthly rows (``month`` ``YYYY-MM``, only months with events) with the months between filled with zeros,
    so a line over time does not jump a quiet month."""
    if not rows:
        return []
    have = {r["month"]: r for r in rows}
    year, month = (int(x) for x in rows[0]["month"].split("-"))
    last = rows[-1]["month"]
    out = []
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append(dict(have.get(key) or {"month": key, **{k: 0 for k in keys}}))
        if key >= last:
            return out
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
