"""The statistics as spreadsheet sheets (one per figure, headers in the reader's language, values typed) for
:func:`ipdesk.services.tables.write_table`: the Excel export of the 统计 area and of ``ipdesk stats report``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ipdesk.domain.statistics.figures import headers, pick, value_text
from ipdesk.domain.statistics.pledges import Dimension
from ipdesk.services.statistics.activity import Table
from ipdesk.services.statistics.pledges import PledgeStats
from ipdesk.services.tables import Sheet, write_table

TEXT_KEYS = ("family", "kind", "region", "rule", "severity")  # codes written in words
SHEET_NAMES = {"pledges": ("质押登记", "Pledges"), "monthly": ("按月", "By month"),
               "decisions": ("办结用时", "Time to decision"), "rights": ("质押中权利", "Rights pledged"),
               "risk": ("风险信号", "Risk signals"), "disposal": ("处置结果", "Disposal outcomes")}
TOTAL = ("合计", "Total")
SHORT = {Dimension.YEAR: ("年份", "year "), Dimension.FAMILY: ("类别", "family "),
         Dimension.BANK: ("质权人", "pledgee "), Dimension.REGION: ("地区", "region "),
         Dimension.KIND: ("权利种类", "kind ")}


def _row(keys: Sequence[str], row: dict[str, Any], lang: str) -> list[Any]:
    return [value_text(k, row.get(k), lang) if k in TEXT_KEYS else row.get(k) for k in keys]


def _total(keys: Sequence[str], totals: dict[str, Any], lang: str) -> list[Any]:
    return [pick(TOTAL, lang), *[totals.get(k) for k in keys[1:]]]


def pledge_sheet(stats: PledgeStats, lang: str = "zh", named: bool = False) -> Sheet:
    """``named``: the sheet's name says its grouping (质押登记-质权人), for a workbook of several groupings."""
    keys = [d.value for d in stats.dimensions] + ["count", "amount"]
    rows = [_row(keys, r, lang) for r in stats.rows]
    rows.append(_total(keys, {"count": stats.count, "amount": stats.amount}, lang))
    name = pick(SHEET_NAMES["pledges"], lang)
    if named and stats.dimensions:
        name += "-" + "".join(pick(SHORT[d], lang) for d in stats.dimensions)
    return Sheet(name, headers(keys, lang, stats.unit), rows)


def table_sheet(name: str, table: Table, lang: str = "zh") -> Sheet:
    rows = [_row(table.keys, r, lang) for r in table.rows]
    rows.append(_total(table.keys, table.totals, lang))
    return Sheet(pick(SHEET_NAMES[name], lang), headers(table.keys, lang, figure=name), rows)


def export_statistics(path: Path, stats: PledgeStats | Sequence[PledgeStats], lang: str = "zh",
                      **tables: Table | None) -> int:
    """``stats`` (one grouping or several) and any of ``monthly``, ``decisions``, ``rights``, ``risk``, ``disposal``
    to ``path`` (.xlsx: a sheet each; CSV: one after the other); returns the number of lines written."""
    groupings = [stats] if isinstance(stats, PledgeStats) else list(stats)
    sheets = [pledge_sheet(s, lang, named=len(groupings) > 1) for s in groupings]
    sheets += [table_sheet(name, t, lang) for name, t in tables.items() if t is not None]
    return write_table(path, sheets)
