"""Identifier and date helpers for the demo data (the demo side; the validators live in ipdesk.domain)."""

from __future__ import annotations

import random
from datetime import date, timedelta

_ORG_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
USCC_BODY_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check(first8: str) -> str:
    """GB 11714 check character of an organisation code: 11 - Σ value·weight mod 11; 10 → X, 11 → 0."""
    c = 11 - sum(_ORG_VALUES[ch] * w for ch, w in zip(first8, _ORG_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def resident_id(region: str, born: date, serial: int) -> str:
    """An 18-digit resident ID number with its ISO 7064 MOD 11-2 check character."""
    body = f"{region}{born:%Y%m%d}{serial % 1000:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def date_between(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end], drawn with one ``randrange``."""
    return start + timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


def same_day_in_year(year: int, month: int, day: int) -> date:
    """The same calendar day in ``year`` (29 February becomes the 28th)."""
    return date(year, month, 28 if (month, day) == (2, 29) else day)
