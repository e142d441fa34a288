"""Insurer scoping on both engines: an insurer officer enters and sees only its own insurer's policies and
claims; another insurer's by id or number is *not found*; the auditor and the clerk change nothing."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import NotFound, PermissionDenied, RuleRefusal
from tests.helpers.factories import ADMIN
from tests.services.insurance.conftest import World, counts


def test_an_insurer_sees_only_its_own_policies_and_claims(world: World) -> None:
    mine, theirs = world.officer(world.insurer_a), world.officer(world.insurer_b, "pingan")
    policy = world.ws.insurance.add(mine, world.policy_data(insurer="")).value  # its own insurer by default
    assert policy.insurer_id == world.insurer_a.id
    other = world.ws.insurance.add(ADMIN, world.policy_data(insurer=world.insurer_b.uscc)).value
    c = world.ws.claims.file(mine, policy.id, {"amount": "1000", "on": "2026-11-30", "case": "维权"}).value
    assert [p.id for p in world.ws.insurance.list(mine)] == [policy.id]
    assert [p.id for p in world.ws.insurance.list(theirs)] == [other.id]
    assert [x.id for x in world.ws.claims.list(mine)] == [c.id] and world.ws.claims.list(theirs) == []
    for reader in (ADMIN, Actor("shenji", Role.AUDITOR), Actor("dengji", Role.CLERK)):
        assert {p.id for p in world.ws.insurance.list(reader)} == {policy.id, other.id}
    before = counts(world.ws)
    for attempt in (lambda: world.ws.insurance.get(theirs, policy.id),
                    lambda: world.ws.insurance.find(theirs, policy.policy_no),
                    lambda: world.ws.claims.find(theirs, c.claim_no),
                    lambda: world.ws.claims.check(theirs, c.id),
                    lambda: world.ws.claims.file(theirs, policy.id, {"amount": "1", "on": "2026-11-30", "case": "x"})):
        with pytest.raises(NotFound):
            attempt()
    cover = world.ws.insurance.cover_of_pledge(theirs, world.pledge.id)
    assert [p.id for p in cover.policies] == [other.id]
    assert counts(world.ws) == before


def test_an_officer_cannot_enter_another_insurers_policy(world: World) -> None:
    before = counts(world.ws)
    with pytest.raises(RuleRefusal) as err:
        world.ws.insurance.add(world.officer(world.insurer_a), world.policy_data(insurer=world.insurer_b.uscc))
    assert err.value.problems[0].code == "insurance.own_insurer"
    for actor in (Actor("shenji", Role.AUDITOR), Actor("dengji", Role.CLERK), Actor("a", Role.AGENCY, 1)):
        with pytest.raises(PermissionDenied):
            world.ws.insurance.add(actor, world.policy_data())
    policy = world.ws.insurance.add(ADMIN, world.policy_data()).value
    with pytest.raises(PermissionDenied):
        world.ws.claims.file(Actor("shenji", Role.AUDITOR), policy.id, {"amount": "1", "on": "2026-11-30"})
    with pytest.raises(PermissionDenied):
        world.ws.claims.pay(Actor("dengji", Role.CLERK), 1, D("1"))
    assert counts(world.ws)[1:2] == before[1:2]
