"""Chinese uppercase money (人民币壹佰贰拾叁万…元整), ``¥1,234.50`` and China dates, as printed on notices."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

CHINA_TZ = timezone(timedelta(hours=8), "CST")  # display time zone of the office (no tzdata needed)

__all__ = ["CHINA_TZ", "china_date", "china_datetime", "format_yuan", "rmb_uppercase"]

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def rmb_uppercase(amount: Decimal | int | str) -> str:
    """Chinese uppercase amount (大写金额) per the PBOC writing rules.

    ``1234567.89`` → 人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分; ``0`` → 人民币零元整;
    ``10.05`` → 人民币壹拾元零伍分; ``1010.10`` → 人民币壹仟零壹拾元壹角整; ``0.5`` → 人民币伍角整.
    "整" follows 元 or 角, never 分. Amounts up to 9999万亿 (< 10^16), at most 2 decimals, ≥ 0.
    """
    d = Decimal(amount) if not isinstance(amount, float) else Decimal(str(amount))
    if not d.is_finite() or d < 0:
        raise ValueError(f"amount must be a non-negative number: {amount!r}")
    if d != d.quantize(Decimal("0.01")):
        raise ValueError(f"amount has more than 2 decimals: {amount!r}")
    cents = int(d * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if yuan >= 10**16:
        raise ValueError(f"amount too large: {amount!r}")
    out: list[str] = []
    digits = str(yuan)
    zero_pending = False
    group_has_digit = False
    for i, ch in enumerate(digits):
        pos = len(digits) - 1 - i
        if ch == "0":
            zero_pending = bool(out)
        else:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(_DIGITS[int(ch)] + _SMALL_UNITS[pos % 4])
            group_has_digit = True
        if pos % 4 == 0:
            if group_has_digit and pos:
                out.append(_BIG_UNITS[pos // 4])
            group_has_digit = False
    text = "".join(out)
    if yuan:
        text += "元"
    if jiao == 0 and fen == 0:
        return "人民币" + (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    else:
        text += "整"
    return "人民币" + text


def format_yuan(amount: Decimal | int | str) -> str:
    """``Decimal("1234567")`` → ``¥1,234,567.00``."""
    d = Decimal(amount).quantize(Decimal("0.01"))
    return f"¥{d:,.2f}"


def china_date(value: date | datetime | None, empty: str = "") -> str:
    """``2026年3月5日``; an aware datetime is shown in China time (UTC+8)."""
    if value is None:
        return empty
    if isinstance(value, datetime):
        value = value.astimezone(CHINA_TZ).date()
    return f"{value.year}年{value.month}月{value.day}日"


def china_datetime(value: datetime) -> str:
    """``2026年3月5日 10:00``, in China time (UTC+8)."""
    v = value.astimezone(CHINA_TZ)
    return f"{v.year}年{v.month}月{v.day}日 {v:%H:%M}"
