"""The streamed XLSX reader gives exactly what openpyxl's own read-only reader gives (cell for cell), for
files Excel writes (shared strings, date styles, sparse rows) and those openpyxl's write-only mode writes
(inline strings)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from ipdesk.services.registry.xlsx import read_xlsx

ROWS: list[list[Any]] = [
    ["专利号", "名称", "申请日", "份额", "法院保全", "备注"],
    ["ZL 201710601862.3", "一种图像处理装置 & <方法>", date(2017, 7, 25), 60, True, None],
    ["2017106018623", "  前后有空格  ", datetime(2020, 3, 10, 8, 30), 33.33, False, "=1+1"],
    [None, None, None, None, None, None],  # an empty row between data rows
    [2014103620773, "x", "2019-03-01", 1e21, None, time(12, 0)],
]


def openpyxl_rows(path: Path) -> list[list[Any]]:
    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def ours(path: Path) -> list[list[Any]]:
    header, rows = read_xlsx(path)
    out: dict[int, list[Any]] = {1: list(header)}
    for n, cells in rows:
        out[n] = cells
    width = max(len(c) for c in out.values())
    last = max(out)
    return [(out.get(i, []) + [None] * width)[:width] for i in range(1, last + 1)]


def trimmed(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows padded to one width (openpyxl pads only when the file states its dimension), trailing empties cut."""
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    while rows and not any(v is not None for v in rows[-1]):
        rows = rows[:-1]
    return rows


@pytest.mark.parametrize("write_only", [False, True])
def test_the_same_cells_as_openpyxl(tmp_path: Path, write_only: bool) -> None:
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet() if write_only else book.active
    for row in ROWS:
        sheet.append(row)
    if not write_only:
        sheet["H7"] = "远处的一格"  # a sparse cell far from the rest
        sheet["B9"] = CellRichText(["恒顺", TextBlock(InlineFont(b=True), "科技")])
        sheet["D9"].number_format = "yyyy-mm-dd"
        sheet["D9"] = 43000  # a date-styled number
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert trimmed(ours(path)) == trimmed(openpyxl_rows(path))


def test_a_sheet_whose_first_row_is_empty_has_no_header(tmp_path: Path) -> None:
    book = Workbook()
    book.active["A3"] = "ZL 201710601862.3"
    path = tmp_path / "book.xlsx"
    book.save(path)
    header, rows = read_xlsx(path)
    assert header == [] and list(rows) == [(3, ["ZL 201710601862.3"])]
