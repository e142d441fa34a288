"""How values look on screen: money in yuan (or 万元), dates as yyyy-MM-dd, percentages with one decimal.

Plain functions (no widgets) shared by the table models, the money/date editors and the detail panes.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_TWO = Decimal("0.01")
_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def format_money(value: Decimal | int | float | None, *, wan: bool = False) -> str:
    """``1234567.5`` → ``1,234,567.50``; with ``wan`` → ``123.46`` (万元, two decimals). None → ``""``."""
    if value is None:
        return ""
    amount = Decimal(str(value))
    if wan:
        amount = amount / Decimal(10000)
    return f"{amount.quantize(_TWO, rounding=ROUND_HALF_UP):,.2f}"


def parse_money(text: str) -> Decimal | None:
    """Parse what a user typed as yuan: thousands separators and full-width digits allowed.

    Returns None for empty input. Raises ValueError when it is not an amount with at most 2 decimals.
    """
    import unicodedata

    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace("，", "").replace(" ", "")
    cleaned = cleaned.removeprefix("¥").removeprefix("￥").removesuffix("元")
    if cleaned == "":
        return None
    if not re.fullmatch(r"-?\d+(\.\d{0,2})?", cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned).quantize(_TWO)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid decimals
        raise ValueError(text) from exc


def format_int(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def format_approx(value: int, lang: str) -> str:
    """An estimated count, to two significant digits: zh ``931403`` → ``93 万``, en → ``930,000``."""
    if lang != "en" and value >= 10_000:
        return f"{round(value / 10_000):,} 万"
    digits = max(0, len(str(max(1, value))) - 2)
    return f"{round(value, -digits):,}"


def format_percent(value: Decimal | float | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(str(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def format_date(value: date | datetime | str | None) -> str:
    """``yyyy-MM-dd`` (datetimes also show ``HH:mm``, stored timestamps in the office's timezone)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            from ipdesk.gui.common.clock import office_time

            value = office_time(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_date(text: str) -> date | None:
    """Parse ``2017-06-01``, ``2017/6/1``, ``2017.6.1``, ``2017年6月1日`` or ``20170601``.

    Returns None for empty input; raises ValueError for anything else that is not a real date.
    """
    import unicodedata

    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        return None
    for form in _DATE_FORMS:
        m = form.match(cleaned)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return date(y, mo, d)  # raises ValueError for 2023-02-30
    raise ValueError(text)
