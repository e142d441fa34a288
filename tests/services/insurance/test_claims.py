"""Claims on both engines: entered → checked → approved / rejected → paid, the deductible and the limit
left (aggregate and per right) applied exactly to the fen, and the refusals (nothing written)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ipdesk.domain.shared.problems import RuleRefusal, ValidationError
from tests.helpers.factories import ADMIN
from tests.services.insurance.conftest import UTILITY, World, counts


@pytest.fixture
def policy(world: World):
    """500000.00 in all, 300000.00 a patent, 5000.00 deductible, on the invention and the utility model."""
    return world.ws.insurance.add(ADMIN, world.policy_data(
        rights=[world.right.display_number, UTILITY], consent=True, limit_per_right="300000",
        deductible="5000")).value


def claim(world: World, policy, amount: str, right: str | None = None, on: str = "2026-11-30"):
    data = {"amount": amount, "on": on, "case": "（2026）苏11民初123号 专利侵权纠纷",
            "right": right or world.right.display_number}
    return world.ws.claims.file(ADMIN, policy.id, data).value


def test_a_claim_from_report_to_payment(world: World, policy) -> None:
    entered = claim(world, policy, "120000.50")
    assert (entered.claim_no, entered.status.value, entered.claimed) == ("BX2026000001-01", "entered", D("120000.50"))
    assert world.ws.insurance.get(ADMIN, policy.id).remaining() == D("379999.50")  # an open claim is reserved
    checked = world.ws.claims.check(ADMIN, entered.id).value
    assert checked.status.value == "checked" and checked.checked_on is not None
    approved = world.ws.claims.approve(ADMIN, entered.id, D("100000.25")).value
    assert (approved.assessed, approved.approved) == (D("100000.25"), D("95000.25"))  # less the deductible
    paid = world.ws.claims.pay(ADMIN, entered.id).value
    assert (paid.status.value, paid.paid) == ("paid", D("95000.25"))
    after = world.ws.insurance.get(ADMIN, policy.id)
    assert after.remaining() == D("404999.75") and after.remaining(world.right.id) == D("204999.75")
    assert after.to_json()["claims"][0]["paid"] == "95000.25"
    assert world.ws.claims.find(ADMIN, "BX2026000001-01").id == entered.id


def test_the_limit_left_caps_claims_and_approvals(world: World, policy) -> None:
    before = counts(world.ws)
    with pytest.raises(ValidationError) as err:  # 300000.00 a patent
        claim(world, policy, "300000.01")
    assert err.value.problems[0].code == "insurance.claim_over_limit"
    assert "300000.00" in err.value.problems[0].message("en") and counts(world.ws) == before
    first = claim(world, policy, "300000.00")
    world.ws.claims.check(ADMIN, first.id)
    world.ws.claims.approve(ADMIN, first.id, D("300000.00"))  # 295000.00 after the deductible
    second = claim(world, policy, "205000.00", UTILITY)  # 500000 − 295000 = 205000 left in all
    with pytest.raises(ValidationError):
        claim(world, policy, "0.01", UTILITY)
    world.ws.claims.check(ADMIN, second.id)
    approved = world.ws.claims.approve(ADMIN, second.id, D("205000.00")).value
    assert approved.approved == D("200000.00")
    third = claim(world, policy, "5000.00", UTILITY)
    world.ws.claims.check(ADMIN, third.id)
    assert world.ws.claims.approve(ADMIN, third.id, D("5000.00")).value.approved == D("0.00")  # all deductible


def test_a_rejected_claim_gives_its_reservation_back(world: World, policy) -> None:
    c = claim(world, policy, "300000.00")
    assert world.ws.insurance.get(ADMIN, policy.id).remaining(world.right.id) == D("0.00")
    rejected = world.ws.claims.reject(ADMIN, c.id, "侵权行为发生在追溯期之前").value
    assert rejected.status.value == "rejected" and rejected.reason == "侵权行为发生在追溯期之前"
    assert world.ws.insurance.get(ADMIN, policy.id).remaining(world.right.id) == D("300000.00")
    with pytest.raises(RuleRefusal) as err:
        world.ws.claims.pay(ADMIN, c.id)
    assert err.value.problems[0].code == "insurance.claim_step"


def test_steps_out_of_order_and_bad_amounts_are_refused(world: World, policy) -> None:
    c = claim(world, policy, "10000.00")
    before = counts(world.ws)
    with pytest.raises(RuleRefusal) as err:
        world.ws.claims.approve(ADMIN, c.id, D("10000.00"))  # not checked yet
    assert err.value.problems[0].code == "insurance.claim_step"
    assert "已报案" in err.value.problems[0].message("zh")
    world.ws.claims.check(ADMIN, c.id)
    with pytest.raises(ValidationError) as err:
        world.ws.claims.approve(ADMIN, c.id, D("10000.01"))
    assert err.value.problems[0].code == "insurance.assessed_over_claimed"
    world.ws.claims.approve(ADMIN, c.id, D("10000.00"))
    with pytest.raises(ValidationError) as err:
        world.ws.claims.pay(ADMIN, c.id, D("5000.01"))
    assert err.value.problems[0].code == "insurance.paid_over_approved"
    assert counts(world.ws)[:2] == before[:2]


@pytest.mark.parametrize(("on", "amount", "code"), [
    ("2026-10-31", "100.00", "insurance.claim_outside_term"),
    ("2026-12-02", "100.00", "insurance.date_in_future"),
    ("2026-11-30", "-5.00", "insurance.amount_negative"),
    ("2026-11-30", "0", "insurance.amount_zero"),
])
def test_bad_claims_write_nothing(world: World, policy, on: str, amount: str, code: str) -> None:
    before = counts(world.ws)
    with pytest.raises(ValidationError) as err:
        claim(world, policy, amount, on=on)
    assert code in [p.code for p in err.value.problems]
    assert counts(world.ws) == before


def test_a_claim_names_a_covered_right(world: World, policy) -> None:
    with pytest.raises(ValidationError) as err:
        world.ws.claims.file(ADMIN, policy.id, {"amount": "1", "on": "2026-11-30", "case": "x"})
    assert err.value.problems[0].code == "insurance.claim_right_needed"
    with pytest.raises(ValidationError) as err:
        world.ws.claims.file(ADMIN, policy.id, {"amount": "1", "on": "2026-11-30", "case": "x",
                                                "right": "ZL 201910000001.9"})
    assert err.value.problems[0].code == "insurance.claim_right"
