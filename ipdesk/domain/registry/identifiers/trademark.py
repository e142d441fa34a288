"""Trademark registration numbers: (K) up to 8 digits, or ``G`` + digits for Madrid marks (unsourced)."""

from __future__ import annotations

import re
import unicodedata

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

FIELD = "number"
MAX_DIGITS = 8  # (K) no official format found: 8 digits covers today's register; widen here if it grows
# Optional label and the "第…号" wrapper of certificates and notices.
_WRAPPER = re.compile(r"^(?:商标注册号|注册号)?:?第?(.*?)号?$")

register(
    {
        "trademark.empty": ("商标注册号不能为空", "the trademark registration number is empty"),
        "trademark.bad_char": (
            "商标注册号第 {position} 位的字符“{char}”无效：应为数字（马德里国际注册可在前面加 G）",
            "character {position} of the registration number, '{char}', is not allowed: digits only "
            "(a Madrid international registration may start with G)",
        ),
        "trademark.length": (
            "商标注册号最多 {max} 位数字，实际为 {length} 位",
            "a trademark registration number has at most {max} digits; got {length}",
        ),
        "trademark.zero": ("商标注册号不能全为 0", "the registration number cannot be all zeros"),
    }
)


def normalise_trademark_number(text: str) -> str:
    """Half-width, upper-case, no whitespace, without a ``第…号`` wrapper; not validated."""
    s = "".join(unicodedata.normalize("NFKC", text or "").upper().split())
    return _WRAPPER.match(s).group(1)  # type: ignore[union-attr]  # matches any string


def parse_trademark_number(text: str) -> str:
    """The canonical number: plain digits without leading zeros, or ``G`` + digits (kept as written).

    Raises:
        ValidationError: empty, a character other than a digit (or a leading G), too many digits, zero.
    """
    s = normalise_trademark_number(text)
    if not s:
        raise ValidationError(Problem("trademark.empty", FIELD))
    madrid = s.startswith("G")
    digits = s[1:] if madrid else s
    bad = [
        Problem("trademark.bad_char", FIELD, {"position": i + 1 + madrid, "char": c})
        for i, c in enumerate(digits)
        if not (c.isascii() and c.isdigit())
    ]
    if bad:
        raise ValidationError(bad[:5])
    if not digits:
        raise ValidationError(Problem("trademark.empty", FIELD))
    if len(digits) > MAX_DIGITS:
        raise ValidationError(Problem("trademark.length", FIELD, {"max": MAX_DIGITS, "length": len(digits)}))
    if not digits.strip("0"):
        raise ValidationError(Problem("trademark.zero", FIELD))
    # A Madrid number is quoted exactly as WIPO issued it; a national one is an integer.
    return s if madrid else digits.lstrip("0")
