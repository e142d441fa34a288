"""The one table writer: cells that cannot run in Excel or WPS, money and dates typed in XLSX, ISO and two places
in CSV, several sheets in one workbook."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from ipdesk.services.tables import Sheet, write_table

EVIL = '=HYPERLINK("http://x","点击")'


def sheets() -> list[Sheet]:
    return [Sheet("质押登记", ["名称", "日期", "金额"],
                  [[EVIL, date(2026, 12, 1), Decimal("1234.5")], ["-1+1", None, 0]], preface=[["@SUM(A1)"]]),
            Sheet("按月", ["月份", "登记"], [["2026-12", 3]])]


def test_xlsx_cells_are_inert_and_typed(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    assert write_table(path, sheets()) == 3
    book = load_workbook(path)
    assert book.sheetnames == ["质押登记", "按月"]
    first = book["质押登记"]
    assert first["A1"].value == "'@SUM(A1)" and first["A2"].value == "名称"
    assert first["A3"].value == "'" + EVIL and first["A4"].value == "'-1+1"
    assert first["B3"].is_date and first["C3"].value == 1234.5 and first["C3"].number_format == "#,##0.00"
    assert book["按月"]["B2"].value == 3


def test_csv_has_a_bom_iso_dates_and_two_places(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_table(path, sheets()[0])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.read_text("utf-8-sig").splitlines()))
    assert rows == [["'@SUM(A1)"], ["名称", "日期", "金额"], ["'" + EVIL, "2026-12-01", "1234.50"], ["'-1+1", "", "0"]]
