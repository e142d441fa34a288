"""Parsing of form and file values shared by every input (dates, money, flags, integers).

Each parser returns ``(value, problems)``; an empty input is ``None`` with no problem, so the caller
decides what is required.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

register(
    {
        "bad_int": ("{label}应为整数：{value}", "{label} must be a whole number: {value}"),
        "bad_flag": ("{label}应为 是/否：{value}", "{label} must be yes/no: {value}"),
        "bad_choice": ("{label}不是可选值：{value}（可选：{choices}）", "{label} is not one of {choices}: {value}"),
        "too_long": ("{label}过长：最多 {max} 个字符", "{label} is too long: at most {max} characters"),
        "negative": ("{label}不能为负数：{value}", "{label} must not be negative: {value}"),
        "not_positive": ("{label}必须大于零：{value}", "{label} must be greater than zero: {value}"),
        "money_too_large": ("{label}过大（应小于 10 万亿元），请检查单位：{value}",
                            "{label} is implausibly large (must be below 10^13 yuan); check the unit: {value}"),
        "int_range": ("{label}超出范围：{value}", "{label} is out of range: {value}"),
    }
)

# Money columns are NUMERIC(18, 2); no secured debt comes near 10^13 yuan, so anything from there up is
# a typing error (and would not round-trip through SQLite's REAL affinity).
MAX_MONEY = Decimal("10000000000000")

_TRUE = {"1", "true", "yes", "y", "是", "有", "√", "x"}
_FALSE = {"0", "false", "no", "n", "否", "无", ""}
#: the spellings of yes and no a flag column accepts (casefolded)
YES_WORDS, NO_WORDS = frozenset(_TRUE), frozenset(_FALSE)


def clean(value: Any) -> str:
    """A cell or field value as stripped NFKC text ("" for None)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(value: Any, field: str, label: str) -> tuple[date | None, list[Problem]]:
    if isinstance(value, datetime):
        return value.date(), []
    if isinstance(value, date):
        return value, []
    text = clean(value)
    if not text:
        return None, []
    m = _DATE_RE.match(text) or (re.match(r"^(\d{4})(\d{2})(\d{2})$", text))
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])), []
        except ValueError:
            pass
    return None, [Problem("bad_date", field, {"value": text, "label": label})]


def parse_money(value: Any, field: str, label: str) -> tuple[Decimal | None, list[Problem]]:
    text = clean(value).replace(",", "").replace("，", "").replace("¥", "").replace("元", "").strip()
    if not text:
        return None, []
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None, [Problem("bad_decimal", field, {"value": clean(value), "label": label})]
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        return None, [Problem("bad_decimal", field, {"value": clean(value), "label": label})]
    if abs(amount) >= MAX_MONEY:
        return None, [Problem("money_too_large", field, {"value": clean(value), "label": label})]
    return amount.quantize(Decimal("0.01")), []


def parse_int(value: Any, field: str, label: str) -> tuple[int | None, list[Problem]]:
    text = clean(value)
    if not text:
        return None, []
    if re.fullmatch(r"[+-]?\d{1,9}", text):
        return int(text), []
    if re.fullmatch(r"[+-]?\d+", text):
        return None, [Problem("int_range", field, {"value": text, "label": label})]
    return None, [Problem("bad_int", field, {"value": text, "label": label})]


def parse_flag(value: Any, field: str, label: str) -> tuple[bool, list[Problem]]:
    if isinstance(value, bool):
        return value, []
    text = clean(value).casefold()
    if text in _TRUE:
        return True, []
    if text in _FALSE:
        return False, []
    return False, [Problem("bad_flag", field, {"value": clean(value), "label": label})]


def parse_choice(value: Any, choices: dict[str, str], field: str, label: str) -> tuple[str | None, list[Problem]]:
    """``choices`` maps every accepted spelling (value, Chinese and English labels) to the value."""
    text = clean(value)
    if not text:
        return None, []
    hit = choices.get(text) or choices.get(text.casefold())
    if hit is not None:
        return hit, []
    shown = "、".join(sorted({k for k, v in choices.items() if not k.isascii()}) or sorted(set(choices.values())))
    return None, [Problem("bad_choice", field, {"value": text, "label": label, "choices": shown})]


def required(field: str, label: str) -> Problem:
    return Problem("required", field, {"label": label})


def check_length(text: str, max_len: int, field: str, label: str) -> list[Problem]:
    return [Problem("too_long", field, {"label": label, "max": max_len})] if len(text) > max_len else []


def choice_map(labels: dict[Any, tuple[str, str]]) -> dict[str, str]:
    """Every accepted spelling of an enum given its bilingual labels."""
    out: dict[str, str] = {}
    for member, (zh, en) in labels.items():
        value = member.value
        out[value] = value
        out[value.casefold()] = value
        out[zh] = value
        out[en.casefold()] = value
    return out
