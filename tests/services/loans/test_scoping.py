"""Agency scoping on both engines: a loan an agency opened is visible and actionable only for that
agency's officers, the auditor and the office's roles; another agency's loan by id or number is *not
found*, not forbidden, and nothing is written."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import NotFound, PermissionDenied
from ipdesk.domain.users.scoping import Scope, scope_of
from tests.helpers.factories import ADMIN
from tests.services.loans.conftest import World, counts


def test_the_rule() -> None:
    assert scope_of(Actor("a", Role.AGENCY, 7)) == Scope(everything=False, owner=7)
    assert scope_of(Actor("i", Role.INSURER, 9)).admits(9) and not scope_of(Actor("i", Role.INSURER, 9)).admits(7)
    assert not scope_of(Actor("a", Role.AGENCY, None)).admits(None)  # an officer without a party sees nothing
    for role in (Role.AUDITOR, Role.ADMIN, Role.CLERK, Role.APPROVER, Role.CUSTODIAN):
        assert scope_of(Actor("x", role)).admits(7) and scope_of(Actor("x", role)).admits(None)


def test_another_agencys_loan_is_not_found(world: World) -> None:
    mine, theirs = world.officer(world.agency_a, "chuzhi"), world.officer(world.agency_b, "qita")
    loan = world.ws.loans.add(mine, world.loan_data()).value
    assert loan.owner_party_id == world.agency_a.id
    office_loan = world.ws.loans.add(ADMIN, world.loan_data()).value
    assert world.ws.loans.get(mine, loan.id).id == loan.id
    assert [x.id for x in world.ws.loans.list(mine)] == [loan.id]  # not the office's loan either
    for reader in (Actor("shenji", Role.AUDITOR), ADMIN, Actor("dengji", Role.CLERK)):
        assert {x.id for x in world.ws.loans.list(reader)} == {loan.id, office_loan.id}
        assert world.ws.loans.get(reader, loan.id).id == loan.id
    assert world.ws.loans.list(theirs) == [] and world.ws.loans.overdue(theirs) == []
    before = counts(world.ws)
    for attempt in (lambda: world.ws.loans.get(theirs, loan.id), lambda: world.ws.loans.find(theirs, loan.loan_no),
                    lambda: world.ws.loans.repay(theirs, loan.id, D("1.00")),
                    lambda: world.ws.loans.declare_default(theirs, loan.id),
                    lambda: world.ws.loans.halt(theirs, loan.id),
                    lambda: world.ws.loans.get(theirs, office_loan.id)):
        with pytest.raises(NotFound) as err:
            attempt()
        assert err.value.problems[0].code == "not_found"
    with pytest.raises(NotFound) as missing:
        world.ws.loans.get(theirs, 999999)
    assert missing.value.problems[0].message("en") == err.value.problems[0].message("en").replace(
        str(office_loan.id), "999999")  # a loan that exists reads exactly like one that does not
    assert counts(world.ws) == before


def test_an_agency_compensates_for_itself_and_the_auditor_changes_nothing(world: World) -> None:
    mine = world.officer(world.agency_a)
    loan = world.ws.loans.add(mine, world.loan_data()).value
    done = world.ws.loans.compensate(mine, loan.id, D("5000.00"), agency_id=world.agency_b.id)
    assert done.loan.state.compensations == {world.agency_a.id: D("5000.00")}  # its own agency, not another's
    before = counts(world.ws)
    with pytest.raises(PermissionDenied):
        world.ws.loans.repay(Actor("shenji", Role.AUDITOR), loan.id, D("1.00"))
    assert counts(world.ws) == before
