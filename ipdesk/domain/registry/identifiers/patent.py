"""Chinese patent application numbers (ZC 0006-2003): parsing, check digit, kind and display forms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from operator import mul

from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

FIELD = "number"
# ASCII dot (NFKC also maps the full-width ．), middle dots, bullet and the ideographic full stop an IME
# produces when the user types "." in Chinese mode.
DOTS = ".·・•∙。"
_PREFIX = re.compile(r"^(?:专利申请号|专利号|申请号)?:?(?:CN|ZL)?", re.IGNORECASE)
_KINDS = {
    "1": (RightKind.INVENTION, False),
    "2": (RightKind.UTILITY_MODEL, False),
    "3": (RightKind.DESIGN, False),
    "8": (RightKind.INVENTION, True),  # PCT invention entering the Chinese national phase
    "9": (RightKind.UTILITY_MODEL, True),  # PCT utility model entering the national phase
}

register(
    {
        "patent.empty": ("专利号不能为空", "the patent number is empty"),
        "patent.bad_char": (
            "专利号第 {position} 位的字符“{char}”无效：应为数字（校验位可为 X，前面可加 ZL 或 CN）",
            "character {position} of the patent number, '{char}', is not allowed: digits only "
            "(the check digit may be X; a ZL or CN prefix is allowed)",
        ),
        "patent.length": (
            "专利号位数不对：应为 12 位（2003年10月1日起）或 8 位（此前）数字加 1 位校验位，"
            "实际为 {length} 位数字",
            "wrong length: a patent number has 12 digits (since 2003-10-01) or 8 digits (before) plus a "
            "check digit; got {length} digits",
        ),
        "patent.check_length": (
            "校验位只能是 1 位（0–9 或 X），实际为“{given}”",
            "the check digit is a single character (0-9 or X); got '{given}'",
        ),
        "patent.type_digit": (
            "专利号第 {position} 位是专利类型，应为 1（发明）、2（实用新型）、3（外观设计）、"
            "8 或 9（PCT），实际为 {digit}",
            "digit {position} of the patent number is the type and must be 1 (invention), 2 (utility "
            "model), 3 (design), 8 or 9 (PCT); got {digit}",
        ),
        "patent.year": (
            "专利号中的申请年份 {year} 不合理，应在 {min}–{max} 之间",
            "the filing year {year} in the patent number is implausible; expected {min}-{max}",
        ),
        "patent.check_digit": (
            "专利号校验位应为 {expected}，实际为 {given}，请核对号码",
            "the check digit should be {expected}, not {given}; check the number",
        ),
        "patent.check_missing": (
            "专利号缺少校验位：应为 {expected}（即 {example}）",
            "the check digit is missing: it should be {expected} ({example})",
        ),
    }
)


@dataclass(frozen=True)
class PatentNumber:
    """A valid application (= patent) number.

    Attributes:
        body: the 12 (or, before 2003-10, 8) digits without the check digit.
        check: the check character, ``0``–``9`` or ``X``.
        filing_year: four-digit year of filing, taken from the number.
        serial: the serial within the year and type.
        is_pct: type digit 8 or 9, a PCT application entering the Chinese national phase.
    """

    body: str
    check: str
    kind: RightKind
    filing_year: int
    serial: int
    is_pct: bool = False

    @property
    def list_form(self) -> str:
        """The storage and search key: body and check without a dot (``2017106018623``)."""
        return self.body + self.check

    @property
    def application_display(self) -> str:
        return f"{self.body}.{self.check}"

    @property
    def display(self) -> str:
        return f"ZL {self.application_display}"


_WEIGHTS = tuple(2 + i % 8 for i in range(12))


def patent_check_digit(body: str) -> str:
    """The check character of an 8- or 12-digit body: weights 2..9 repeating, sum mod 11, 10 → X."""
    if not (body.isascii() and body.isdigit() and len(body) in (8, 12)):
        raise ValueError(f"patent body must be 8 or 12 digits: {body!r}")
    r = sum(map(mul, map(int, body), _WEIGHTS)) % 11
    return "X" if r == 10 else str(r)


def compact(text: str) -> str:
    """NFKC (full-width → half-width) with every whitespace removed: pasted numbers carry stray spaces."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def strip_prefix(s: str) -> str:
    """Drop a leading label, ``CN`` or ``ZL`` (any case) from a compacted number."""
    return s[_PREFIX.match(s).end() :]  # type: ignore[union-attr]  # the pattern matches the empty string


def parse_patent_number(text: str, *, today: date | None = None) -> PatentNumber:
    """Parse any common written form of an application or patent number.

    Raises:
        ValidationError: with every problem found (bad characters, length, type, year, check digit).
    """
    s = strip_prefix(compact(text))
    if not s:
        raise ValidationError(Problem("patent.empty", FIELD))
    if s.isascii() and s.count(".") <= 1:  # "." is the one ASCII character in DOTS
        dots = [s.index(".")] if "." in s else []
    else:
        dots = [i for i, c in enumerate(s) if c in DOTS]
    # Where the body ends: at the dot, else before a 9th/13th character taken as the check digit.
    cut = dots[0] if dots else (len(s) - 1 if len(s) in (9, 13) else len(s))
    body, rest = s[:cut], s[cut + 1 if dots else cut :]
    plain = body.isascii() and body.isdigit() and len(dots) <= 1 and (
        not rest or (len(rest) == 1 and (rest in "xX" or (rest.isascii() and rest.isdigit()))))
    bad = [] if plain else [  # the usual forms need no look at each character
        Problem("patent.bad_char", FIELD, {"position": i + 1, "char": c})
        for i, c in enumerate(s)
        if not (c.isascii() and c.isdigit())
        and not (dots and i == cut)  # the separating dot
        and not (i >= cut and c in "xX")  # X only as the check digit
    ]
    if bad:
        raise ValidationError(bad[:5])
    body, check = s[:cut], s[cut + 1 if dots else cut :]
    if len(body) not in (8, 12):
        raise ValidationError(Problem("patent.length", FIELD, {"length": len(body)}))
    if len(check) > 1:
        raise ValidationError(Problem("patent.check_length", FIELD, {"given": check}))
    return _finish(body, check.upper(), today or date.today())


def _finish(body: str, check: str, today: date) -> PatentNumber:
    problems: list[Problem] = []
    new = len(body) == 12
    type_pos = 5 if new else 3
    type_digit = body[type_pos - 1]
    if new:
        year, serial = int(body[:4]), int(body[5:])
    else:  # two-digit years 85..99 and 00..03: the old format ended on 2003-10-01
        yy = int(body[:2])
        year, serial = (1900 + yy if yy >= 50 else 2000 + yy), int(body[3:])
    lo, hi = 1985, (today.year + 1 if new else 2003)
    if type_digit not in _KINDS:
        problems.append(Problem("patent.type_digit", FIELD, {"position": type_pos, "digit": type_digit}))
    if not lo <= year <= hi:
        problems.append(Problem("patent.year", FIELD, {"year": year, "min": lo, "max": hi}))
    expected = patent_check_digit(body)
    if not check:
        example = f"{body}.{expected}"
        problems.append(Problem("patent.check_missing", FIELD, {"expected": expected, "example": example}))
    elif check != expected:
        problems.append(Problem("patent.check_digit", FIELD, {"expected": expected, "given": check}))
    if problems:
        raise ValidationError(problems)
    kind, is_pct = _KINDS[type_digit]
    return PatentNumber(body, check, kind, year, serial, is_pct)
