"""The statistics' tables (one figure each: its dimension columns, counts and amounts, a 合计 row) and the deadline
digest (due day, days left coloured, what, number, name, detail, amount) as Qt models.

Figures are aggregates of tens or hundreds of rows that the service returns whole (computed in SQL), so these
are in-memory row lists, not lazily paged registers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ipdesk.domain.statistics.digest import KIND_LABELS, DueItem
from ipdesk.domain.statistics.figures import MONEY_KEYS, TEXT_KEYS, amount_header, column_label, pick, value_text
from ipdesk.domain.statistics.pledges import Unit
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.formatting import format_date, format_money

TRANSLATED = ("family", "kind", "region", "rule", "severity")  # stored as codes, shown in words
TOTAL = ("合计", "Total")
TotalRole = int(Qt.ItemDataRole.UserRole) + 40  # True on the totals row


class FigureModel(RowListModel):
    """One figure: ``keys`` its columns (dimensions first), a last row 合计 with the totals."""

    def __init__(self, lang: str | None = None, parent: Any = None):
        super().__init__(lang, parent)
        self.columns: list[tuple[str, str, str]] = []
        self.totals: dict[str, Any] = {}

    def set_figure(self, keys: Sequence[str], rows: Sequence[dict[str, Any]], totals: dict[str, Any] | None,
                   unit: Unit | None = None, figure: str = "") -> None:
        """``figure``: its name where it labels a column its own way (:data:`~ipdesk.domain.statistics.figures.
        FIGURE_LABELS`)."""
        cols = []
        for k in keys:
            if k == "amount" and unit is not None:
                cols.append((k, amount_header(unit, "zh"), amount_header(unit, "en")))
            else:
                label = column_label(k, figure)
                cols.append((k, label[0], label[1]))
        self.beginResetModel()
        self.columns = cols
        self.totals = dict(totals or {})
        self.endResetModel()
        body = [dict(r) for r in rows]
        if totals is not None:
            body.append({**{k: "" for k in keys}, **totals, keys[0]: pick(TOTAL, self.lang), "_total": True})
        self.set_rows(body)

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        value = row.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if row.get("_total") and key == self.columns[0][0]:
                return str(value)
            if key in MONEY_KEYS and value not in ("", None):
                return format_money(value)
            if key in TRANSLATED and not row.get("_total"):
                return value_text(key, value, self.lang)
            return "" if value is None else str(value)
        if role == TotalRole:
            return bool(row.get("_total"))
        if role == Qt.ItemDataRole.FontRole and row.get("_total"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = key not in TEXT_KEYS
            return int((Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:  # the typed value (Decimal, int, str) for exports and tests
            return value
        return None


def days_tone(days: int) -> str:
    """Passed red, within three days amber, later blue (always with the number: never colour alone)."""
    return "bad" if days < 0 else "warn" if days <= 3 else "info"


class DigestModel(RowListModel):
    """The deadline digest, earliest first, shown a page at a time: the office's digest can hold tens of
    thousands of items (27 k at 200 k pledges), and the view asks for the next page (``fetchMore``) as it is
    scrolled to the end; what the view has not reached costs nothing on the GUI thread (fitting the columns read
    every row shown). The export and the summary take the whole digest."""

    PAGE = 200

    columns = (
        ("due", "到期日", "Due"),
        ("days_left", "剩余天数", "Days left"),
        ("kind", "事项", "What"),
        ("reference", "编号", "Number"),
        ("subject", "名称", "Name"),
        ("detail", "内容", "Detail"),
        ("amount", "金额（元）", "Amount (yuan)"),
    )

    def __init__(self, lang: str | None = None, parent: Any = None):
        super().__init__(lang, parent)
        self.today: date | None = None
        self._items: tuple[DueItem, ...] = ()

    def set_digest(self, digest: Any) -> None:
        self.today = digest.as_of
        self._items = tuple(digest.items)
        self.set_rows([{"item": i} for i in self._items[:self.PAGE]])

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < len(self._items)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        start = len(self._rows)
        more = self._items[start:start + self.PAGE]
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend({"item": i} for i in more)
        self.endInsertRows()

    def item(self, row: int) -> DueItem:
        return self.row_data(row)["item"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        i: DueItem = row["item"]
        days = i.days_left(self.today) if self.today else 0
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "days_left":
                return str(days)
            return {"due": format_date(i.due), "kind": pick(KIND_LABELS[i.kind], self.lang), "reference": i.reference,
                    "subject": i.subject, "detail": i.detail(self.lang),
                    "amount": "" if i.amount is None else format_money(Decimal(i.amount))}.get(key)
        if role == BadgeToneRole and key == "days_left":
            return days_tone(days)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("days_left", "amount"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
