"""Loans behind pledges on both engines: booking, penalty interest and classification on the injected
clock, allocation, full repayment offering the pledge's cancellation, halt, default, compensation, and the
refusals (nothing written)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest

from ipdesk.domain.loans.classification import LoanClass
from ipdesk.domain.loans.servicing import Component
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import PermissionDenied, RuleRefusal, ValidationError
from ipdesk.services.loans.settings import LoanSettings
from tests.helpers.factories import ADMIN
from tests.services.loans.conftest import World, counts

TODAY = date(2026, 12, 1)
THROUGH_TODAY = D("318907.75")  # both overdue instalments with their penalty, and today's


def test_a_loan_is_booked_with_its_schedule(world: World) -> None:
    added = world.ws.loans.add(ADMIN, world.loan_data())
    loan = added.value
    assert loan.loan_no == "L2026000001" and loan.owner_party_id is None
    assert loan.pledge_no == world.pledge.registration_no and loan.borrower_name == world.firm.name
    assert len(loan.state.instalments) == 12 and loan.state.instalments[0].interest == D("6000.00")
    assert added.changes.loans == {loan.id} and world.pledge.id in added.changes.pledges
    assert world.ws.loans.find(ADMIN, "L2026000001").id == loan.id
    assert world.ws.loans.list(ADMIN, pledge_id=world.pledge.id)[0].id == loan.id


def test_penalty_interest_overdue_days_and_class_follow_the_clock(world: World, clock) -> None:
    loan = world.ws.loans.add(ADMIN, world.loan_data()).value
    state = loan.state
    assert state.as_of == TODAY and state.overdue_days == 61
    assert [i.penalty for i in state.instalments[:2]] == [D("1616.50"), D("791.25")]  # +50 %: 9 % a year
    assert loan.loan_class is LoanClass.SPECIAL_MENTION and loan.status == "overdue"
    assert [x.id for x in world.ws.loans.overdue(ADMIN)] == [loan.id]
    clock.set(datetime(2026, 12, 31, 2, 0, tzinfo=UTC))  # 91 days after 1 October
    later = world.ws.loans.get(ADMIN, loan.id)
    assert later.state.overdue_days == 91 and later.loan_class is LoanClass.SUBSTANDARD
    assert (later.state.defaulted_on, later.state.default_kind, later.status) == (date(2026, 12, 31), "automatic",
                                                                                  "defaulted")


def test_the_surcharge_is_a_setting_per_loan(world: World) -> None:
    loan = world.ws.loans.add(ADMIN, world.loan_data(penalty_surcharge="30")).value
    assert loan.state.instalments[0].penalty == D("1400.97")  # 106000 × 7.8 % × 61 / 360
    with pytest.raises(ValidationError) as err:
        world.ws.loans.add(ADMIN, world.loan_data(penalty_surcharge="60"))
    assert err.value.problems[0].code == "loans.surcharge"


def test_repayment_allocation_and_full_repayment_offers_the_cancellation(world: World) -> None:
    loan = world.ws.loans.add(ADMIN, world.loan_data()).value
    done = world.ws.loans.repay(ADMIN, loan.id, THROUGH_TODAY)
    assert done.allocation.by_component() == {Component.PENALTY: D("2407.75"), Component.INTEREST: D("16500.00"),
                                              Component.PRINCIPAL: D("300000.00")}
    assert done.allocation.parts[0] == (1, Component.PENALTY, D("1616.50"))
    assert done.loan.state.overdue_days == 0 and done.loan.loan_class is LoanClass.NORMAL
    assert done.offer_cancellation is None and done.changes.loans == {loan.id}
    closed = world.ws.loans.repay(ADMIN, loan.id, D("900000.00"))
    assert closed.loan.status == "closed" and closed.loan.state.closed_on == TODAY
    assert closed.offer_cancellation == world.pledge.registration_no  # ipdesk pledge cancel … --trigger repaid
    before = counts(world.ws)
    with pytest.raises(RuleRefusal) as err:
        world.ws.loans.repay(ADMIN, loan.id, D("1.00"))
    assert err.value.problems[0].code == "loans.closed" and counts(world.ws) == before


def test_overpayment_backdating_and_future_dates_are_refused(world: World) -> None:
    loan = world.ws.loans.add(ADMIN, world.loan_data()).value
    before = counts(world.ws)
    with pytest.raises(ValidationError) as err:
        world.ws.loans.repay(ADMIN, loan.id, D("1218907.76"))
    assert err.value.problems[0].code == "loans.overpayment"
    with pytest.raises(ValidationError) as err:
        world.ws.loans.repay(ADMIN, loan.id, D("1.00"), on=date(2026, 12, 2))
    assert err.value.problems[0].code == "loans.date_in_future"
    with pytest.raises(ValidationError) as err:
        world.ws.loans.repay(ADMIN, loan.id, D("0"))
    assert err.value.problems[0].code == "loans.amount"
    assert counts(world.ws) == before
    world.ws.loans.repay(ADMIN, loan.id, D("100.00"), on=date(2026, 11, 20))
    with pytest.raises(ValidationError) as err:
        world.ws.loans.repay(ADMIN, loan.id, D("100.00"), on=date(2026, 11, 19))
    assert err.value.problems[0].code == "loans.backdated"


def test_a_halted_loan_draws_nothing(world: World) -> None:
    loan = world.ws.loans.add(ADMIN, world.loan_data()).value
    world.ws.loans.draw(ADMIN, loan.id, D("600000.00"), on=date(2026, 9, 1))
    halted = world.ws.loans.halt(ADMIN, loan.id, "预警：年费未缴", on=date(2026, 9, 2))
    assert halted.loan.state.halted and halted.loan.events[-1]["detail"] == {"reason": "预警：年费未缴"}
    before = counts(world.ws)
    with pytest.raises(RuleRefusal) as err:
        world.ws.loans.draw(ADMIN, loan.id, D("100000.00"), on=date(2026, 9, 3))
    assert err.value.problems[0].code == "loans.halted" and counts(world.ws) == before
    world.ws.loans.resume(ADMIN, loan.id, on=date(2026, 9, 3))
    assert world.ws.loans.draw(ADMIN, loan.id, D("100000.00"), on=date(2026, 9, 3)).loan.state.drawn == D("700000.00")


def test_default_by_hand_then_no_drawdown(world: World) -> None:
    loan = world.ws.loans.add(ADMIN, world.loan_data()).value
    done = world.ws.loans.declare_default(ADMIN, loan.id, "借款人停产", on=date(2026, 11, 2))
    assert (done.loan.state.defaulted_on, done.loan.state.default_kind) == (date(2026, 11, 2), "manual")
    with pytest.raises(RuleRefusal) as err:
        world.ws.loans.declare_default(ADMIN, loan.id)
    assert err.value.problems[0].code == "loans.already_defaulted"
    with pytest.raises(RuleRefusal) as err:
        world.ws.loans.draw(ADMIN, loan.id, D("1.00"))
    assert err.value.problems[0].code == "loans.defaulted"


def test_a_guarantee_agencys_compensation_is_its_claim(world: World) -> None:
    loan = world.ws.loans.add(ADMIN, world.loan_data()).value
    done = world.ws.loans.compensate(ADMIN, loan.id, D("100000.00"), agency_id=world.agency_a.id)
    assert done.loan.state.compensations == {world.agency_a.id: D("100000.00")}
    assert done.loan.to_json()["compensations"] == [{"party_id": world.agency_a.id, "name": world.agency_a.name,
                                                     "amount": "100000.00"}]
    with pytest.raises(RuleRefusal) as err:
        world.ws.loans.compensate(ADMIN, loan.id, D("1.00"), agency_id=world.bank.id)
    assert err.value.problems[0].code == "loans.payer_kind"
    with pytest.raises(ValidationError):
        world.ws.loans.compensate(ADMIN, loan.id, D("1.00"))


def test_classification_thresholds_are_office_settings(world: World) -> None:
    loan = world.ws.loans.add(ADMIN, world.loan_data()).value
    world.ws.loans.save_settings(ADMIN, LoanSettings(substandard_days=60, doubtful_days=200, loss_days=300))
    assert world.ws.loans.get(ADMIN, loan.id).loan_class is LoanClass.SUBSTANDARD  # 61 days > 60
    with pytest.raises(ValidationError):
        world.ws.loans.save_settings(ADMIN, LoanSettings(substandard_days=400))
    with pytest.raises(PermissionDenied):
        world.ws.loans.save_settings(Actor("wangli", Role.CLERK), LoanSettings())


@pytest.mark.parametrize("data,code", [
    ({"borrower": "nobody"}, "loans.party_unknown"), ({"pledge": "Y0000"}, "loans.pledge_unknown"),
    ({"schedule": "balloon"}, "loans.bad_schedule"), ({"rate": "4.12345"}, "loans.bad_rate"),
    ({"maturity": "2026-08-01"}, "loans.maturity_not_later"), ({"allocation": ["due.fee"]}, "loans.allocation_token"),
    ({"principal": ""}, "required"),
])
def test_bad_loans_are_refused_and_nothing_is_written(world: World, data, code) -> None:
    before = counts(world.ws)
    with pytest.raises(ValidationError) as err:
        world.ws.loans.add(ADMIN, world.loan_data(**data))
    assert code in [p.code for p in err.value.problems] and counts(world.ws) == before


def test_a_custom_schedule(world: World) -> None:
    data = world.loan_data(schedule="custom", principal="100000.00", instalments=[
        {"due": "2027-03-01", "principal": "40000.00"}, {"due": "2027-09-01", "principal": "60000.00"}])
    loan = world.ws.loans.add(ADMIN, data).value
    assert [(i.due, i.principal) for i in loan.state.instalments] == [(date(2027, 3, 1), D("40000.00")),
                                                                     (date(2027, 9, 1), D("60000.00"))]
