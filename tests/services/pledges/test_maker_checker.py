"""Maker-checker on both engines: a clerk prepares, an approver confirms or returns; nobody confirms their own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.domain.pledges.application import PledgeStatus
from ipdesk.domain.pledges.maker_checker import DecisionKind, DecisionStatus
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import PermissionDenied, RuleRefusal
from ipdesk.services.office.settings import OfficeService, OfficeSettings
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow, PendingDecisionRow, PledgeEventRow
from tests.helpers.factories import application_data, pledge_world

D = date(2026, 11, 16)
CLERK = Actor("dengji", Role.CLERK)
APPROVER = Actor("shenhe", Role.APPROVER)
SECOND_APPROVER = Actor("fuhe", Role.APPROVER)


@pytest.fixture
def ws(workstation: Workstation, maker_checker_on: None) -> Workstation:
    return workstation  # a new office's defaults: maker-checker on


def written(ws: Workstation) -> tuple[int, int, int]:
    """Audit entries, pledge events and decision rows: what a refused command must leave as it found."""
    with ws.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()  # type: ignore[return-value]
                     for t in (AuditRow, PledgeEventRow, PendingDecisionRow))


def filed(ws: Workstation) -> int:
    return ws.pledges.file(CLERK, application_data(pledge_world(ws)), received=D).id


def test_a_new_office_has_maker_checker_on(engine, maker_checker_on) -> None:
    assert OfficeSettings().maker_checker is True
    assert OfficeService(engine).settings().maker_checker is True  # a migrated, empty database


def test_the_clerk_prepares_and_the_approver_confirms_with_both_names(ws: Workstation) -> None:
    pid = filed(ws)
    events_before = [e["kind"] for e in ws.pledges.events(pid)]
    prepared = ws.pledges.register(CLERK, pid, on=D)
    # The register does not change: still applied, no number, no new event; the decision is stored.
    assert prepared.status is PledgeStatus.APPLIED and prepared.registration_no is None
    assert [e["kind"] for e in ws.pledges.events(pid)] == events_before
    assert prepared.pending is not None and prepared.pending.kind is DecisionKind.REGISTER
    assert prepared.pending.prepared_by == "dengji" and prepared.pending.params == {"on": "2026-11-16"}
    assert prepared.changes.decisions
    assert ws.pledges.get(pid).pending == prepared.pending
    assert [d.id for d in ws.pledges.decisions()] == [prepared.pending.id]

    changes = ws.pledges.confirm(APPROVER, prepared.pending.id)
    assert changes.decisions and pid in changes.pledges
    record = ws.pledges.get(pid)
    assert record.status is PledgeStatus.REGISTERED and record.registered_on == D and record.pending is None
    registered = next(e for e in ws.pledges.events(pid) if e["kind"] == "registered")
    assert registered["actor"] == "shenhe"
    assert registered["payload"]["prepared_by"] == "dengji" and registered["payload"]["confirmed_by"] == "shenhe"
    assert "dengji" in registered["summary"] and "shenhe" in registered["summary"]
    entry = next(e for e in ws.pledges.history(pid) if e.action == "pledge.register")
    assert entry.actor == "shenhe" and "dengji" in entry.summary and entry.after["prepared_by"] == "dengji"
    assert ws.pledges.decisions() == []
    closed = ws.pledges.decision(prepared.pending.id)
    assert closed.status is DecisionStatus.CONFIRMED and closed.decided_by == "shenhe"


def test_nobody_confirms_their_own_and_a_clerk_confirms_nothing(ws: Workstation) -> None:
    pid = filed(ws)
    decision = ws.pledges.register(APPROVER, pid, on=D).pending
    assert decision is not None
    before = written(ws)
    with pytest.raises(RuleRefusal) as err:
        ws.pledges.confirm(APPROVER, decision.id)
    assert err.value.problems[0].code == "decision.own"
    with pytest.raises(RuleRefusal):
        ws.pledges.return_decision(Actor("SHENHE", Role.APPROVER), decision.id, "no")  # names fold case
    with pytest.raises(PermissionDenied):
        ws.pledges.confirm(CLERK, decision.id)
    assert written(ws) == before
    assert ws.pledges.get(pid).status is PledgeStatus.APPLIED
    ws.pledges.confirm(SECOND_APPROVER, decision.id)
    assert ws.pledges.get(pid).status is PledgeStatus.REGISTERED
    with pytest.raises(RuleRefusal) as err:  # closed: not twice
        ws.pledges.confirm(APPROVER, decision.id)
    assert err.value.problems[0].code == "decision.closed"


def test_a_pending_decision_blocks_a_second_one(ws: Workstation) -> None:
    pid = filed(ws)
    first = ws.pledges.register(CLERK, pid, on=D).pending
    assert first is not None
    before = written(ws)
    with pytest.raises(RuleRefusal) as err:
        ws.pledges.register(Actor("other", Role.CLERK), pid, on=D)
    assert err.value.problems[0].code == "decision.already_pending"
    assert "dengji" in err.value.messages("en")[0]
    assert written(ws) == before


def test_returning_with_a_reason_leaves_the_register_and_frees_the_pledge(ws: Workstation) -> None:
    pid = filed(ws)
    decision = ws.pledges.register(CLERK, pid, on=D).pending
    assert decision is not None
    with pytest.raises(RuleRefusal) as err:
        ws.pledges.return_decision(APPROVER, decision.id, "  ")
    assert err.value.problems[0].code == "decision.reason_required"
    ws.pledges.return_decision(APPROVER, decision.id, "合同页缺签章")
    returned = ws.pledges.decision(decision.id)
    assert returned.status is DecisionStatus.RETURNED and returned.reason == "合同页缺签章"
    record = ws.pledges.get(pid)
    assert record.status is PledgeStatus.APPLIED and record.pending is None
    assert any(e.action == "decision.return" and "合同页缺签章" in e.summary for e in ws.pledges.history(pid))
    assert ws.pledges.register(CLERK, pid, on=D).pending is not None  # prepared again


def test_a_decision_that_could_not_run_is_refused_when_prepared(ws: Workstation) -> None:
    world = pledge_world(ws)
    pid = ws.pledges.file(CLERK, application_data(world, documents=[]), received=D).id
    before = written(ws)
    with pytest.raises(RuleRefusal):
        ws.pledges.register(CLERK, pid, on=D)
    assert written(ws) == before


def test_refusal_cancellation_and_revocation_go_through_approval(ws: Workstation) -> None:
    world = pledge_world(ws)
    pid = ws.pledges.file(CLERK, application_data(world), received=D).id
    ws.pledges.confirm(APPROVER, ws.pledges.register(CLERK, pid, on=D).pending.id)  # type: ignore[union-attr]
    serial = ws.notices.issue(CLERK, pid, NoticeKind.REGISTRATION).serial

    ws.notices.revoke(CLERK, serial, "误发")
    assert not ws.notices.get(serial).revoked
    (revocation,) = ws.pledges.decisions()
    assert revocation.kind is DecisionKind.REVOKE_NOTICE and revocation.params == {"serial": serial, "reason": "误发"}
    ws.pledges.confirm(APPROVER, revocation.id)
    assert ws.notices.get(serial).revoked
    entry = next(e for e in ws.pledges.history(pid) if e.action == "notice.revoke")
    assert entry.actor == "shenhe" and "dengji" in entry.summary

    cancelled = ws.pledges.cancel(CLERK, pid, "repaid", on=date(2026, 11, 19))
    assert cancelled.status is PledgeStatus.REGISTERED and cancelled.pending is not None
    ws.pledges.confirm(APPROVER, cancelled.pending.id)
    record = ws.pledges.get(pid)
    assert record.status is PledgeStatus.CANCELLED and record.cancelled_on == date(2026, 11, 19)

    other = ws.pledges.file(CLERK, application_data(world), received=date(2026, 11, 20)).id
    ws.pledges.add_other_ground(CLERK, other, "质押合同系伪造")
    refusal = ws.pledges.refuse(CLERK, other, on=date(2026, 11, 20)).pending
    assert refusal is not None and refusal.kind is DecisionKind.REFUSE
    ws.pledges.confirm(APPROVER, refusal.id)
    assert ws.pledges.get(other).status is PledgeStatus.REFUSED


def test_with_the_setting_off_the_clerk_decides_directly(workstation: Workstation, maker_checker_on: None) -> None:
    office = workstation.office  # a new office, which turns the setting off
    office.save_settings(Actor("boss", Role.ADMIN), replace(office.settings(), maker_checker=False))
    pid = filed(workstation)
    record = workstation.pledges.register(CLERK, pid, on=D)
    assert record.status is PledgeStatus.REGISTERED and record.pending is None
    assert workstation.pledges.decisions() == []
