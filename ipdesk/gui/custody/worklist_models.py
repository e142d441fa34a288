"""The custodian's worklist (fees due and overdue, bands coloured) and the custody agreements, as tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ipdesk.domain.custody.maintenance import PAYER_LABELS, WorkItem
from ipdesk.domain.fees.schedule import YearStatus
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.fees.schedule_model import STATUS_LABELS, band_tone, percent_text
from ipdesk.gui.formatting import format_date, format_money


class WorklistModel(RowListModel):
    """Due date, number, title, year, band, amount due today, status, custodian, who pays."""

    columns = (
        ("due_date", "缴费截止日", "Due date"),
        ("number", "专利号", "Patent"),
        ("title", "名称", "Title"),
        ("year", "年度", "Year"),
        ("band", "滞纳金比例", "Surcharge"),
        ("amount_due", "应缴金额（元）", "Amount due (yuan)"),
        ("status", "状态", "Status"),
        ("custodian", "托管机构", "Custodian"),
        ("payer", "缴费方", "Who pays"),
    )

    def set_items(self, items: Sequence[WorkItem]) -> None:
        self.set_rows([{"item": i} for i in items])

    def item(self, row: int) -> WorkItem:
        return self.row_data(row)["item"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        i: WorkItem = row["item"]
        tone = band_tone(i.status, i.surcharge_rate)
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "due_date": format_date(i.due_date), "number": i.number, "title": i.title, "year": str(i.year),
                "band": percent_text(i.surcharge_rate) if i.status is not YearStatus.DUE else "",
                "amount_due": format_money(i.amount_due), "status": pick(STATUS_LABELS[i.status], self.lang),
                "custodian": i.custodian, "payer": pick(PAYER_LABELS[i.payer], self.lang),
            }.get(key)
        if role == BadgeToneRole and key == "status":
            return tone
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and key == "band" \
                and tone in ("warn", "bad"):
            return QBrush(QColor(TONES[tone][0 if role == Qt.ItemDataRole.BackgroundRole else 1]))
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("amount_due", "band", "year"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "status" and i.status is YearStatus.LATE:
            return format_date(i.late_until)
        return None


class AgreementsModel(RowListModel):
    """Reference, custodian, term, who pays, fee budget, number of rights."""

    columns = (
        ("reference", "协议编号", "Agreement no."),
        ("custodian", "托管机构", "Custodian"),
        ("starts_on", "起始日", "From"),
        ("ends_on", "终止日", "Until"),
        ("payer", "缴费方", "Who pays"),
        ("fee_budget", "年费预算（元）", "Fee budget (yuan)"),
        ("rights", "权利数", "Rights"),
    )

    def set_agreements(self, agreements: Sequence[Any]) -> None:
        self.set_rows([{"agreement": a} for a in agreements])

    def agreement(self, row: int) -> Any:
        return self.row_data(row)["agreement"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        a = row["agreement"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "reference": a.reference or f"#{a.id}", "custodian": a.custodian, "starts_on": format_date(a.starts_on),
                "ends_on": format_date(a.ends_on) if a.ends_on else "—",
                "payer": pick(PAYER_LABELS[a.payer], self.lang),
                "fee_budget": format_money(a.fee_budget) if a.fee_budget is not None else "—",
                "rights": str(len(a.right_numbers)),
            }.get(key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "rights":
            return "\n".join(a.right_numbers)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("fee_budget", "rights"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
