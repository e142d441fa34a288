"""Validation of a party as typed in a form or a file row: every problem at once, nothing guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ipdesk.domain.registry.parties import PARTY_KIND_LABELS, USCC_KINDS, PartyKind
from ipdesk.domain.shared.fields import check_length, choice_map, clean, parse_choice, required
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import Problem, ValidationError

PARTY_FIELDS: dict[str, tuple[str, str]] = {
    "kind": ("类型", "Kind"),
    "name": ("名称", "Name"),
    "uscc": ("统一社会信用代码", "USCC"),
    "id_number": ("证件号码", "ID number"),
    "address": ("地址", "Address"),
    "contact": ("联系人", "Contact"),
    "phone": ("电话", "Phone"),
    "region": ("行政区划代码", "Region code"),
    "notes": ("备注", "Notes"),
}

register_labels(PARTY_FIELDS)
register(
    {
        "party.uscc_not_for_kind": (
            "自然人和境外主体不填统一社会信用代码，请填写证件号码",
            "individuals and foreign parties have no USCC; give an ID number instead",
        ),
        "party.region": ("行政区划代码应为 6 位数字：{value}", "region code must be 6 digits: {value}"),
        "party.uscc_taken": ("统一社会信用代码 {uscc} 已属于当事人“{name}”", "USCC {uscc} already belongs to {name}"),
    }
)


def label(field: str, lang: str = "zh") -> str:
    zh, en = PARTY_FIELDS.get(field, (field, field))
    return en if lang.startswith("en") else zh


@dataclass(frozen=True)
class PartyInput:
    kind: PartyKind
    name: str
    uscc: str
    id_number: str
    address: str
    contact: str
    phone: str
    region: str
    notes: str

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.value if isinstance(v, PartyKind) else v) for k, v in self.__dict__.items()}


_KINDS = choice_map(PARTY_KIND_LABELS)


def check_party(data: dict[str, Any]) -> tuple[PartyInput | None, list[Problem]]:
    """Parse and validate; returns the clean input or every problem found."""
    from ipdesk.domain.registry.identifiers.resident_id import looks_like_resident_id, parse_resident_id
    from ipdesk.domain.registry.identifiers.uscc import parse_uscc

    problems: list[Problem] = []
    kind_value, p = parse_choice(data.get("kind"), _KINDS, "kind", label("kind"))
    problems += p
    if kind_value is None and not p:
        problems.append(required("kind", label("kind")))
    kind = PartyKind(kind_value) if kind_value else None

    name = clean(data.get("name"))
    if not name:
        problems.append(required("name", label("name")))
    problems += check_length(name, 200, "name", label("name"))

    uscc = clean(data.get("uscc"))
    if uscc:
        if kind is not None and kind not in USCC_KINDS:
            problems.append(Problem("party.uscc_not_for_kind", "uscc"))
        else:
            try:
                uscc = parse_uscc(uscc)
            except ValidationError as err:
                problems += [Problem(e.code, "uscc", e.params) for e in err.problems]
    elif kind in USCC_KINDS:
        problems.append(required("uscc", label("uscc")))

    id_number = clean(data.get("id_number"))
    problems += check_length(id_number, 40, "id_number", label("id_number"))
    if kind is PartyKind.INDIVIDUAL and id_number and looks_like_resident_id(id_number):
        try:  # a resident ID card number is checked like a USCC (another document's number is kept as typed)
            id_number = parse_resident_id(id_number)
        except ValidationError as err:
            problems += list(err.problems)
    if kind is not None and kind not in USCC_KINDS and not id_number:
        problems.append(required("id_number", label("id_number")))

    region = clean(data.get("region"))
    if region and not re.fullmatch(r"\d{6}", region):
        problems.append(Problem("party.region", "region", {"value": region}))
    texts = {f: clean(data.get(f)) for f in ("address", "contact", "phone", "notes")}
    for f, max_len in (("address", 300), ("contact", 100), ("phone", 40), ("notes", 4000)):
        problems += check_length(texts[f], max_len, f, label(f))
    if problems or kind is None:
        return None, problems
    return PartyInput(kind, name, uscc, id_number, texts["address"], texts["contact"], texts["phone"], region,
                      texts["notes"]), []
