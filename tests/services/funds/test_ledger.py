"""The compensation fund ledger on both engines: contributions, compensation per case, the balance, a
refusal over the pool, recoveries never more than was paid, and who may write it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import PermissionDenied, RuleRefusal, ValidationError
from ipdesk.services.uow import transaction
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN


def test_contributions_compensation_and_recoveries_make_the_balance(workstation: Workstation) -> None:
    funds = workstation.funds
    fund = funds.create(ADMIN, "镇江市科技之星风险补偿资金池", "kejizhixing").value
    funds.contribute(ADMIN, fund.id, D("30000000.00"), party="江苏省财政厅", on=date(2026, 1, 5))
    funds.contribute(ADMIN, fund.id, D("20000000.00"), party="镇江市财政局", on=date(2026, 1, 6))
    with transaction(workstation.engine, workstation.clock) as session:
        funds.compensate_in(session, ADMIN, fund.id, "CZ202600001", D("1000000.00"), date(2026, 12, 1))
    with transaction(workstation.engine, workstation.clock) as session:
        funds.recover_in(session, ADMIN, fund.id, "CZ202600001", D("250000.00"), date(2026, 12, 1))
    got = funds.get(fund.id)
    assert got.balance == D("49250000.00") and got.contributed == D("50000000.00")
    assert got.compensated == D("1000000.00") and got.recovered == D("250000.00")
    assert [(e.kind, e.balance) for e in got.entries] == [
        ("contribution", D("30000000.00")), ("contribution", D("50000000.00")),
        ("compensation", D("49000000.00")), ("recovery", D("49250000.00"))]
    assert funds.get(fund.id, as_of=date(2026, 1, 5)).balance == D("30000000.00")
    assert funds.find("镇江市科技之星风险补偿资金池").id == fund.id
    assert workstation.audit.verify().ok


def test_the_ledger_refuses_what_it_cannot_pay(workstation: Workstation) -> None:
    funds = workstation.funds
    fund = funds.create(ADMIN, "浦东专项资金", "pudong:97").value
    funds.contribute(ADMIN, fund.id, D("500000.00"))
    with pytest.raises(RuleRefusal) as over, transaction(workstation.engine, workstation.clock) as session:
        funds.compensate_in(session, ADMIN, fund.id, "CZ1", D("500000.01"), date(2026, 12, 1))
    assert over.value.problems[0].code == "funds.ledger_over_pool"
    with transaction(workstation.engine, workstation.clock) as session:
        funds.compensate_in(session, ADMIN, fund.id, "CZ1", D("400000.00"), date(2026, 12, 1))
    with pytest.raises(RuleRefusal) as twice, transaction(workstation.engine, workstation.clock) as session:
        funds.compensate_in(session, ADMIN, fund.id, "CZ1", D("1.00"), date(2026, 12, 1))
    assert twice.value.problems[0].code == "funds.compensated"
    with pytest.raises(RuleRefusal) as back, transaction(workstation.engine, workstation.clock) as session:
        funds.recover_in(session, ADMIN, fund.id, "CZ1", D("400000.01"), date(2026, 12, 1))
    assert back.value.problems[0].code == "funds.recovery_over"
    assert funds.get(fund.id).balance == D("100000.00")
    for bad in (D("0"), D("-5"), D("1.001")):
        with pytest.raises(ValidationError):
            funds.contribute(ADMIN, fund.id, bad)
    with pytest.raises(ValidationError):
        funds.create(ADMIN, "坏方案", "nonsense")
    with pytest.raises(RuleRefusal):
        funds.create(ADMIN, "浦东专项资金", "pudong")
    for role in (Role.AGENCY, Role.CLERK, Role.AUDITOR):
        with pytest.raises(PermissionDenied):
            funds.contribute(Actor("x", role, 1), fund.id, D("1.00"))
    assert len(funds.get(fund.id).entries) == 2
