"""The 银企对接 tables: the events (lazy, paged from SQL with their totals) and one event's credit lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from ipdesk.domain.matchmaking.lines import LINE_STATUS_LABELS, LineStatus
from ipdesk.gui.common.models.lazy_table import BadgeToneRole, LazyTableModel
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.formatting import format_money

LINE_BADGES = {LineStatus.INTENDED: "info", LineStatus.APPROVED: "warn", LineStatus.CONVERTED: "ok",
               LineStatus.WITHDRAWN: "muted"}


def event_model(source: Any, lang: str, task_runner: Any = None, parent: Any = None) -> LazyTableModel:
    """The events, paged lazily from the matchmaking service's event source."""
    return LazyTableModel(source, lang=lang, task_runner=task_runner, parent=parent)


class LinesModel(RowListModel):
    """An event's credit lines in their order: bank, firm, amount, term, the patents, status, application."""

    columns = (("line", "授信编号", "Line"), ("bank", "授信银行", "Bank"), ("firm", "企业", "Firm"),
               ("amount", "授信额度（元）", "Amount (yuan)"), ("term", "期限（月）", "Term (months)"),
               ("rights", "提供的专利", "Patents offered"), ("status", "状态", "Status"),
               ("application", "质押申请", "Pledge application"))

    def set_lines(self, lines: Sequence[Any]) -> None:
        self.set_rows([{"line": line} for line in lines])

    def line(self, row: int) -> Any:
        return self.row_data(row)["line"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        line = row["line"]
        if role == Qt.ItemDataRole.DisplayRole:
            label = LINE_STATUS_LABELS[line.status]
            sep = ", " if self.lang == "en" else "、"
            return {"line": line.label, "bank": line.bank, "firm": line.firm, "amount": format_money(line.amount),
                    "term": str(line.term_months), "rights": sep.join(line.rights),
                    "status": label[1] if self.lang == "en" else label[0],
                    "application": line.application_no or "—"}.get(key)
        if role == BadgeToneRole and key == "status":
            return LINE_BADGES[line.status]  # the badge delegate's colour
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("amount", "term"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
