"""Spreadsheet cells that cannot run: every exporter (CSV or Excel) passes its values through :func:`inert`.

A party named ``=HYPERLINK("http://…","点击")`` is a live formula once a clerk opens the export in Excel
or WPS (CSV/formula injection). Text that a spreadsheet would read as a formula or a command — starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — gets a leading apostrophe, the spreadsheets'
own "this is text" mark (OWASP's advice). Numbers, dates and money stay typed values, so sums still work.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """``value`` as an export writes it: text that would start a formula is quoted, anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def inert_row(values: Iterable[Any]) -> list[Any]:
    """A row of cells through :func:`inert`."""
    return [inert(v) for v in values]
