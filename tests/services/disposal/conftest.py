"""A world for disposal tests: a borrower firm's registered pledge to a bank, the loan behind it in default,
a buyer, two guarantee agencies and their officers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.workstation import Workstation
from ipdesk.storage.disposal.tables import DisposalCaseRow, DisposalDocumentRow, DisposalSettlementRow, DisposalStepRow
from ipdesk.storage.loans.tables import LoanEventRow
from ipdesk.storage.schema import AuditRow
from tests.helpers.factories import ADMIN, application_data, make_uscc, pledge_world

#: Every document of every stage, as the CLI and the GUI put them on file.
DOCS = {
    "default_notice": {"default_notice": "TZ-2026-17", "service_proof": "SD-88"},
    "valuation": {"valuation_report": "PG-2026-301"},
    "route": {"disposal_plan": "FA-1"},
    "listing": {"listing_notice": "GG-1"},
    "deal": {"deal_contract": "HT-9"},
    "transfer": {"pledgee_consent": "TY-1", "transfer_application": "BG-1"},
    "cancellation": {"cancellation_application": "ZX-1"},
}


@dataclass
class World:
    ws: Workstation
    firm: Any
    bank: Any
    buyer: Any
    agency_a: Any
    agency_b: Any
    pledge: Any
    right: Any

    def officer(self, agency: Any, name: str = "chuzhi") -> Actor:
        return Actor(name, Role.AGENCY, agency.id)

    def defaulted_loan(self, actor: Actor = ADMIN, **extra: Any) -> Any:
        data = {"lender": self.bank.uscc, "borrower": self.firm.uscc, "pledge": self.pledge.registration_no,
                "principal": "1200000.00", "rate": "6", "start": "2026-09-01", "maturity": "2027-09-01",
                "schedule": "equal_principal"}
        data.update(extra)
        loan = self.ws.loans.add(actor, data).value
        self.ws.loans.declare_default(actor, loan.id, "逾期未还")
        return self.ws.loans.get(actor, loan.id)


@pytest.fixture
def world(workstation: Workstation) -> World:
    base = pledge_world(workstation)
    a = workstation.parties.create(ADMIN, {"kind": "guarantee", "name": "镇江市科技融资担保有限公司",
                                           "uscc": make_uscc(700)})
    b = workstation.parties.create(ADMIN, {"kind": "guarantee", "name": "江苏省信用再担保集团有限公司",
                                           "uscc": make_uscc(701)})
    buyer = workstation.parties.create(ADMIN, {"kind": "enterprise", "name": "常州智造装备有限公司",
                                               "uscc": make_uscc(702)})
    pledge = workstation.pledges.file_and_register(ADMIN, application_data(base), on=date(2026, 11, 20))
    return World(workstation, base["firm"], base["bank"], buyer, a, b, pledge, base["right"])


def counts(ws: Workstation) -> tuple[int, ...]:
    """Cases, steps, documents, settlements, loan events and audit entries: a refusal changes none."""
    with ws.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (DisposalCaseRow, DisposalStepRow, DisposalDocumentRow, DisposalSettlementRow,
                               LoanEventRow, AuditRow))
