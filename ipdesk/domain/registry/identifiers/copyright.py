"""Copyright registration numbers: software (``2023SR0123456``) and works (``国作登字-2023-A-00123456``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

FIELD = "number"
# 国 = the national CPCC; the others are provincial copyright bureaux (incl. alternative abbreviations).
REGIONS = "国京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀贵黔云滇陕秦甘陇青蒙桂宁新藏港澳台"
DASHES = "-‐‑‒–—―−﹣"  # NFKC maps the full-width hyphen to "-"; the dashes an IME produces it does not
MIN_YEAR = 1990
# (K) Serials had 7 digits in recent years and fewer earlier; a short serial is kept as written.
_SOFTWARE = re.compile(r"^(?:软著登字)?第?(\d{4})SR(\d{5,7})号?$")
_WORK = re.compile(r"^(.)作登字第?-?(\d{4})-?([A-Z]{1,2})-?(\d{8})号?$")

register(
    {
        "copyright.empty": ("著作权登记号不能为空", "the copyright registration number is empty"),
        "copyright.format": (
            "无法识别的著作权登记号“{value}”："
            "软件登记号如 2023SR0123456，作品登记号如 国作登字-2023-A-00123456",
            "not a copyright registration number: '{value}'; software numbers look like 2023SR0123456, "
            "works like 国作登字-2023-A-00123456",
        ),
        "copyright.region": (
            "作品登记号开头的“{region}”不是登记机关的简称（如 国、京、渝）",
            "'{region}' at the start of the work registration number is not a registry abbreviation",
        ),
        "copyright.year": (
            "登记号中的年份 {year} 不合理，应在 {min}–{max} 之间",
            "the year {year} in the registration number is implausible; expected {min}-{max}",
        ),
    }
)


@dataclass(frozen=True)
class CopyrightNumber:
    """A valid registration number; ``canonical`` is upper-case with ASCII hyphens, no spaces."""

    kind: RightKind  # SOFTWARE or COPYRIGHT (a work)
    canonical: str
    year: int


def normalise_copyright_number(text: str) -> str:
    """Half-width, upper-case, no whitespace, every dash an ASCII hyphen; not validated."""
    s = "".join(unicodedata.normalize("NFKC", text or "").upper().split())
    return "".join("-" if c in DASHES else c for c in s)


def parse_copyright_number(text: str, *, today: date | None = None) -> CopyrightNumber:
    """Parse a software or work registration number (with or without its ``…字第…号`` wrapper).

    Raises:
        ValidationError: empty, unrecognised, unknown registry abbreviation, implausible year.
    """
    s = normalise_copyright_number(text)
    if not s:
        raise ValidationError(Problem("copyright.empty", FIELD))
    if m := _SOFTWARE.match(s):
        year = int(m[1])
        number = CopyrightNumber(RightKind.SOFTWARE, f"{m[1]}SR{m[2]}", year)
    elif m := _WORK.match(s):
        if m[1] not in REGIONS:
            raise ValidationError(Problem("copyright.region", FIELD, {"region": m[1]}))
        year = int(m[2])
        number = CopyrightNumber(RightKind.COPYRIGHT, f"{m[1]}作登字-{m[2]}-{m[3]}-{m[4]}", year)
    else:
        raise ValidationError(Problem("copyright.format", FIELD, {"value": (text or "").strip()}))
    hi = (today or date.today()).year + 1
    if not MIN_YEAR <= year <= hi:
        raise ValidationError(Problem("copyright.year", FIELD, {"year": year, "min": MIN_YEAR, "max": hi}))
    return number
