"""The valuation history of a right (or of a pledge's rights) as a small table: tens of rows, read whole."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from ipdesk.domain.valuation.valuation import METHOD_LABELS, Valuation, current
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.formatting import format_date, format_money

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def standing(valuation: Valuation, current_id: int | None, today: date) -> tuple[str, str]:
    """The valuation's standing today as (text, tone): current, superseded (valid but not the latest), expired."""
    if valuation.id == current_id:
        return QCoreApplication.translate("ValuationHistoryModel", "当前"), "ok"
    if valuation.valid_until < today:
        return QCoreApplication.translate("ValuationHistoryModel", "已过期"), "muted"
    if valuation.value_date > today:  # recorded under an earlier clock; not yet in force
        return QCoreApplication.translate("ValuationHistoryModel", "未生效"), "muted"
    return QCoreApplication.translate("ValuationHistoryModel", "已被替代"), "muted"


class ValuationHistoryModel(RowListModel):
    """Newest first: value date, method, value, forced-sale value, valid until, evaluator, rights, standing."""

    columns = (
        ("value_date", "评估基准日", "Value date"),
        ("method", "方法", "Method"),
        ("value", "评估价值（元）", "Value (yuan)"),
        ("forced_sale_value", "快速变现价值（元）", "Forced-sale value (yuan)"),
        ("valid_until", "有效期至", "Valid until"),
        ("evaluator", "评估机构", "Evaluator"),
        ("rights", "评估权利", "Rights valued"),
        ("standing", "状态", "Standing"),
    )

    def set_valuations(self, valuations: Sequence[Valuation], today: date) -> None:
        now = current(valuations, today)
        rows = []
        for v in sorted(valuations, key=lambda v: (v.value_date, v.id), reverse=True):
            text, tone = standing(v, now.id if now else None, today)
            rows.append({"valuation": v, "standing": text, "tone": tone})
        self.set_rows(rows)

    def valuation(self, row: int) -> Valuation:
        return self.row_data(row)["valuation"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        v: Valuation = row["valuation"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "value_date": format_date(v.value_date),
                "method": pick(METHOD_LABELS[v.method], self.lang),
                "value": format_money(v.value),
                "forced_sale_value": format_money(v.forced_sale_value) or "—",
                "valid_until": format_date(v.valid_until),
                "evaluator": v.evaluator_name,
                "rights": ("、" if self.lang == "zh" else ", ").join(r.number for r in v.rights),
                "standing": row["standing"],
            }.get(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("value", "forced_sale_value"):
            return int(_RIGHT.value)
        if role == Qt.ItemDataRole.ForegroundRole and key == "standing":
            return QBrush(QColor(TONES[row["tone"]][1]))
        if role == Qt.ItemDataRole.ToolTipRole and key in ("rights", "evaluator") and v.report_no:
            return QCoreApplication.translate("ValuationHistoryModel", "评估报告：{no}").format(no=v.report_no)
        return None
