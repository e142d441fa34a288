"""Resident identity card numbers (居民身份证号码, GB 11643-1999): normalising and checking, like the USCC.

18 characters: a 6-digit address code (the region, GB/T 2260), the birth date ``yyyymmdd``, a 3-digit
sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (``0``–``9`` or ``X``).
The region is checked at the province level (the first two digits, GB/T 2260's provinces, autonomous
regions, municipalities, Hong Kong, Macao and Taiwan); the county list changes every year and is not kept.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

FIELD = "id_number"
_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]  # W_i = 2^(i-1) mod 11, from the right
_CHECK = "10X98765432"  # the check character for (Σ a_i·W_i) mod 11
#: the first two digits of a region code (GB/T 2260)
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
    "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
})
EARLIEST_BIRTH = date(1900, 1, 1)

register(
    {
        "resident_id.length": (
            "居民身份证号码应为 18 位，实际为 {length} 位",
            "a resident ID number has 18 characters; got {length}",
        ),
        "resident_id.bad_char": (
            "居民身份证号码第 {position} 位的字符“{char}”无效：前 17 位只能是数字，第 18 位是数字或 X",
            "character {position} of the resident ID number, '{char}', is not allowed: the first 17 are digits, "
            "the 18th a digit or X",
        ),
        "resident_id.region": (
            "居民身份证号码的前 6 位 {region} 不是行政区划代码（省级代码 {province} 不存在）",
            "the first 6 digits {region} are not a region code (there is no province {province})",
        ),
        "resident_id.birth_date": (
            "居民身份证号码第 7–14 位 {value} 不是有效的出生日期",
            "digits 7-14, {value}, are not a valid birth date",
        ),
        "resident_id.check": (
            "居民身份证号码校验位（第 18 位）应为 {expected}，实际为 {given}，请核对号码",
            "the check character (18th) should be {expected}, not {given}; check the number",
        ),
    }
)


def resident_id_check_char(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"need 17 digits: {first17!r}")
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def normalise_resident_id(text: str) -> str:
    """Half-width, upper-case ``x``, without spaces; not validated."""
    s = unicodedata.normalize("NFKC", text or "").upper()
    return "".join(c for c in s if not c.isspace() and c != "-")


def looks_like_resident_id(text: str) -> bool:
    """Whether an ID number is meant as a resident ID card (15–18 digits, perhaps ending in X), as opposed to
    a passport or another document's number, which is kept as typed."""
    s = normalise_resident_id(text)
    return 15 <= len(s) <= 19 and s[:-1].isdigit() and (s[-1].isdigit() or s[-1] == "X")


def parse_resident_id(text: str, today: date | None = None) -> str:
    """The normalised 18-character number.

    Raises:
        ValidationError: length, characters, region, birth date (a real day, not before 1900 nor after
        ``today``) and the check character, each with what was expected.
    """
    s = normalise_resident_id(text)
    problems = [
        Problem("resident_id.bad_char", FIELD, {"position": i + 1, "char": c})
        for i, c in enumerate(s)
        if not c.isdigit() and not (i == 17 and c == "X")
    ][:5]
    if len(s) != 18:
        problems.append(Problem("resident_id.length", FIELD, {"length": len(s)}))
    if problems:
        raise ValidationError(problems)
    if s[:2] not in PROVINCES:
        problems.append(Problem("resident_id.region", FIELD, {"region": s[:6], "province": s[:2]}))
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        born = None
    if born is None or born < EARLIEST_BIRTH or (today is not None and born > today):
        problems.append(Problem("resident_id.birth_date", FIELD, {"value": s[6:14]}))
    if problems:
        raise ValidationError(problems)
    expected = resident_id_check_char(s[:17])
    if s[17] != expected:
        raise ValidationError(Problem("resident_id.check", FIELD, {"expected": expected, "given": s[17]}))
    return s
