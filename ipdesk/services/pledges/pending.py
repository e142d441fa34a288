"""Pending decisions in storage: read one as the domain's record, find a pledge's open one, prepare one.

:func:`prepare_in` is what a decision command calls instead of deciding when maker-checker is on (the
pledge commands here, ``NoticeService.revoke`` for a notice); confirming is in ``decisions``.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ipdesk.domain.pledges.maker_checker import (
    DecisionKind,
    DecisionStatus,
    PendingDecision,
    kind_problem,
    second_decision_problems,
)
from ipdesk.domain.shared.permissions import Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.services import audit
from ipdesk.services.uow import UnitOfWork, note
from ipdesk.storage.schema import PendingDecisionRow

ENTITY = "pledge"


def pending_decision(row: PendingDecisionRow, label: str = "") -> PendingDecision:
    return PendingDecision(row.id, row.pledge_id, DecisionKind(row.kind), json.loads(row.params) if row.params else {},
                           row.prepared_by, row.created_at, DecisionStatus(row.status), row.decided_by,
                           row.decided_at, row.reason, label)


def open_decision(session: Session, pledge_id: int) -> PendingDecisionRow | None:
    """The decision awaiting approval on ``pledge_id``, if any."""
    return session.execute(select(PendingDecisionRow).where(PendingDecisionRow.open_pledge_id == pledge_id)
                           ).scalar_one_or_none()


def prepare_in(uow: UnitOfWork, actor: Actor, kind: DecisionKind, pledge_id: int | None, params: dict[str, Any],
               summary: str) -> PendingDecision:
    """Store ``kind`` with ``params`` as awaiting approval (the register does not change); refused while
    the pledge has another pending decision (the UNIQUE ``open_pledge_id`` settles a race)."""
    if pledge_id is not None:
        existing = open_decision(uow, pledge_id)
        problems = second_decision_problems(pending_decision(existing) if existing is not None else None)
        if problems:
            raise RuleRefusal(problems)
    row = PendingDecisionRow(pledge_id=pledge_id, open_pledge_id=pledge_id, kind=kind.value,
                             params=audit.canonical_json(params), prepared_by=actor.username,
                             prepared_role=actor.role.value, status=DecisionStatus.PENDING.value, reason="")
    uow.add(row)
    try:
        uow.flush()
    except IntegrityError:  # another clerk's decision on this pledge was stored a moment before
        uow.rollback()  # nothing of this command is kept
        raise RuleRefusal(Problem("decision.already_pending", "pledge",
                                  {"id": "?", "kind": kind_problem(kind), "user": "?"})) from None
    audit.record(uow, actor, "decision.prepare", ENTITY if pledge_id is not None else "decision",
                 pledge_id if pledge_id is not None else row.id, f"提交审核 #{row.id}：{summary}", None,
                 {"decision": row.id, "kind": kind.value, "params": params})
    note(uow, "decisions")
    return pending_decision(row)
