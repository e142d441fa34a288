"""The read-side contract behind every lazy table: count and fetch pages, filtered and sorted in SQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ipdesk.storage.estimates import Estimate, estimate_kind

__all__ = ["Column", "Estimate", "PageSource", "Query", "estimate_kind"]


@dataclass(frozen=True)
class Column:
    """A column a page source offers: key in the row dicts, bilingual header, whether SQL can sort it."""

    key: str
    header_zh: str
    header_en: str
    sortable: bool = True
    align_right: bool = False  # money and counts


@dataclass(frozen=True)
class Query:
    """What the user asked the table for; every field is applied in SQL, never in Python."""

    search: str = ""
    filters: Mapping[str, str] = field(default_factory=dict)
    sort_key: str = ""
    descending: bool = False


class PageSource(Protocol):
    """A register the GUI can show lazily. Rows are plain dicts with at least an ``id`` key."""

    columns: Sequence[Column]

    def count(self, query: Query) -> int: ...  # may be an Estimate

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]: ...
