"""Pledge commands inside a caller's unit of work (``*_in``) and what each command says it changed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.domain.pledges.application import PledgeStatus
from ipdesk.domain.shared.changes import NO_CHANGES, Changed
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.uow import collect_changes, transaction
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow, PledgeEventRow, RightTransactionRow
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)
NUMBER = "2017106018623"


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as s:
        return tuple(s.execute(select(func.count()).select_from(t)).scalar_one()  # type: ignore[return-value]
                     for t in (AuditRow, PledgeEventRow, RightTransactionRow))


def test_commands_composed_in_one_transaction_that_fails_write_nothing(workstation: Workstation) -> None:
    svc = PledgeService(workstation.engine)
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    before = counts(workstation.engine)
    with pytest.raises(RuntimeError), transaction(workstation.engine) as uow:
        registered = svc.register_in(uow, ADMIN, rec.id, on=D)
        assert registered.status is PledgeStatus.REGISTERED  # visible inside the unit of work
        svc.record_transaction_in(uow, ADMIN, NUMBER, "transfer", "镇江某某机械有限公司", pledgee_consent=True,
                                  proceeds=Decimal("1"), proceeds_handling="escrow", on=D)
        svc.cancel_in(uow, ADMIN, rec.id, "repaid", on=D)
        raise RuntimeError("the deal fell through after the pledge commands")
    assert counts(workstation.engine) == before
    after = svc.get(rec.id)
    assert after.status is PledgeStatus.APPLIED and after.registration_no is None


def test_commands_composed_in_one_transaction_commit_together(workstation: Workstation) -> None:
    svc = PledgeService(workstation.engine)
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    with collect_changes() as collected, transaction(workstation.engine) as uow:
        svc.register_in(uow, ADMIN, rec.id, on=D)
        done = svc.cancel_in(uow, ADMIN, rec.id, "realised", on=D)
    assert svc.get(rec.id).status is PledgeStatus.CANCELLED
    assert [e["kind"] for e in svc.events(rec.id)][-2:] == ["registered", "cancelled"]
    assert collected.changes == done.changes and rec.id in done.changes.pledges


def test_register_and_cancel_say_what_they_changed(workstation: Workstation) -> None:
    svc = PledgeService(workstation.engine)
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    assert rec.changes.pledges == {rec.id} and rec.changes.audit and not rec.changes.rights
    right_ids = {r.right_id for r in rec.rights}
    registered = svc.register(ADMIN, rec.id, on=D)
    assert registered.changes.pledges == {rec.id}
    assert registered.changes.rights == right_ids  # the rights are pledged now
    assert registered.changes.kinds == {"pledges", "rights", "audit"}
    cancelled = svc.cancel(ADMIN, rec.id, "repaid", on=D)
    assert (cancelled.changes.pledges, cancelled.changes.rights) == ({rec.id}, right_ids)
    assert cancelled.changes.audit
    assert svc.get(rec.id).changes is NO_CHANGES  # a query changes nothing
    assert cancelled == svc.get(rec.id)  # the changes are not part of the record's value


def test_examine_and_record_transaction_say_what_they_changed(workstation: Workstation) -> None:
    svc = PledgeService(workstation.engine)
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    exam = svc.examine(ADMIN, rec.id, as_of=D)
    assert exam.changes.pledges == {rec.id} and exam.changes.audit
    svc.register(ADMIN, rec.id, on=D)
    result = svc.record_transaction(ADMIN, NUMBER, "licence", "镇江某某机械有限公司", pledgee_consent=True,
                                    proceeds=Decimal("200000"), proceeds_handling="escrow", on=D)
    assert isinstance(result, Changed) and isinstance(result.value, int)
    right_id = next(r.right_id for r in rec.rights if r.number == NUMBER)
    assert result.changes.rights == {right_id} and result.changes.pledges == {rec.id} and result.changes.audit
    with Session(workstation.engine) as s:
        assert s.get(RightTransactionRow, result.value).kind == "licence"
