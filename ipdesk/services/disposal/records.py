"""A disposal case as the front ends see it: its pledge, loan and parties by name, its plan with each
stage's state, its timeline and documents, its settlement, and the JSON the CLI prints."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.disposal.stages import ROUTES, STAGES, Route, Stage, plan
from ipdesk.storage.disposal.tables import (
    DisposalCaseRow,
    DisposalDocumentRow,
    DisposalSettlementRow,
    DisposalStepRow,
)
from ipdesk.storage.loans.tables import LoanRow
from ipdesk.storage.schema import PartyRow, PledgeRow


def m(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True)
class StageState:
    """One stage of the case's plan: ``done``, ``current``, ``todo``; and, once passed, when."""

    stage: Stage
    state: str
    completed_on: date | None = None


@dataclass(frozen=True)
class CaseRecord:
    """A disposal case on ``as_of``.

    Attributes:
        overdue_days: working-day deadline passed by this many calendar days (0: within it).
        steps: the timeline, oldest first (dicts: seq, kind, from, to, on, due, responsible, facts, reason…).
        documents: every document on the case (stage, code, reference, on, actor).
        settlement: the stored settlement's JSON, or ``None``.
    """

    id: int
    case_no: str
    pledge_id: int
    pledge_no: str
    pledge_status: str
    pledgee_id: int
    pledgee_name: str
    pledgor_names: str
    loan_id: int
    loan_no: str
    owner_party_id: int | None
    owner_name: str | None
    stage: Stage
    stage_entered_on: date
    stage_due_on: date | None
    responsible: str
    route: Route | None
    market_value: Decimal | None
    forced_value: Decimal | None
    listing: str
    lot_id: int | None
    buyer_id: int | None
    buyer_name: str | None
    price: Decimal | None
    deal_on: date | None
    scheme: str
    opened_on: date
    closed_on: date | None
    as_of: date
    stages: tuple[StageState, ...]
    steps: tuple[dict[str, Any], ...]
    documents: tuple[dict[str, Any], ...]
    settlement: dict[str, Any] | None
    version: int

    @property
    def overdue_days(self) -> int:
        if self.stage_due_on is None or self.closed_on is not None:
            return 0
        return max((self.as_of - self.stage_due_on).days, 0)

    def documents_for(self, stage: Stage) -> set[str]:
        return {d["code"] for d in self.documents if d["stage"] == stage.value}

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "case_no": self.case_no,
            "pledge": {"id": self.pledge_id, "registration_no": self.pledge_no, "status": self.pledge_status,
                       "pledgee": self.pledgee_name, "pledgors": self.pledgor_names},
            "loan": {"id": self.loan_id, "loan_no": self.loan_no},
            "owner": None if self.owner_party_id is None else {"id": self.owner_party_id, "name": self.owner_name},
            "stage": self.stage.value, "stage_label": STAGES[self.stage].label[0],
            "stage_entered_on": _d(self.stage_entered_on), "stage_due_on": _d(self.stage_due_on),
            "overdue_days": self.overdue_days, "responsible": self.responsible,
            "route": None if self.route is None else self.route.value,
            "market_value": m(self.market_value), "forced_value": m(self.forced_value),
            "listing": self.listing or None, "lot_id": self.lot_id,
            "buyer": None if self.buyer_id is None else {"id": self.buyer_id, "name": self.buyer_name},
            "price": m(self.price), "deal_on": _d(self.deal_on), "scheme": self.scheme or None,
            "opened_on": _d(self.opened_on), "closed_on": _d(self.closed_on), "as_of": _d(self.as_of),
            "plan": [{"stage": s.stage.value, "label": STAGES[s.stage].label[0], "state": s.state,
                      "completed_on": _d(s.completed_on)} for s in self.stages],
            "documents": list(self.documents),
            "timeline": list(self.steps),
            "settlement": self.settlement,
        }


def step_rows(session: Session, case_id: int) -> list[DisposalStepRow]:
    return list(session.execute(select(DisposalStepRow).where(DisposalStepRow.case_id == case_id)
                                .order_by(DisposalStepRow.seq)).scalars())


def document_rows(session: Session, case_id: int) -> list[DisposalDocumentRow]:
    return list(session.execute(select(DisposalDocumentRow).where(DisposalDocumentRow.case_id == case_id)
                                .order_by(DisposalDocumentRow.id)).scalars())


def settlement_row(session: Session, case_id: int) -> DisposalSettlementRow | None:
    return session.execute(select(DisposalSettlementRow)
                           .where(DisposalSettlementRow.case_id == case_id)).scalar_one_or_none()


def live_advances(steps: list[DisposalStepRow]) -> list[DisposalStepRow]:
    """The forward steps still standing (not undone by a later reversing act), oldest first."""
    undone = {s.reverses for s in steps if s.kind == "reverse"}
    return [s for s in steps if s.kind == "advance" and s.seq not in undone]


def _plan_states(row: DisposalCaseRow, steps: list[DisposalStepRow]) -> tuple[StageState, ...]:
    route = Route(row.route) if row.route else None
    done = {Stage(s.from_stage): s.on_date for s in live_advances(steps) if s.from_stage}
    current = Stage(row.stage)
    out = []
    for stage in plan(route):
        if stage is current:
            out.append(StageState(stage, "done" if stage is Stage.CLOSED else "current", row.closed_on))
        elif stage in done:
            out.append(StageState(stage, "done", done[stage]))
        else:
            out.append(StageState(stage, "todo"))
    return tuple(out)


def record_of(session: Session, row: DisposalCaseRow, as_of: date) -> CaseRecord:
    pledge = session.get(PledgeRow, row.pledge_id)
    loan = session.get(LoanRow, row.loan_id)
    assert pledge is not None and loan is not None
    steps = step_rows(session, row.id)
    ids = {i for i in (row.owner_party_id, row.buyer_party_id) if i is not None}
    names = {pid: name for pid, name in session.execute(select(PartyRow.id, PartyRow.name).where(PartyRow.id.in_(ids)))}
    settled = settlement_row(session, row.id)
    return CaseRecord(
        id=row.id, case_no=row.case_no, pledge_id=pledge.id, pledge_no=pledge.registration_no or "",
        pledge_status=pledge.status, pledgee_id=pledge.pledgee_id, pledgee_name=pledge.pledgee_name,
        pledgor_names=pledge.pledgor_names,
        loan_id=loan.id, loan_no=loan.loan_no, owner_party_id=row.owner_party_id,
        owner_name=names.get(row.owner_party_id) if row.owner_party_id else None,
        stage=Stage(row.stage), stage_entered_on=row.stage_entered_on, stage_due_on=row.stage_due_on,
        responsible=row.responsible, route=Route(row.route) if row.route else None,
        market_value=row.market_value, forced_value=row.forced_value, listing=row.listing, lot_id=row.lot_id,
        buyer_id=row.buyer_party_id, buyer_name=names.get(row.buyer_party_id) if row.buyer_party_id else None,
        price=row.price, deal_on=row.deal_on, scheme=row.scheme, opened_on=row.opened_on, closed_on=row.closed_on,
        as_of=as_of, stages=_plan_states(row, steps),
        steps=tuple({"seq": s.seq, "kind": s.kind, "from": s.from_stage, "to": s.to_stage, "on": _d(s.on_date),
                     "due": _d(s.due_on), "responsible": s.responsible,
                     "facts": json.loads(s.facts) if s.facts else None, "reason": s.reason or None,
                     "reverses": s.reverses, "actor": s.actor, "at": s.at.isoformat()} for s in steps),
        documents=tuple({"stage": d.stage, "code": d.code, "reference": d.reference, "on": _d(d.on_date),
                         "actor": d.actor} for d in document_rows(session, row.id)),
        settlement=json.loads(settled.lines) if settled is not None else None,
        version=row.version,
    )


def route_label(route: Route | None) -> str:
    return "" if route is None else ROUTES[route].label[0]
