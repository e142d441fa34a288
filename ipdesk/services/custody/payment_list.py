"""The month's batch payment list of a custodian as CSV (UTF-8 with BOM for Excel) or XLSX: one line per fee,
in the order of the due dates, every text cell formula-safe (ipdesk.domain.shared.cells)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ipdesk.domain.custody.maintenance import PAYER_LABELS, WorkItem
from ipdesk.domain.shared.cells import inert_row

HEADER_ZH = ["序号", "专利号", "专利名称", "费用名称", "缴费截止日", "年费（费减后）", "滞纳金", "恢复权利请求费",
             "应缴合计", "缴费方", "托管机构"]


def payment_rows(items: list[WorkItem]) -> list[list[Any]]:
    rows = []
    for n, i in enumerate(items, 1):
        rows.append([n, i.number, i.title, f"第{i.year}年度年费", i.due_date, i.payable, i.surcharge,
                     i.restoration_fee, i.amount_due, PAYER_LABELS[i.payer][0], i.custodian])
    return rows


def write_payment_list(items: list[WorkItem], path: Path) -> int:
    """Write the list to ``path`` (.xlsx, else CSV); returns the number of lines. Money stays a number in XLSX."""
    from ipdesk.services.notices.service import atomic_write

    rows = payment_rows(items)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("年费缴纳清单")
        sheet.append(HEADER_ZH)
        for r in rows:
            sheet.append(inert_row(r))
        buf = io.BytesIO()
        book.save(buf)
        atomic_write(path, buf.getvalue())
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(HEADER_ZH)
        writer.writerows([inert_row(v.isoformat() if isinstance(v, date) else (f"{v:.2f}" if isinstance(v, Decimal)
                                                                               else v)
                                    for v in r) for r in rows])
        atomic_write(path, text.getvalue().encode("utf-8-sig"))
    return len(rows)
