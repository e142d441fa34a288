"""The 专利池 area's tables: the pool register (lazy, paged from SQL), a pool's members (every membership
period, with its patents) and its licence incomes with what each member got."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from ipdesk.domain.marketplace.pools import POOL_METHOD_LABELS
from ipdesk.gui.common.models.lazy_table import LazyTableModel
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.formatting import format_date, format_money

POOL_LABELS = {"method": {k.value: v for k, v in POOL_METHOD_LABELS.items()}}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def pool_model(source: Any, lang: str, task_runner: Any = None, parent: Any = None) -> LazyTableModel:
    """The pool register, paged lazily from the pool service's source."""
    return LazyTableModel(source, lang=lang, labels=POOL_LABELS, task_runner=task_runner, parent=parent)


def percent(value: Any) -> str:
    return f"{value.normalize():f}%"


class PoolMembersModel(RowListModel):
    """A pool's members, one row per membership period (a member who left and rejoined has two)."""

    columns = (("name", "成员", "Member"), ("share", "分配比例", "Share"), ("joined_on", "加入日", "Joined"),
               ("left_on", "退出日", "Left"), ("rights", "投入专利", "Patents"))

    def set_members(self, members: Sequence[Any]) -> None:
        self.set_rows([{"member": m} for m in members])

    def member(self, row: int) -> Any:
        return self.row_data(row)["member"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        m = row["member"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {"name": m.name, "share": percent(m.share), "joined_on": format_date(m.joined_on),
                    "left_on": format_date(m.left_on) or "—", "rights": "、".join(m.rights) or "—"}.get(key)
        if role == Qt.ItemDataRole.ForegroundRole and m.left_on is not None:
            from PySide6.QtGui import QColor

            return QColor("#90a4ae")  # a period that ended: greyed, still listed
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "share":
            return _RIGHT
        return None


class PoolPayoutsModel(RowListModel):
    """The pool's incomes, latest first, one row per member paid: the parts of one income add up to it."""

    columns = (("received_on", "收入日", "Received"), ("income", "许可收入（元）", "Income (yuan)"),
               ("source", "来源", "Source"), ("member", "成员", "Member"), ("share", "比例", "Share"),
               ("amount", "分得（元）", "Paid (yuan)"))

    def set_incomes(self, incomes: Sequence[Any]) -> None:
        rows: list[dict[str, Any]] = []
        for d in incomes:
            for i, (name, share, amount) in enumerate(d.payouts):
                rows.append({"income": d, "first": i == 0, "member": name, "share": share, "amount": amount})
        self.set_rows(rows)

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        d, first = row["income"], row["first"]
        if role == Qt.ItemDataRole.DisplayRole:
            if key in ("received_on", "income", "source") and not first:
                return ""  # the income once, on its first payout's row
            return {"received_on": format_date(d.received_on), "income": format_money(d.amount),
                    "source": d.source, "member": row["member"], "share": percent(row["share"]),
                    "amount": format_money(row["amount"])}.get(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("income", "share", "amount"):
            return _RIGHT
        return None
