"""Rights-protection custody on both engines: an invalidation request flags the right (P11 for a later pledge),
closing the last one clears it; bad input and other roles write nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ipdesk.domain.registry.rights import LegalStatus
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import PermissionDenied, RuleRefusal, ValidationError
from ipdesk.services.workstation import Workstation
from ipdesk.storage.custody.monitoring_tables import MonitoringEntryRow
from ipdesk.storage.schema import AuditRow
from tests.helpers.factories import application_data, pledge_world

CUSTODIAN = Actor("tuoguan", Role.CUSTODIAN)
NUMBER = "ZL 201710601862.3"


def counts(ws: Workstation) -> tuple[int, int]:
    with ws.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(MonitoringEntryRow)).scalar_one(),
                conn.execute(select(func.count()).select_from(AuditRow)).scalar_one())


def p11(ws: Workstation, world: dict) -> str:
    exam = ws.pledges.examine_data(application_data(world))
    return next(f.status.value for f in exam.findings if f.code == "P11")


def test_an_invalidation_request_flags_the_right_and_p11_until_it_closes(workstation: Workstation) -> None:
    world = pledge_world(workstation)
    right_id = world["right"].id
    assert p11(workstation, world) == "passed"
    entry = workstation.monitoring.add(CUSTODIAN, {"right": "2017106018623", "kind": "invalidation",
                                                   "opened_on": "2026-11-02", "counterparty": "某某科技有限公司",
                                                   "reference": "4W112233", "documents": "无效宣告请求书"})
    assert entry.status.value == "open" and entry.changes.rights == {right_id}
    right = workstation.rights.get(right_id)
    assert right.invalidation_requested and right.version == 2
    assert p11(workstation, world) == "failed"
    second = workstation.monitoring.add(CUSTODIAN, {"right": NUMBER, "kind": "invalidation"})
    workstation.monitoring.close(CUSTODIAN, entry.id, {"outcome": "maintained", "closed_on": "2026-11-30"})
    assert workstation.rights.get(right_id).invalidation_requested  # the second request is still pending
    closed = workstation.monitoring.close(CUSTODIAN, second.id, {"outcome": "withdrawn"})
    assert closed.outcome is not None and closed.outcome.value == "withdrawn"
    assert not workstation.rights.get(right_id).invalidation_requested
    assert p11(workstation, world) == "passed"
    history = [e.action for e in workstation.rights.history(right_id)]
    assert history.count("monitoring.add") == 2 and history.count("monitoring.close") == 2


def test_a_decision_of_invalidity_records_the_status(workstation: Workstation) -> None:
    world = pledge_world(workstation)
    entry = workstation.monitoring.add(CUSTODIAN, {"right": NUMBER, "kind": "invalidation"})
    workstation.monitoring.close(CUSTODIAN, entry.id, {"outcome": "invalidated"})
    right = workstation.rights.get(world["right"].id)
    assert right.legal_status is LegalStatus.INVALIDATED and not right.invalidation_requested


def test_other_entries_leave_the_flag_alone_and_list_newest_first(workstation: Workstation) -> None:
    world = pledge_world(workstation)
    first = workstation.monitoring.add(CUSTODIAN, {"right": NUMBER, "kind": "infringement", "opened_on": "2026-10-01",
                                                   "counterparty": "仿冒者"})
    second = workstation.monitoring.add(CUSTODIAN, {"right": NUMBER, "kind": "litigation", "opened_on": "2026-11-01"})
    assert not workstation.rights.get(world["right"].id).invalidation_requested
    workstation.monitoring.close(CUSTODIAN, first.id, {"outcome": "settled"})
    assert [e.id for e in workstation.monitoring.list(world["right"].id)] == [second.id, first.id]
    assert [e.id for e in workstation.monitoring.list(open_only=True)] == [second.id]
    assert workstation.monitoring.get(first.id).outcome is not None


def test_bad_input_and_closed_entries_write_nothing(workstation: Workstation) -> None:
    pledge_world(workstation)
    before = counts(workstation)
    for data in ({"right": NUMBER, "kind": "invalidation", "opened_on": "2026-12-02"},
                 {"right": "ZL 202220312346.5", "kind": "litigation"}, {"right": "", "kind": "litigation"}):
        with pytest.raises(ValidationError):
            workstation.monitoring.add(CUSTODIAN, data)
    assert counts(workstation) == before
    entry = workstation.monitoring.add(CUSTODIAN, {"right": NUMBER, "kind": "litigation"})
    with pytest.raises(ValidationError):
        workstation.monitoring.close(CUSTODIAN, entry.id, {"outcome": "maintained"})
    workstation.monitoring.close(CUSTODIAN, entry.id, {"outcome": "upheld"})
    before = counts(workstation)
    with pytest.raises(RuleRefusal):
        workstation.monitoring.close(CUSTODIAN, entry.id, {"outcome": "upheld"})
    assert counts(workstation) == before


def test_only_a_custodian_or_an_administrator(workstation: Workstation) -> None:
    pledge_world(workstation)
    before = counts(workstation)
    for role in (Role.CLERK, Role.AUDITOR, Role.AGENCY):
        with pytest.raises(PermissionDenied):
            workstation.monitoring.add(Actor("x", role), {"right": NUMBER, "kind": "litigation"})
    assert counts(workstation) == before


def test_editing_the_right_cannot_clear_the_flag_while_an_invalidation_request_is_open(
        workstation: Workstation) -> None:
    from tests.helpers.factories import ADMIN, invention_data

    world = pledge_world(workstation)
    right_id, firm = world["right"].id, world["firm"].id
    entry = workstation.monitoring.add(CUSTODIAN, {"right": NUMBER, "kind": "invalidation"})
    before = counts(workstation)
    with pytest.raises(RuleRefusal) as refused:
        workstation.rights.update(ADMIN, right_id, invention_data([firm], invalidation_requested=False,
                                                                  title="改了标题"))
    problem = refused.value.problems[0]
    assert (problem.code, problem.field) == ("monitoring.invalidation_open", "invalidation_requested")
    assert "1 项未结案的无效宣告请求" in problem.message("zh")
    assert "has 1 open invalidation request" in problem.message("en")
    right = workstation.rights.get(right_id)
    assert right.invalidation_requested and right.title != "改了标题" and counts(workstation) == before
    # an edit that keeps the flag goes through; after the request is closed the flag is gone anyway
    kept = workstation.rights.update(ADMIN, right_id, invention_data([firm], invalidation_requested=True,
                                                                     title="改了标题"))
    assert kept.title == "改了标题" and kept.invalidation_requested
    workstation.monitoring.close(CUSTODIAN, entry.id, {"outcome": "maintained"})
    assert not workstation.rights.get(right_id).invalidation_requested
    # with no open request, the flag set by hand may be cleared by hand
    workstation.rights.update(ADMIN, right_id, invention_data([firm], invalidation_requested=True))
    cleared = workstation.rights.update(ADMIN, right_id, invention_data([firm], invalidation_requested=False))
    assert not cleared.invalidation_requested
