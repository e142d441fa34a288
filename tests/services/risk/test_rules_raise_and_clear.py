"""Each early-warning rule raises its signal and clears it when the cause goes away, on both engines, on the
injected clock (table-driven: the cause, then its removal)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal as D

import pytest

from ipdesk.domain.risk.rules import RiskRule, RuleCode, RuleSet
from tests.helpers.factories import ADMIN
from tests.services.risk.conftest import World

Step = Callable[[World, object], None]


def at(clock, day: str) -> None:
    clock.set(datetime.fromisoformat(day).replace(hour=2, tzinfo=UTC))


def months(world: World, n: int) -> None:
    rules = world.ws.risk.rules()
    current = rules.on(datetime(2026, 12, 1).date())
    changed = tuple(RiskRule(r.code, r.severity, {"months": D(n)}) if r.code is RuleCode.EXPIRY_NEAR_DEADLINE else r
                    for r in current.rules)
    world.ws.risk.save_rules(ADMIN, rules.with_set(RuleSet(current.effective_from, changed)))


def monitor(world: World, kind: str) -> None:
    world.ws.monitoring.add(ADMIN, {"right": world.right.display_number, "kind": kind, "opened_on": "2026-11-25",
                                    "counterparty": "某科技有限公司"})


def close_all(world: World, outcome: str) -> None:
    for entry in world.ws.monitoring.list(world.right.id, open_only=True):
        world.ws.monitoring.close(ADMIN, entry.id, {"outcome": outcome, "closed_on": "2026-11-30"})


def policy(world: World, start: str, end: str) -> None:
    world.ws.insurance.add(ADMIN, {"product": "enforcement", "insurer": world.insurer.uscc,
                                   "insured": world.firm.uscc, "rights": [world.right.display_number],
                                   "limit": "500000", "premium": "25000", "from": start, "to": end})


def loan(world: World) -> None:
    world.ws.loans.add(ADMIN, {"lender": world.bank.uscc, "borrower": world.firm.uscc,
                               "pledge": world.pledge.registration_no, "principal": "1200000.00", "rate": "6",
                               "start": "2026-09-01", "maturity": "2027-09-01", "schedule": "equal_principal"})


def repay(world: World) -> None:
    [x] = world.ws.loans.list(ADMIN, pledge_id=world.pledge.id)
    world.ws.loans.repay(ADMIN, x.id, D("318907.75"))  # both overdue instalments with their penalty


CASES: list[tuple[str, Step, Step]] = [
    ("fee_due_soon", lambda w, c: at(c, "2027-07-01"),  # year 11 falls due 2027-07-25
     lambda w, c: w.ws.fees.pay(ADMIN, w.right.display_number, 11, D("4000"))),
    ("fee_late", lambda w, c: w.update_right(fees_paid_through="9"), lambda w, c: w.update_right()),
    ("lapsed", lambda w, c: w.update_right(fees_paid_through="8"), lambda w, c: w.update_right()),
    ("invalidation", lambda w, c: monitor(w, "invalidation"), lambda w, c: close_all(w, "maintained")),
    ("dispute", lambda w, c: w.update_right(ownership_dispute=True), lambda w, c: w.update_right()),
    ("preservation", lambda w, c: w.update_right(court_preservation=True), lambda w, c: w.update_right()),
    ("litigation", lambda w, c: monitor(w, "litigation"), lambda w, c: close_all(w, "settled")),
    # The invention expires 2037-07-24, the debt is due 2028-11-15: within 120 months, not within 12.
    ("expiry_near_deadline", lambda w, c: months(w, 120), lambda w, c: months(w, 12)),
    ("valuation_expired", lambda w, c: w.value("30000000", "2025-11-01"), lambda w, c: w.value("30000000")),
    ("valuation_drop", lambda w, c: (w.value("40000000", "2026-11-01"), w.value("30000000")),
     lambda w, c: w.value("39000000", "2026-11-30")),
    ("ltv_over_cap", lambda w, c: w.value("5000000"), lambda w, c: w.value("30000000", "2026-11-30")),
    ("insurance_lapsed", lambda w, c: policy(w, "2026-11-01", "2027-10-31"),
     lambda w, c: policy(w, "2027-11-01", "2028-12-31")),
    ("repayment_overdue", lambda w, c: loan(w), lambda w, c: repay(w)),
]


@pytest.mark.parametrize(("rule", "cause", "cure"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_raises_and_clears(world: World, clock, rule: str, cause: Step, cure: Step) -> None:
    assert rule not in world.scan()
    cause(world, clock)
    assert rule in world.scan(), world.ws.risk.signals()
    [signal] = [s for s in world.ws.risk.signals(pledge_id=world.pledge.id) if s.rule == rule]
    assert signal.since == world.ws.clock.today() and signal.pledge_no == world.pledge.registration_no
    cure(world, clock)
    assert rule not in world.scan()
    [gone] = [s for s in world.ws.risk.signals(open_only=False, pledge_id=world.pledge.id) if s.id == signal.id]
    assert gone.cleared_on == world.ws.clock.today()


def test_a_cause_that_comes_back_opens_a_new_signal(world: World) -> None:
    world.update_right(ownership_dispute=True)
    world.scan()
    world.update_right()
    world.scan()
    world.update_right(ownership_dispute=True)
    assert "dispute" in world.scan()
    signals = [s for s in world.ws.risk.signals(open_only=False) if s.rule == "dispute"]
    assert len(signals) == 2 and sum(s.cleared_on is None for s in signals) == 1


def test_a_disabled_rule_raises_nothing(world: World) -> None:
    world.update_right(ownership_dispute=True)
    assert "dispute" in world.scan()
    rules = world.ws.risk.rules()
    current = rules.sets[0]
    off = tuple(replace(r, enabled=False) if r.code is RuleCode.DISPUTE else r for r in current.rules)
    world.ws.risk.save_rules(ADMIN, rules.with_set(RuleSet(current.effective_from, off)))
    assert "dispute" not in world.scan()
