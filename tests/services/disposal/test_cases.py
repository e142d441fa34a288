"""The disposal case workflow on both engines: from a defaulted pledge to a closed case (the register's
owner changed with the pledgee's consent, the pledge cancelled as realised), stages never skipped, a step
undone only by a recorded reversing act, a settlement that never pays twice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ipdesk.domain.disposal.stages import Stage
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import NotFound, PermissionDenied, RuleRefusal, ValidationError
from tests.helpers.factories import ADMIN
from tests.services.disposal.conftest import DOCS, World, counts


def _to_settlement(world: World, case_id: int, actor: Actor = ADMIN, route: str = "negotiated") -> None:
    cases = world.ws.disposal
    cases.advance(actor, case_id, documents=DOCS["default_notice"])
    cases.advance(actor, case_id, documents=DOCS["valuation"],
                  facts={"market_value": "900000", "forced_value": "630000"})
    cases.advance(actor, case_id, documents=DOCS["route"], facts={"route": route})
    if route in ("auction", "tender", "exchange"):
        cases.advance(actor, case_id, documents=DOCS["listing"], facts={"listing": "江苏省技术产权交易市场"})
    facts = {"price": "1000000.00"} if route == "set_off" else {"buyer": world.buyer.uscc, "price": "800000.00"}
    cases.advance(actor, case_id, documents=DOCS["deal"], facts=facts)


def test_from_a_defaulted_pledge_to_a_closed_case(world: World) -> None:
    loan = world.defaulted_loan()
    cases = world.ws.disposal
    case = cases.open(ADMIN, world.pledge.registration_no, responsible="wang").value
    assert case.case_no == "CZ202600001" and case.stage is Stage.DEFAULT_NOTICE and case.loan_id == loan.id
    assert case.responsible == "wang"
    assert case.stage_due_on == date(2026, 12, 8)  # 5 working days from Tue 1 December 2026
    _to_settlement(world, case.id)
    claim = world.ws.loans.get(ADMIN, loan.id).state
    owed = claim.outstanding_principal + claim.interest_due + claim.penalty_outstanding
    settled = cases.settle(ADMIN, case.id, costs=D("12000.00"))
    w = settled.settlement["waterfall"]
    assert w["costs"] == "12000.00"
    paid = sum(D(w[k]) for k in ("costs", "penalty", "interest", "principal")) + D(w["surplus_to_pledgor"])
    assert paid == D("800000.00")  # every fen of the proceeds accounted for
    assert D(w["shortfall"]["total"]) == owed - (D("800000.00") - D("12000.00"))
    after = world.ws.loans.get(ADMIN, loan.id).state
    assert after.outstanding_principal + after.interest_due + after.penalty_outstanding == D(w["shortfall"]["total"])
    with pytest.raises(RuleRefusal) as twice:
        cases.settle(ADMIN, case.id)
    assert twice.value.problems[0].code == "disposal.already_settled"
    cases.advance(ADMIN, case.id)  # the settlement statement is on file
    done = cases.advance(ADMIN, case.id, documents=DOCS["transfer"]).value
    assert done.stage is Stage.CANCELLATION
    right = world.ws.rights.get(world.right.id)
    assert [o.party_id for o in right.owners] == [world.buyer.id]
    closed = cases.advance(ADMIN, case.id, documents=DOCS["cancellation"]).value
    assert closed.stage is Stage.CLOSED and closed.closed_on == date(2026, 12, 1)
    pledge = world.ws.pledges.get(world.pledge.id)
    assert pledge.status.value == "cancelled" and pledge.cancellation_trigger.value == "realised"
    assert [s["kind"] for s in closed.steps] == ["open"] + ["advance"] * 7
    assert [s.state for s in closed.stages] == ["done"] * 8  # no listing stage in a negotiated transfer
    assert "listing" not in [s.stage.value for s in closed.stages]
    with pytest.raises(RuleRefusal):
        cases.advance(ADMIN, case.id)
    report = world.ws.audit.verify()
    assert report.ok and not report.mismatches, report.to_json()  # every case, loan, right and pledge as audited


def test_a_stage_is_never_skipped_nor_completed_without_its_documents(world: World) -> None:
    world.defaulted_loan()
    cases = world.ws.disposal
    case = cases.open(ADMIN, world.pledge.registration_no).value
    before = counts(world.ws)
    with pytest.raises(ValidationError) as err:
        cases.advance(ADMIN, case.id, documents={"default_notice": "TZ-1"})
    assert err.value.problems[0].code == "disposal.missing_documents"
    assert "送达回证" in err.value.problems[0].message("zh")
    assert "proof of service" in err.value.problems[0].message("en")
    with pytest.raises(ValidationError) as wrong:  # a later stage's document does not fit this stage
        cases.advance(ADMIN, case.id, documents={"valuation_report": "PG-1"})
    assert wrong.value.problems[0].code == "disposal.unknown_document"
    assert counts(world.ws) == before
    cases.advance(ADMIN, case.id, documents=DOCS["default_notice"])
    with pytest.raises(ValidationError) as facts:
        cases.advance(ADMIN, case.id, documents=DOCS["valuation"], facts={"market_value": "100", "forced_value": "200"})
    assert facts.value.problems[0].code == "disposal.forced_over_market"
    with pytest.raises(RuleRefusal) as early:
        cases.settle(ADMIN, case.id)
    assert early.value.problems[0].code == "disposal.wrong_stage"
    assert cases.get(ADMIN, case.id).stage is Stage.VALUATION


def test_undo_is_a_recorded_reversing_act_and_final_stages_stay(world: World) -> None:
    world.defaulted_loan()
    cases = world.ws.disposal
    case = cases.open(ADMIN, world.pledge.registration_no).value
    with pytest.raises(RuleRefusal):
        cases.reverse(ADMIN, case.id, "误操作")
    with pytest.raises(ValidationError):
        cases.reverse(ADMIN, case.id, "  ")
    _to_settlement(world, case.id, route="negotiated")
    back = cases.reverse(ADMIN, case.id, "买受人未付款").value
    assert back.stage is Stage.DEAL and back.price is None and back.buyer_id is None
    assert back.steps[-1]["kind"] == "reverse" and back.steps[-1]["reason"] == "买受人未付款"
    assert back.steps[-1]["reverses"] == back.steps[-2]["seq"]
    cases.advance(ADMIN, case.id, facts={"buyer": world.buyer.uscc, "price": "850000"})  # its documents stay on file
    cases.settle(ADMIN, case.id)
    cases.advance(ADMIN, case.id)
    with pytest.raises(RuleRefusal) as final:
        cases.reverse(ADMIN, case.id, "想重新分配")
    assert final.value.problems[0].code == "disposal.not_reversible"
    assert "已清偿贷款" in final.value.problems[0].message("zh")
    assert "listing" not in [s.stage.value for s in cases.get(ADMIN, case.id).stages]


def test_a_set_off_is_the_pledgees_at_market_price(world: World) -> None:
    world.defaulted_loan()
    cases = world.ws.disposal
    case = cases.open(ADMIN, world.pledge.registration_no).value
    for stage in ("default_notice",):
        cases.advance(ADMIN, case.id, documents=DOCS[stage])
    cases.advance(ADMIN, case.id, documents=DOCS["valuation"], facts={"market_value": "900000", "forced_value": "1"})
    cases.advance(ADMIN, case.id, documents=DOCS["route"], facts={"route": "set_off"})
    with pytest.raises(ValidationError) as low:
        cases.advance(ADMIN, case.id, documents=DOCS["deal"], facts={"price": "500000"})
    assert low.value.problems[0].code == "disposal.set_off_below_market"
    with pytest.raises(ValidationError) as other:
        cases.advance(ADMIN, case.id, documents=DOCS["deal"], facts={"price": "900000", "buyer": world.buyer.uscc})
    assert other.value.problems[0].code == "disposal.set_off_buyer"
    dealt = cases.advance(ADMIN, case.id, documents=DOCS["deal"], facts={"price": "900000"}).value
    assert dealt.buyer_id == world.bank.id and dealt.stage is Stage.SETTLEMENT


def test_open_needs_a_defaulted_loan_and_one_case_a_pledge(world: World) -> None:
    cases = world.ws.disposal
    with pytest.raises(RuleRefusal) as none:
        cases.open(ADMIN, world.pledge.registration_no)
    assert none.value.problems[0].code == "disposal.not_defaulted"
    with pytest.raises(NotFound):
        cases.open(ADMIN, "Y2026980999999")
    world.defaulted_loan()
    first = cases.open(ADMIN, world.pledge.registration_no).value
    with pytest.raises(RuleRefusal) as again:
        cases.open(ADMIN, world.pledge.registration_no)
    assert again.value.problems[0].code == "disposal.already_open"
    assert first.case_no in again.value.problems[0].message()


def test_cases_are_scoped_to_the_agency_and_stages_to_their_actors(world: World) -> None:
    mine, theirs = world.officer(world.agency_a), world.officer(world.agency_b, "qita")
    world.defaulted_loan(mine)
    case = world.ws.disposal.open(mine, world.pledge.registration_no).value
    assert case.owner_party_id == world.agency_a.id
    assert [c.id for c in world.ws.disposal.list(mine)] == [case.id] and world.ws.disposal.list(theirs) == []
    before = counts(world.ws)
    for attempt in (lambda: world.ws.disposal.get(theirs, case.id),
                    lambda: world.ws.disposal.find(theirs, case.case_no),
                    lambda: world.ws.disposal.advance(theirs, case.id, documents=DOCS["default_notice"]),
                    lambda: world.ws.disposal.reverse(theirs, case.id, "x"),
                    lambda: world.ws.disposal.settle(theirs, case.id)):
        with pytest.raises(NotFound):
            attempt()
    with pytest.raises(PermissionDenied):
        world.ws.disposal.advance(Actor("shenji", Role.AUDITOR), case.id, documents=DOCS["default_notice"])
    assert counts(world.ws) == before
    _to_settlement(world, case.id, mine)
    world.ws.disposal.settle(mine, case.id)
    world.ws.disposal.advance(mine, case.id)
    with pytest.raises(PermissionDenied):  # the register's owners change at the office
        world.ws.disposal.advance(mine, case.id, documents=DOCS["transfer"])
    clerk = Actor("dengji", Role.CLERK)
    assert world.ws.disposal.advance(clerk, case.id, documents=DOCS["transfer"]).value.stage is Stage.CANCELLATION
    assert world.ws.disposal.by_stage(mine)[Stage.CANCELLATION] == 1
    assert world.ws.disposal.by_stage(theirs)[Stage.CANCELLATION] == 0
