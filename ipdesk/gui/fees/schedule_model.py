"""A patent's fee schedule as a table: one row per patent year, the status and the late band coloured."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ipdesk.domain.fees.schedule import YearFee, YearStatus
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.formatting import format_date, format_money

STATUS_LABELS: dict[YearStatus, tuple[str, str]] = {
    YearStatus.PAID: ("已缴", "Paid"),
    YearStatus.DUE: ("待缴", "Due"),
    YearStatus.LATE: ("滞纳", "Late"),
    YearStatus.LAPSED: ("已失效", "Lapsed"),
    YearStatus.FUTURE: ("未到期", "Future"),
}


def band_tone(status: YearStatus, rate: Decimal) -> str | None:
    """The colour of a fee's state: paid green, due blue, late amber (red from the 20 % band), lapsed red.
    Always shown with its text (the status and the percentage), never colour alone."""
    if status is YearStatus.PAID:
        return "ok"
    if status is YearStatus.DUE:
        return "info"
    if status is YearStatus.LATE:
        return "bad" if rate >= 20 else "warn"
    if status is YearStatus.LAPSED:
        return "bad"
    return None


def percent_text(rate: Decimal) -> str:
    return f"{format(rate.normalize(), 'f')}%"


class FeeScheduleModel(RowListModel):
    """Year, due date, full fee, payable, paid, surcharge band, amount due today, status."""

    columns = (
        ("year", "年度", "Year"),
        ("due_date", "缴费截止日", "Due date"),
        ("fee", "年费", "Fee"),
        ("payable", "费减后", "Payable"),
        ("paid", "已缴", "Paid"),
        ("surcharge_rate", "滞纳金", "Surcharge"),
        ("amount_due", "今日应缴", "Due today"),
        ("status", "状态", "Status"),
    )
    _MONEY = ("fee", "payable", "paid", "amount_due")

    def set_years(self, years: Sequence[YearFee]) -> None:
        self.set_rows([{"line": y} for y in years])

    def line(self, row: int) -> YearFee:
        return self.row_data(row)["line"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        y: YearFee = row["line"]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "year":
                return str(y.year)
            if key == "due_date":
                return format_date(y.due_date)
            if key in self._MONEY:
                return format_money(getattr(y, key))
            if key == "surcharge_rate":
                late = y.status in (YearStatus.LATE, YearStatus.LAPSED) or (y.status is YearStatus.PAID and y.surcharge)
                return f"{percent_text(y.surcharge_rate)}  {format_money(y.surcharge)}" if late else ""
            if key == "status":
                return pick(STATUS_LABELS[y.status], self.lang)
            return None
        tone = band_tone(y.status, y.surcharge_rate)
        if role == BadgeToneRole and key == "status":
            return tone
        if role == Qt.ItemDataRole.BackgroundRole and key == "surcharge_rate" and tone in ("warn", "bad") \
                and y.status is not YearStatus.PAID:
            return QBrush(QColor(TONES[tone][0]))
        if role == Qt.ItemDataRole.ForegroundRole and key == "surcharge_rate" and tone in ("warn", "bad") \
                and y.status is not YearStatus.PAID:
            return QBrush(QColor(TONES[tone][1]))
        if role == Qt.ItemDataRole.TextAlignmentRole and (key in self._MONEY or key == "surcharge_rate"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "status" and y.status in (YearStatus.LATE, YearStatus.LAPSED):
            return format_date(y.late_until if y.status is YearStatus.LATE else y.restorable_until)
        return None
