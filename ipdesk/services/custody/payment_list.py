"""The month's batch payment list of a custodian as CSV (UTF-8 with BOM for Excel) or XLSX: one line per fee,
in the order of the due dates, every text cell formula-safe (through ipdesk.services.tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ipdesk.domain.custody.maintenance import PAYER_LABELS, WorkItem
from ipdesk.services.tables import Sheet, write_table

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
    return write_table(path, Sheet("年费缴纳清单", HEADER_ZH, payment_rows(items)))
