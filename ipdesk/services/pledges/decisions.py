"""Maker-checker in the services: prepare a decision, list what awaits approval, confirm or return it.

A decision command (register, refuse, cancel; ``NoticeService.revoke``) checks what it can at once and,
with the office setting ``maker_checker`` on, stores a pending decision through :func:`prepare_in` instead of
deciding. :meth:`DecisionCommands.confirm` runs the stored decision in its own transaction under the
approver, with the preparer's name beside the approver's in the pledge's event and the audit entry
(``MAKER_KEY`` in the unit of work tells the event and audit helpers whose work is being confirmed).
A decision of another context (a notice revocation) runs through a confirmer the composition root
registers in ``confirmers``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.pledges.maker_checker import (
    DecisionKind,
    DecisionStatus,
    PendingDecision,
    closing_problems,
)
from ipdesk.domain.shared.changes import Changes
from ipdesk.domain.shared.clock import Clock
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal
from ipdesk.services import audit
from ipdesk.services.pledges.commands import ENTITY, MAKER_KEY, PledgeCommands
from ipdesk.services.pledges.pending import open_decision, pending_decision, prepare_in
from ipdesk.services.uow import UnitOfWork, changes_so_far, clock_of, note, reading, transaction
from ipdesk.storage.schema import PendingDecisionRow, PledgeRow

#: Runs a confirmed decision of another context: (unit of work, approver, the decision's params).
Confirmer = Callable[[UnitOfWork, Actor, dict[str, Any]], None]

__all__ = ["Confirmer", "DecisionCommands", "open_decision", "pending_decision", "prepare_in"]


class DecisionCommands(PledgeCommands):
    """The approver's side: pending decisions, confirm, return."""

    def __init__(self, engine: Engine, *, clock: Clock | None = None):
        super().__init__(engine, clock=clock)
        #: How a decision of another context runs once confirmed (the workstation registers them).
        self.confirmers: dict[DecisionKind, Confirmer] = {}

    def maker_checker_on(self, session: Session | None = None) -> bool:
        return self.office.settings(session).maker_checker

    def _prepare(self, session: Session, actor: Actor, row: PledgeRow, kind: DecisionKind,
                 params: dict[str, Any], summary: str):
        """Prepare ``kind`` on ``row`` and return the pledge, unchanged, with its pending decision."""
        prepare_in(session, actor, kind, row.id, params, summary)
        return self._done(session, row)

    # --- reads ---------------------------------------------------------------------------------
    def decisions(self, status: DecisionStatus | str | None = DecisionStatus.PENDING) -> list[PendingDecision]:
        """Decisions (awaiting approval by default; every one with ``status=None``), oldest first."""
        query = select(PendingDecisionRow, PledgeRow.registration_no, PledgeRow.application_no).outerjoin(
            PledgeRow, PledgeRow.id == PendingDecisionRow.pledge_id).order_by(PendingDecisionRow.id)
        if status is not None:
            query = query.where(PendingDecisionRow.status == DecisionStatus(status).value)
        with reading(self.engine) as session:
            return [pending_decision(r, reg or app or "") for r, reg, app in session.execute(query).all()]

    def decision(self, decision_id: int) -> PendingDecision:
        with reading(self.engine) as session:
            return pending_decision(self._decision_row(session, decision_id))

    # --- commands ------------------------------------------------------------------------------
    def confirm(self, actor: Actor, decision_id: int) -> Changes:
        """Confirm a decision someone else prepared: it runs now, in this transaction, under ``actor``."""
        actor.require(Action.CONFIRM_DECISION)
        with transaction(self.engine, self.clock) as session:
            row = self._decision_row(session, decision_id, lock=True)
            decision = pending_decision(row)
            problems = closing_problems(decision, actor.username)
            if problems:
                raise RuleRefusal(problems)
            session.info[MAKER_KEY] = row.prepared_by
            try:
                self._run(session, actor, decision)
            finally:
                session.info.pop(MAKER_KEY, None)
            self._close(session, actor, row, DecisionStatus.CONFIRMED, "")
            return changes_so_far(session)

    def return_decision(self, actor: Actor, decision_id: int, reason: str) -> Changes:
        """Send a prepared decision back to its preparer with ``reason``; the register stays as it is."""
        actor.require(Action.CONFIRM_DECISION)
        with transaction(self.engine, self.clock) as session:
            row = self._decision_row(session, decision_id, lock=True)
            problems = closing_problems(pending_decision(row), actor.username, reason)
            if problems:
                raise RuleRefusal(problems)
            self._close(session, actor, row, DecisionStatus.RETURNED, reason.strip())
            return changes_so_far(session)

    # --- helpers -------------------------------------------------------------------------------
    def _run(self, session: Session, actor: Actor, decision: PendingDecision) -> None:
        params = decision.params
        if decision.kind is DecisionKind.REVOKE_NOTICE:
            confirmer = self.confirmers.get(decision.kind)
            if confirmer is None:
                raise RuntimeError(f"no confirmer registered for {decision.kind.value}")
            confirmer(session, actor, params)
            return
        assert decision.pledge_id is not None, "a pledge decision names its pledge"
        pledge = self._row(session, decision.pledge_id, lock=True)
        on = date.fromisoformat(params["on"])
        if decision.kind is DecisionKind.REGISTER:
            self._register_row(session, actor, pledge, on)  # type: ignore[attr-defined]
        elif decision.kind is DecisionKind.REFUSE:
            self._refuse_row(session, actor, pledge, on)  # type: ignore[attr-defined]
        else:
            self._cancel_row(session, actor, pledge, params["trigger"], on)  # type: ignore[attr-defined]

    def _close(self, session: Session, actor: Actor, row: PendingDecisionRow, status: DecisionStatus,
               reason: str) -> None:
        row.status, row.decided_by, row.reason = status.value, actor.username, reason
        row.decided_at = clock_of(session).now()
        row.open_pledge_id = None
        session.flush()
        verb = "确认" if status is DecisionStatus.CONFIRMED else "退回"
        entity, entity_id = (ENTITY, row.pledge_id) if row.pledge_id is not None else ("decision", row.id)
        audit.record(session, actor, f"decision.{'confirm' if status is DecisionStatus.CONFIRMED else 'return'}",
                     entity, entity_id, f"{verb}决定 #{row.id}（提交人 {row.prepared_by}）" + (
                         f"：{reason}" if reason else ""),
                     {"status": DecisionStatus.PENDING.value},
                     {"decision": row.id, "kind": row.kind, "status": status.value, "reason": reason,
                      "prepared_by": row.prepared_by, "decided_by": actor.username})
        note(session, "decisions")

    def _decision_row(self, session: Session, decision_id: int, lock: bool = False) -> PendingDecisionRow:
        row = session.get(PendingDecisionRow, decision_id, with_for_update=lock)
        if row is None:
            raise NotFound(Problem("not_found", "decision", {"what": "待审核决定", "key": decision_id}))
        return row
