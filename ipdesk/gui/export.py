"""Export the current view of a register (its query, its visible columns) to an Excel workbook.

Runs in a worker thread: pages are read from the source in chunks (the query is the SQL's, so a
filtered million-row register exports only what matches), written with openpyxl's write-only mode,
and the file is saved only at the end, so a cancelled export leaves no half-written workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ipdesk.domain.shared.cells import inert
from ipdesk.gui.tasks import Progress
from ipdesk.services.paging import Column, PageSource, Query, estimate_kind

CHUNK = 2000
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"


def export_xlsx(
    source: PageSource,
    query: Query,
    columns: Sequence[Column],
    path: Path,
    progress: Progress,
    *,
    cell: Any,
    headers: Sequence[str],
    sheet_title: str = "ipdesk",
) -> int:
    """Write every row matching ``query`` to ``path``; returns the number of rows written.

    Args:
        cell: ``cell(column, row_dict) -> value`` (the model's :meth:`LazyTableModel.export_value`).
        headers: the column titles in the UI language, in ``columns`` order.
    """
    from datetime import date, datetime

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    bold = Font(bold=True)
    head = []
    for text in headers:
        c = WriteOnlyCell(sheet, value=inert(text))
        c.font = bold
        head.append(c)
    sheet.append(head)
    total = source.count(query)
    estimated = bool(estimate_kind(total))  # then read on until a page comes back short
    written = 0
    while estimated or written < total:
        progress.check()
        rows = source.page(query, written, CHUNK)
        if not rows:
            break
        for row in rows:
            out = []
            for col in columns:
                value = inert(cell(col, row))
                c = WriteOnlyCell(sheet, value=value)
                if isinstance(value, Decimal):
                    c.number_format = MONEY_FORMAT
                elif isinstance(value, (date, datetime)):
                    c.number_format = (
                        DATE_FORMAT if not isinstance(value, datetime) else DATE_FORMAT + " hh:mm"
                    )
                out.append(c)
            sheet.append(out)
        written += len(rows)
        progress.report(written, max(total, written))
        if estimated and len(rows) < CHUNK:
            break
    progress.check()
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return written
