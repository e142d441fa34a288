"""Numbers of any kind of right: recognise, parse, search keys for partial input, JSON for the CLI."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ipdesk.domain.registry.identifiers.copyright import DASHES, REGIONS, parse_copyright_number
from ipdesk.domain.registry.identifiers.patent import DOTS, FIELD, PatentNumber, parse_patent_number, strip_prefix
from ipdesk.domain.registry.identifiers.trademark import normalise_trademark_number, parse_trademark_number
from ipdesk.domain.registry.rights import KIND_LABELS, RightKind
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

_PATENT_SHAPE = re.compile(rf"^(?:专利申请号|专利号|申请号|CN|ZL)|[{DOTS}]|^\d{{8}}(?:\d{{4}})?X$|^\d{{9,}}$")
_SOFTWARE_SHAPE = re.compile(r"^(?:软著登字)?第?\d{4}SR")
_PARTIAL_PATENT = re.compile(rf"^(\d{{0,12}})(?:[{DOTS}]([0-9X]?))?$")
_PARTIAL_WORK = re.compile(r"^(-?)(\d{0,4})(-?)([A-Z]{0,2})(-?)(\d{0,8})$")

register(
    {
        "number.empty": ("号码不能为空", "the number is empty"),
        "number.unknown": (
            "无法识别号码“{value}”：专利号如 ZL 201710601862.3，商标注册号如 12345678，"
            "软件登记号如 2023SR0123456，作品登记号如 国作登字-2023-A-00123456",
            "cannot tell what '{value}' is: patents look like ZL 201710601862.3, trademarks like 12345678, "
            "software like 2023SR0123456, works like 国作登字-2023-A-00123456",
        ),
        "number.kind_mismatch": (
            "号码“{value}”属于{actual}，不是{expected}",
            "'{value}' is the number of a {actual_en}, not of a {expected_en}",
        ),
    }
)


@dataclass(frozen=True)
class RightNumber:
    """A recognised number: ``number`` is the canonical storage and search key, ``display`` the human form."""

    kind: RightKind
    number: str
    display: str
    patent: PatentNumber | None = None  # the parsed details, for patents
    year: int | None = None  # filing year (patents) or registration year (copyrights)


_TO_HYPHEN = str.maketrans(dict.fromkeys(DASHES, "-"))


def _compact(text: str) -> str:
    s = "".join(unicodedata.normalize("NFKC", text or "").upper().split())
    return s.translate(_TO_HYPHEN)


def _guess_kind(s: str) -> RightKind | None:
    # The shapes do not overlap: "…作登字…" is a work, "YYYYSR…" software; a ZL/CN prefix, a dot, a trailing X
    # or more than 8 digits a patent; G or up to 8 digits a trademark. So an old 8-digit patent body typed
    # *without* its check digit reads as a trademark: old patents need the check digit (95115608.X).
    if "作登字" in s:
        return RightKind.COPYRIGHT
    if _SOFTWARE_SHAPE.match(s):
        return RightKind.SOFTWARE
    if _PATENT_SHAPE.search(s):
        return RightKind.INVENTION  # refined by the type digit
    if re.fullmatch(r"G?\d{1,8}", normalise_trademark_number(s)):
        return RightKind.TRADEMARK
    return None


def parse_right_number(text: str, kind: RightKind | None = None) -> RightNumber:
    """Parse a number as ``kind``, or as whatever kind its shape shows when ``kind`` is None.

    Raises:
        ValidationError: the number is malformed, unrecognisable, or of another kind than asked for.
    """
    s = _compact(text)
    if not s:
        raise ValidationError(Problem("number.empty", FIELD))
    guess = kind or _guess_kind(s)
    if guess is None:
        raise ValidationError(Problem("number.unknown", FIELD, {"value": text.strip()}))
    if guess.is_patent:
        pn = parse_patent_number(text)
        found = RightNumber(pn.kind, pn.list_form, pn.display, pn, pn.filing_year)
    elif guess is RightKind.TRADEMARK:
        mark = parse_trademark_number(text)
        found = RightNumber(RightKind.TRADEMARK, mark, mark)
    else:
        cn = parse_copyright_number(text)
        found = RightNumber(cn.kind, cn.canonical, cn.canonical, None, cn.year)
    if kind is not None and found.kind is not kind:
        (actual, actual_en), (expected, expected_en) = KIND_LABELS[found.kind], KIND_LABELS[kind]
        params = {"value": text.strip(), "actual": actual, "expected": expected}
        params |= {"actual_en": actual_en.lower(), "expected_en": expected_en.lower()}
        raise ValidationError(Problem("number.kind_mismatch", FIELD, params))
    return found


def number_search_key(text: str) -> str | None:
    """The prefix of the canonical number that a partly typed number can only begin with.

    ``"ZL 2017106"`` → ``"2017106"``, ``"201710601862."`` → ``"201710601862"``, ``"2023sr01"`` →
    ``"2023SR01"``, ``"国作登字2023a"`` → ``"国作登字-2023-A"``. None when the text cannot begin any
    number (or identifies nothing yet, like a bare ``"ZL"``): search by title instead.
    """
    s = _compact(text)
    for key in (_patent_key(s), _trademark_key(s), _software_key(s), _work_key(s)):
        if key:
            return key
    return None


def _patent_key(s: str) -> str | None:
    rest = strip_prefix(s)
    if m := _PARTIAL_PATENT.match(rest):
        body, check = m[1], m[2]
        if check is None or len(body) in (8, 12):  # a dot may only follow a complete body
            return body + (check or "")
    if re.fullmatch(r"\d{8}X|\d{12}X|\d{13}", rest):
        return rest
    return None


def _trademark_key(s: str) -> str | None:
    m = re.fullmatch(r"(?:第)?(G?)(\d{0,8})(?:号)?", s)
    if not m or not (m[1] or m[2].lstrip("0")):
        return None
    return m[1] + (m[2] if m[1] else m[2].lstrip("0"))


def _software_key(s: str) -> str | None:
    s = re.sub(r"^(?:软著登字第?|第)", "", s)
    m = re.fullmatch(r"(\d{4})(S(?:R\d{0,7})?)?", s)
    return s if m else None


def _work_key(s: str) -> str | None:
    if len(s) < 2 or s[0] not in REGIONS:
        return None
    head = s[0] + "作登字"
    if head.startswith(s):
        return s
    if not s.startswith(head):
        return None
    m = _PARTIAL_WORK.fullmatch(s[len(head) :].removeprefix("第"))
    if not m:
        return None
    h1, year, h2, cat, h3, serial = m.groups()
    key = head
    if h1 or year:
        key += "-" + year
    if h2 or cat or h3 or serial:
        if len(year) < 4:
            return None
        key += "-" + cat
    if h3 or serial:
        if not cat:
            return None
        key += "-" + serial
    return key


def describe_number(text: str, kind: RightKind | None = None, lang: str = "zh") -> dict[str, Any]:
    """The JSON object printed by ``ipdesk number check``: the parsed number, or the problems found."""
    try:
        rn = parse_right_number(text, kind)
    except ValidationError as e:
        return {
            "valid": False,
            "input": text,
            "error": ("；" if lang == "zh" else "; ").join(e.messages(lang)),
            "errors": [p.to_json(lang) for p in e.problems],
        }
    out: dict[str, Any] = {"valid": True, "input": text, "kind": rn.kind.value, "number": rn.number}
    out["display"] = rn.display
    if rn.patent is not None:
        pn = rn.patent
        out |= {"application_number": pn.application_display, "list_form": pn.list_form}
        out |= {"filing_year": pn.filing_year, "is_pct": pn.is_pct}
    elif rn.year is not None:
        out["year"] = rn.year
    return out
