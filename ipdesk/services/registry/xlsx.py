"""The first sheet of an .xlsx file as rows of cell values, streamed: openpyxl's read-only workbook for what
the cells need (shared strings, which styles are dates, the date epoch), then one pass over the sheet's XML.

Values are those openpyxl's read-only ``iter_rows(values_only=True)`` gives with ``data_only=True`` (cached
results of formulas, numbers as int or float, date-styled numbers as datetimes, booleans, text) — about
eight times faster: openpyxl builds a dict per cell and looks each coordinate up twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE = f"{_NS}row", f"{_NS}c", f"{_NS}v", f"{_NS}is"
_TEXT, _RUN = f"{_NS}t", f"{_NS}r"


def _column_of(ref: str) -> int:
    """1-based column of a cell reference such as "AB12"."""
    n = 0
    for ch in ref:
        if ch.isdigit():
            break
        n = n * 26 + (ord(ch.upper()) - 64)
    return n


def _number(text: str) -> int | float:
    # As openpyxl: a decimal point or an exponent makes a float.
    return float(text) if "." in text or "E" in text or "e" in text else int(text)


def _inline_text(element: Any) -> str:
    """An inline string's text as openpyxl's ``Text.content``: the plain ``<t>``, then each run's ``<t>``
    (phonetic ``<rPh>`` guides left out)."""
    plain = element.find(_TEXT)
    parts = [plain.text or ""] if plain is not None else []
    for run in element.iterfind(_RUN):
        t = run.find(_TEXT)
        if t is not None:
            parts.append(t.text or "")
    return "".join(parts)


def read_xlsx(path: Path) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
    """Header cells (row 1) and (row number, cells) of every later row that has a cell, in sheet order."""
    from openpyxl import load_workbook
    from openpyxl.utils.datetime import from_excel

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    # openpyxl's private attributes: it is pinned, and a test compares this reader with its own.
    strings = sheet._shared_strings
    dates, durations, epoch = book._date_formats, book._timedelta_formats, book.epoch

    def value_of(el: Any) -> Any:
        kind = el.get("t", "n")
        if kind == "inlineStr":  # what openpyxl's write-only mode writes for text
            child = el.find(_INLINE)
            return _inline_text(child) if child is not None else None
        text = el.findtext(_VALUE) or None
        if text is None:
            return None
        if kind == "s":
            return strings[int(text)]
        if kind == "n":
            value = _number(text)
            style = el.get("s")
            sid = int(style) if style else 0
            if sid in dates:
                try:
                    return from_excel(value, epoch, timedelta=sid in durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return value
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            return from_ISO8601(text)
        return text  # "str" (a formula's text), "e" (an error such as #N/A)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        source = sheet._get_source()
        try:
            number = 0
            for _event, el in iterparse(source):
                if el.tag != _ROW:  # cells are read with their row, at its end
                    continue
                r = el.get("r")
                number = int(r) if r else number + 1
                cells: list[Any] = []
                for c in el:
                    if c.tag != _CELL:
                        continue
                    ref = c.get("r")
                    column = _column_of(ref) if ref else len(cells) + 1
                    if column == len(cells) + 1:
                        cells.append(value_of(c))
                    elif column > len(cells):
                        cells.extend([None] * (column - len(cells) - 1))
                        cells.append(value_of(c))
                    else:
                        cells[column - 1] = value_of(c)
                yield number, cells
                el.clear()
        finally:
            source.close()
            book.close()

    it = rows()
    first = next(it, None)
    if first is None:
        return [], iter(())
    if first[0] != 1:  # row 1 is empty: no header, and the first row with cells is data
        return [], itertools.chain([first], it)
    return first[1], it
