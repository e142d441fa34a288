"""A world for insurance tests: a patentee firm with an invention pledged to a bank, a co-owned utility
model, a second firm, two insurers and their officers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.workstation import Workstation
from ipdesk.storage.insurance.tables import ClaimRow, PolicyRow
from ipdesk.storage.schema import AuditRow
from tests.helpers.factories import ADMIN, add_party, application_data, invention_data, make_uscc, pledge_world

UTILITY = "ZL 202120345678.9"


@dataclass
class World:
    ws: Workstation
    firm: Any
    other: Any
    insurer_a: Any
    insurer_b: Any
    right: Any
    shared: Any  # a utility model the firm owns with the other firm
    pledge: Any

    def officer(self, insurer: Any, name: str = "baoxian") -> Actor:
        return Actor(name, Role.INSURER, insurer.id)

    def policy_data(self, **extra: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"product": "enforcement", "insurer": self.insurer_a.uscc, "insured": self.firm.uscc,
                                "rights": [self.right.display_number], "limit": "500000", "premium": "25000",
                                "from": "2026-11-01", "to": "2027-10-31"}
        data.update(extra)
        return data


@pytest.fixture
def world(workstation: Workstation) -> World:
    base = pledge_world(workstation)
    other = add_party(workstation, "镇江市润州区精密机械有限公司", 2)
    shared = workstation.rights.create(ADMIN, {
        "kind": "utility_model", "number": UTILITY, "title": "一种夹具", "filing_date": "2021-02-10",
        "grant_date": "2021-09-03", "legal_status": "in_force",
        "owners": [{"party_id": base["firm"].id, "share": "50"}, {"party_id": other.id, "share": "50"}]})
    insurers = [workstation.parties.create(ADMIN, {"kind": "insurer", "name": name, "uscc": make_uscc(serial)})
                for name, serial in (("中国人民财产保险股份有限公司镇江市分公司", 800),
                                     ("中国平安财产保险股份有限公司江苏分公司", 801))]
    pledge = workstation.pledges.file_and_register(ADMIN, application_data(base), on=date(2026, 11, 20))
    return World(workstation, base["firm"], other, insurers[0], insurers[1], base["right"], shared, pledge)


def counts(ws: Workstation) -> tuple[int, ...]:
    """Policies, claims and audit entries: a refused command changes none of them."""
    with ws.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (PolicyRow, ClaimRow, AuditRow))


__all__ = ["World", "counts", "invention_data"]
