"""A list-backed PageSource: search, filter and sort done here the way the SQL sources do them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from ipdesk.services.paging import Column, Query


class ListPageSource:
    """Rows in a list; ``fail_pages`` makes ``page`` raise for those offsets (page-number = offset//limit)."""

    def __init__(self, rows: Sequence[dict[str, Any]], columns: Sequence[Column]):
        self.rows = [dict(r) for r in rows]
        self.columns = list(columns)
        self.fail_pages: set[int] = set()
        self.fail_count = False
        self.count_calls = 0
        self.page_calls: list[tuple[Query, int, int]] = []

    def _select(self, query: Query) -> list[dict[str, Any]]:
        rows = self.rows
        if query.search:
            needle = query.search.lower()
            rows = [r for r in rows if any(needle in str(v).lower() for k, v in r.items() if k != "id")]
        for key, value in query.filters.items():
            rows = [r for r in rows if str(r.get(key)) == value]
        if query.sort_key:
            rows = sorted(
                rows,
                key=lambda r: (r.get(query.sort_key) is None, r.get(query.sort_key) or 0, r["id"]),
                reverse=query.descending,
            )
        return rows

    def count(self, query: Query) -> int:
        self.count_calls += 1
        if self.fail_count:
            raise RuntimeError("database is locked")
        return len(self._select(query))

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        self.page_calls.append((query, offset, limit))
        if offset // max(limit, 1) in self.fail_pages:
            raise RuntimeError("disk I/O error")
        return self._select(query)[offset : offset + limit]


DEMO_COLUMNS = [
    Column("number", "号码", "Number"),
    Column("title", "名称", "Title"),
    Column("kind", "类型", "Kind"),
    Column("legal_status", "法律状态", "Legal status"),
    Column("amount", "金额（元）", "Amount (yuan)", align_right=True),
    Column("filing_date", "申请日", "Filing date"),
    Column("owners", "权利人", "Owners", sortable=False),
]

_TITLES = ["一种图像识别方法", "银行票据处理装置", "新型电池隔膜", "智能仓储机器人", "水质检测系统"]
_STATUSES = ["in_force", "pending", "late_fee", "terminated", "invalidated", "expired"]
_KINDS = ["invention", "utility_model", "design", "trademark"]


def demo_rows(n: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(1, n + 1):
        rows.append(
            {
                "id": i,
                "number": f"2017{i:08d}",
                "title": f"{_TITLES[i % len(_TITLES)]}{i}",
                "kind": _KINDS[i % len(_KINDS)],
                "legal_status": _STATUSES[i % len(_STATUSES)],
                "amount": Decimal(i * 12345) / Decimal(100),
                "filing_date": date(2017, 1 + i % 12, 1 + i % 28),
                "owners": [f"镇江科技{i % 7}有限公司"],
            }
        )
    return rows


def demo_source(n: int = 1000) -> ListPageSource:
    return ListPageSource(demo_rows(n), DEMO_COLUMNS)
