"""A right's monitoring entries (rights-protection custody) as a small table, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ipdesk.domain.custody.monitoring import (
    KIND_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    MonitoringEntry,
    MonitoringKind,
    MonitoringStatus,
)
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.formatting import format_date


class MonitoringModel(RowListModel):
    """Date, kind, counterparty, case no., status, outcome, closed on; an open invalidation request in red."""

    columns = (
        ("opened_on", "发生日期", "Date"),
        ("kind", "事项类型", "Kind"),
        ("counterparty", "对方当事人", "Counterparty"),
        ("reference", "案号", "Case no."),
        ("status", "状态", "Status"),
        ("outcome", "结果", "Outcome"),
        ("closed_on", "结案日期", "Closed on"),
    )

    def set_entries(self, entries: Sequence[MonitoringEntry]) -> None:
        self.set_rows([{"entry": e} for e in entries])

    def entry(self, row: int) -> MonitoringEntry:
        return self.row_data(row)["entry"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        e: MonitoringEntry = row["entry"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "opened_on": format_date(e.opened_on),
                "kind": pick(KIND_LABELS[e.kind], self.lang),
                "counterparty": e.counterparty,
                "reference": e.reference,
                "status": pick(STATUS_LABELS[e.status], self.lang),
                "outcome": pick(OUTCOME_LABELS[e.outcome], self.lang) if e.outcome else "",
                "closed_on": format_date(e.closed_on),
            }.get(key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            flagged = e.status is MonitoringStatus.OPEN and e.kind is MonitoringKind.INVALIDATION
            tone = "bad" if flagged else "info" if e.status is MonitoringStatus.OPEN else "muted"
            return QBrush(QColor(TONES[tone][1]))
        if role == Qt.ItemDataRole.ToolTipRole and key in ("kind", "counterparty") and (e.documents or e.notes):
            return "\n".join(t for t in (e.documents, e.notes, e.outcome_notes) if t)
        return None
