"""Unified Social Credit Codes (统一社会信用代码, GB 32100-2015): normalising and the check character."""

from __future__ import annotations

import unicodedata

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

FIELD = "uscc"
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 symbols: no I, O, Z, S, V
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # W_i = 3^(i-1) mod 31
_DROP = " -‐‑‒–—―−"  # separators people type or paste (NFKC already maps the full-width hyphen)

register(
    {
        "uscc.empty": ("统一社会信用代码不能为空", "the unified social credit code is empty"),
        "uscc.length": (
            "统一社会信用代码应为 18 位，实际为 {length} 位",
            "a unified social credit code has 18 characters; got {length}",
        ),
        "uscc.bad_char": (
            "统一社会信用代码第 {position} 位的字符“{char}”无效："
            "只能是数字或大写字母，且不使用 I、O、Z、S、V",
            "character {position} of the unified social credit code, '{char}', is not allowed: digits and "
            "capital letters only, and I, O, Z, S, V are never used",
        ),
        "uscc.check": (
            "统一社会信用代码校验位（第 18 位）应为 {expected}，实际为 {given}，请核对代码",
            "the check character (18th) should be {expected}, not {given}; check the code",
        ),
    }
)


def uscc_check_char(first17: str) -> str:
    """The 18th character for the first 17: ``(31 - Σ value·weight mod 31) mod 31`` in the alphabet.

    Letters are allowed anywhere (registration-authority codes such as ``A`` or ``N`` begin real codes).
    """
    if len(first17) != 17 or any(c not in _VALUE for c in first17):
        raise ValueError(f"need 17 characters of the USCC alphabet: {first17!r}")
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise_uscc(text: str) -> str:
    """Half-width, upper-case, without spaces or hyphens; not validated."""
    s = unicodedata.normalize("NFKC", text or "").upper()
    return "".join(c for c in s if c not in _DROP and not c.isspace())


def parse_uscc(text: str) -> str:
    """The normalised 18-character code.

    Raises:
        ValidationError: length, characters outside the alphabet (with their position) or a wrong check.
    """
    s = normalise_uscc(text)
    if not s:
        raise ValidationError(Problem("uscc.empty", FIELD))
    problems = [
        Problem("uscc.bad_char", FIELD, {"position": i + 1, "char": c})
        for i, c in enumerate(s)
        if c not in _VALUE and i != 17  # a wrong 18th character is reported as a wrong check, with the fix
    ][:5]
    if len(s) != 18:
        problems.append(Problem("uscc.length", FIELD, {"length": len(s)}))
    if problems:
        raise ValidationError(problems)
    expected = uscc_check_char(s[:17])
    if s[17] != expected:
        raise ValidationError(Problem("uscc.check", FIELD, {"expected": expected, "given": s[17]}))
    return s
