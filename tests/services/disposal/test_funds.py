"""A case's loss shared with a compensation fund on both engines: the pool's part paid out of the fund's
ledger at the settlement, a claim over a pool nobody else backs refused with nothing written, and what is
recovered afterwards credited back to whoever bore the loss."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ipdesk.domain.shared.problems import RuleRefusal, ValidationError
from tests.helpers.factories import ADMIN
from tests.services.disposal.conftest import World, counts
from tests.services.disposal.test_cases import _to_settlement


def test_the_pool_pays_its_part_and_recoveries_come_back(world: World) -> None:
    funds = world.ws.funds
    fund = funds.create(ADMIN, "镇江市科技之星风险补偿资金池", "kejizhixing").value
    funds.contribute(ADMIN, fund.id, D("50000000.00"), party="江苏省财政厅")
    world.defaulted_loan()
    case = world.ws.disposal.open(ADMIN, world.pledge.registration_no, fund="镇江市科技之星风险补偿资金池").value
    assert case.scheme == "kejizhixing"
    _to_settlement(world, case.id)
    settled = world.ws.disposal.settle(ADMIN, case.id).settlement
    shortfall = settled["waterfall"]["shortfall"]
    shares = settled["loss_sharing"]["shares"]
    assert D(shares["finance"]) == (D(shortfall["principal"]) * D("0.99")).quantize(D("0.01"))
    assert D(shares["finance"]) + D(shares["bank"]) == D(shortfall["total"])  # exact to the fen
    assert settled["loss_sharing"]["pool_paid"] == shares["finance"]
    ledger = funds.get(fund.id)
    assert ledger.balance == D("50000000.00") - D(shares["finance"])
    assert [(e.kind, e.case_ref) for e in ledger.entries] == [("contribution", ""), ("compensation", case.case_no)]
    back = world.ws.disposal.recover(ADMIN, case.id, D("100000.00")).value
    split = back.steps[-1]["facts"]["shares"]
    assert D(split["finance"]) + D(split["bank"]) == D("100000.00")
    assert funds.get(fund.id).recovered == D(split["finance"]) == D(back.steps[-1]["facts"]["to_fund"])
    with pytest.raises(RuleRefusal) as over:
        world.ws.disposal.recover(ADMIN, case.id, D(shortfall["total"]))
    assert over.value.problems[0].code == "disposal.recovery_over"
    with pytest.raises(ValidationError):
        world.ws.disposal.open(ADMIN, world.pledge.registration_no, fund=f"#{fund.id}", scheme="germany")
    assert world.ws.audit.verify().ok


def test_a_claim_over_a_pool_nobody_backs_is_refused(world: World) -> None:
    funds = world.ws.funds
    fund = funds.create(ADMIN, "浦东专项资金", "pudong:97").value
    funds.contribute(ADMIN, fund.id, D("1000.00"))
    world.defaulted_loan()
    case = world.ws.disposal.open(ADMIN, world.pledge.registration_no, fund="浦东专项资金").value
    _to_settlement(world, case.id)
    before = counts(world.ws)
    with pytest.raises(RuleRefusal) as refused:
        world.ws.disposal.settle(ADMIN, case.id)
    assert refused.value.problems[0].code == "funds.over_pool"
    assert counts(world.ws) == before and funds.get(fund.id).balance == D("1000.00")
    funds.contribute(ADMIN, fund.id, D("9000000.00"))
    settled = world.ws.disposal.settle(ADMIN, case.id).settlement
    assert funds.get(fund.id).compensated == D(settled["loss_sharing"]["shares"]["fund"])
    assert world.ws.disposal.advance(ADMIN, case.id).value.stage.value == "transfer"
