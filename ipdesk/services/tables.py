"""The one writer of tables to CSV (UTF-8 with BOM, for Excel and WPS) or Excel (.xlsx): every export of a list
(the gazette, the custodian's payment list, the statistics, the deadline digest) goes through :func:`write_table`.

Cells are inert (:mod:`ipdesk.domain.shared.cells`: a text that would start a formula is quoted); in XLSX money
(``Decimal``) and dates stay typed values with a number format, so sums and sorting work; in CSV dates are ISO,
money has two places, ``None`` is empty. The file is written atomically (never half-written).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ipdesk.domain.shared.cells import inert, inert_row

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Sheet:
    """One table: its sheet name (XLSX), optional lines above the header (a title, the criteria), header, rows."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    preface: Sequence[Sequence[Any]] = ()


def csv_text(value: Any) -> Any:
    """A cell as CSV writes it: ISO dates, money with two places, nothing for ``None``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def table_bytes(sheets: Sheet | Iterable[Sheet], xlsx: bool) -> bytes:
    """The file's bytes: every sheet in one workbook (XLSX), or one after the other with a blank line (CSV)."""
    tables = [sheets] if isinstance(sheets, Sheet) else list(sheets)
    if xlsx:
        return _xlsx(tables)
    text = io.StringIO()
    writer = csv.writer(text)
    for n, t in enumerate(tables):
        if n:
            writer.writerow([])
        for line in t.preface:
            writer.writerow(inert_row(csv_text(v) for v in line))
        writer.writerow(inert_row(t.header))
        writer.writerows(inert_row(csv_text(v) for v in r) for r in t.rows)
    return text.getvalue().encode("utf-8-sig")


def write_table(path: Path, sheets: Sheet | Iterable[Sheet]) -> int:
    """Write ``sheets`` to ``path`` (.xlsx: Excel, anything else: CSV); returns the number of data rows."""
    from ipdesk.services.notices.service import atomic_write

    tables = [sheets] if isinstance(sheets, Sheet) else list(sheets)
    atomic_write(path, table_bytes(tables, path.suffix.lower() == ".xlsx"))
    return sum(len(t.rows) for t in tables)


def _xlsx(tables: list[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for t in tables:
        sheet = book.create_sheet(t.name[:31])  # Excel's limit on a sheet name
        for line in t.preface:
            sheet.append(inert_row(line))
        head = []
        for text in t.header:
            c = WriteOnlyCell(sheet, value=inert(text))
            c.font = bold
            head.append(c)
        sheet.append(head)
        for r in t.rows:
            out = []
            for value in r:
                c = WriteOnlyCell(sheet, value=inert(value))
                if isinstance(value, Decimal):
                    c.number_format = MONEY_FORMAT
                elif isinstance(value, datetime):
                    c.number_format = DATE_FORMAT + " hh:mm"
                elif isinstance(value, date):
                    c.number_format = DATE_FORMAT
                out.append(c)
            sheet.append(out)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
