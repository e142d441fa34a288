"""A world for loan tests: a borrower firm with a registered pledge to a bank, two guarantee agencies and
their officers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.workstation import Workstation
from ipdesk.storage.loans.tables import LoanEventRow, LoanRow
from ipdesk.storage.schema import AuditRow
from tests.helpers.factories import ADMIN, application_data, make_uscc, pledge_world


@dataclass
class World:
    ws: Workstation
    firm: Any
    bank: Any
    agency_a: Any
    agency_b: Any
    pledge: Any

    def officer(self, agency: Any, name: str = "chuzhi") -> Actor:
        return Actor(name, Role.AGENCY, agency.id)

    def loan_data(self, **extra: Any) -> dict[str, Any]:
        data = {"lender": self.bank.uscc, "borrower": self.firm.uscc, "pledge": self.pledge.registration_no,
                "principal": "1200000.00", "rate": "6", "start": "2026-09-01", "maturity": "2027-09-01",
                "schedule": "equal_principal"}
        data.update(extra)
        return data


@pytest.fixture
def world(workstation: Workstation) -> World:
    base = pledge_world(workstation)
    a = workstation.parties.create(ADMIN, {"kind": "guarantee", "name": "镇江市科技融资担保有限公司",
                                           "uscc": make_uscc(700)})
    b = workstation.parties.create(ADMIN, {"kind": "guarantee", "name": "江苏省信用再担保集团有限公司",
                                           "uscc": make_uscc(701)})
    pledge = workstation.pledges.file_and_register(ADMIN, application_data(base), on=date(2026, 11, 20))
    return World(workstation, base["firm"], base["bank"], a, b, pledge)


def counts(ws: Workstation) -> tuple[int, ...]:
    """Loans, loan events and audit entries: a refused command changes none of them."""
    with ws.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (LoanRow, LoanEventRow, AuditRow))
