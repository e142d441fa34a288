"""The scan on both engines: incremental within a day (only the pledges the audit log shows changed), full
when the day turns or the rules change; acting on a signal: a note, a halt through the loans service (the
loan halted, no drawdown), a collection, each audited and on the pledge's timeline; refusals write nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import PermissionDenied, RuleRefusal, ValidationError
from ipdesk.storage.risk.tables import RiskActionRow
from ipdesk.storage.schema import AuditRow
from tests.helpers.factories import ADMIN
from tests.services.risk.conftest import World
from tests.services.risk.test_rules_raise_and_clear import loan


def test_scans_are_incremental_within_a_day_and_full_when_it_turns(world: World, clock) -> None:
    first = world.ws.risk.scan()
    assert first.full and first.pledges == 1 and first.raised == 0
    again = world.ws.risk.scan()
    assert not again.full and again.pledges == 0  # nothing changed since
    world.update_right(court_preservation=True)
    after = world.ws.risk.scan()
    assert (after.full, after.pledges, after.raised) == (False, 1, 1) and after.changes.signals
    clock.set(datetime(2026, 12, 2, 2, 0, tzinfo=UTC))
    assert world.ws.risk.scan().full
    world.ws.risk.save_rules(ADMIN, world.ws.risk.rules())
    assert world.ws.risk.scan().full  # the rules may have changed


def test_a_scan_writes_an_audit_entry_only_when_signals_move(world: World) -> None:
    def entries() -> int:
        with world.ws.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(AuditRow).where(AuditRow.action == "risk.scan")) \
                .scalar_one()

    world.ws.risk.scan()
    assert entries() == 0
    world.update_right(ownership_dispute=True)
    world.ws.risk.scan()
    assert entries() == 1


def test_halt_acts_on_the_loan_and_shows_on_the_timeline(world: World) -> None:
    loan(world)
    world.scan()
    [signal] = world.ws.risk.signals(rule="repayment_overdue")
    assert signal.severity.value == "critical" and signal.detail["overdue_days"] == 61
    done = world.ws.risk.act(ADMIN, signal.id, "halt", "逾期两期，叫停后续放款")
    assert done.value.acknowledged and done.value.actions[0]["loans"] == ["L2026000001"]
    assert world.pledge.id in done.changes.pledges and done.changes.signals == {signal.id}
    [x] = world.ws.loans.list(ADMIN, pledge_id=world.pledge.id)
    assert x.state.halted
    with pytest.raises(RuleRefusal) as err:
        world.ws.loans.draw(ADMIN, x.id, D("1000.00"))
    assert err.value.problems[0].code == "loans.halted"
    world.ws.risk.act(ADMIN, signal.id, "collect", "已发催收函")
    events = world.ws.pledges.events(world.pledge.id)
    assert [e["kind"] for e in events[-2:]] == ["risk_halt", "risk_collect"]
    assert "叫停" in events[-2]["summary"]
    assert [e.action for e in world.ws.audit.history("signal", signal.id)] == ["risk.halt", "risk.collect"]
    assert [e.action for e in world.ws.audit.history("loan", x.id)][-1] == "loan.halt"
    assert world.ws.audit.verify([]).to_json()["ok"]


def test_refusals_write_nothing(world: World) -> None:
    world.update_right(ownership_dispute=True)
    world.scan()
    [signal] = world.ws.risk.signals()

    def actions() -> int:
        with world.ws.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(RiskActionRow)).scalar_one()

    with pytest.raises(RuleRefusal) as err:  # no loan behind the pledge
        world.ws.risk.act(ADMIN, signal.id, "halt", "叫停")
    assert err.value.problems[0].code == "risk.no_open_loan"
    with pytest.raises(ValidationError):
        world.ws.risk.act(ADMIN, signal.id, "dispose", "x")
    with pytest.raises(ValidationError):
        world.ws.risk.act(ADMIN, signal.id, "note", "  ")
    with pytest.raises(PermissionDenied):
        world.ws.risk.act(Actor("shenji", Role.AUDITOR), signal.id, "note", "看过")
    loan(world)
    with pytest.raises(PermissionDenied):  # a clerk notes signals but halting a loan is the lender's
        world.ws.risk.act(Actor("dengji", Role.CLERK), signal.id, "halt", "叫停")
    assert actions() == 0
    world.ws.risk.act(Actor("dengji", Role.CLERK), signal.id, "note", "已电话联系出质人")
    world.update_right()
    world.scan()
    with pytest.raises(RuleRefusal) as err:
        world.ws.risk.act(ADMIN, signal.id, "collect", "x")
    assert err.value.problems[0].code == "risk.cleared" and actions() == 1
