"""Small builders of valid inputs for service tests (real numbers from DOMAIN.md, valid USCCs)."""

from __future__ import annotations

from typing import Any

from ipdesk.domain.registry.identifiers.uscc import uscc_check_char
from ipdesk.domain.registry.parties import Party
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.workstation import Workstation

ADMIN = Actor("admin", Role.ADMIN, decides=True)  # the tests act as an office of one


def make_uscc(serial: int, region: str = "321100") -> str:
    body = f"91{region}MA{serial:07d}"[:17]
    return body + uscc_check_char(body)


def party_data(name: str = "江苏恒顺新材料科技有限公司", serial: int = 1, **extra: Any) -> dict[str, Any]:
    data = {"kind": "enterprise", "name": name, "uscc": make_uscc(serial), "address": "江苏省镇江市京口区学府路 88 号"}
    data.update(extra)
    return data


def add_party(ws: Workstation, name: str = "江苏恒顺新材料科技有限公司", serial: int = 1, **extra: Any) -> Party:
    return ws.parties.create(ADMIN, party_data(name, serial, **extra))


def invention_data(owner_ids: list[int], number: str = "ZL 201710601862.3", **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "invention",
        "number": number,
        "title": "一种图像处理装置及方法",
        "filing_date": "2017-07-25",
        "grant_date": "2020-03-10",
        "legal_status": "in_force",
        "owners": [{"party_id": pid, "share": ""} for pid in owner_ids],
    }
    data.update(extra)
    return data


BANK = "中国银行股份有限公司镇江分行"
FULL_DOCS = ["application_form", "pledge_contract", "id_or_commitment"]
FULL_CLAUSES = ["parties", "debt", "deadline", "rights_list", "guarantee_scope"]


def pledge_world(ws: Workstation) -> dict[str, Any]:
    """A pledgor firm with an invention, a bank as pledgee: the usual single-patent pledge."""
    firm = add_party(ws, "江苏恒顺新材料科技有限公司", 1)
    bank = ws.parties.create(ADMIN, {"kind": "bank", "name": BANK, "uscc": make_uscc(900)})
    right = ws.rights.create(ADMIN, invention_data([firm.id]))  # type: ignore[list-item]
    return {"firm": firm, "bank": bank, "right": right}


def application_data(world: dict[str, Any], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "application_date": "2026-11-16",
        "pledgors": [world["firm"].uscc],
        "pledgee": world["bank"].uscc,
        "debt": {"type": "loan", "amount": "5000000.00", "performance_deadline": "2028-11-15"},
        "rights": [world["right"].display_number],
        "documents": list(FULL_DOCS),
        "clauses": list(FULL_CLAUSES),
    }
    data.update(extra)
    return data
