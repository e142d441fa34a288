"""A loan as the front ends see it: its terms, the parties and the pledge by name, and its state on a day
(the replay of its events), with the JSON the CLI prints."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.loans.classification import ClassThresholds, LoanClass, classify
from ipdesk.domain.loans.schedule import Instalment, ScheduleKind
from ipdesk.domain.loans.servicing import EventKind, LoanEvent, LoanState, LoanTerms, replay
from ipdesk.storage.loans.tables import LoanEventRow, LoanRow
from ipdesk.storage.schema import PartyRow, PledgeRow


@dataclass(frozen=True)
class LoanRecord:
    """A loan and its state on ``state.as_of``.

    Attributes:
        status: ``closed``, ``defaulted``, ``overdue`` or ``current``.
        events: the recorded events, oldest first (kind, date, amount, payer, detail, who, when).
    """

    id: int
    loan_no: str
    lender_id: int
    lender_name: str
    borrower_id: int
    borrower_name: str
    pledge_id: int | None
    pledge_no: str | None
    pledge_status: str | None
    owner_party_id: int | None
    schedule_kind: ScheduleKind
    state: LoanState
    loan_class: LoanClass
    events: tuple[dict[str, Any], ...]
    party_names: dict[int, str]
    version: int

    @property
    def terms(self) -> LoanTerms:
        return self.state.terms

    @property
    def status(self) -> str:
        if self.state.closed:
            return "closed"
        if self.state.defaulted_on is not None:
            return "defaulted"
        return "overdue" if self.state.overdue_days > 0 else "current"

    def to_json(self) -> dict[str, Any]:
        s, t = self.state, self.state.terms
        return {
            "id": self.id, "loan_no": self.loan_no,
            "lender": {"id": self.lender_id, "name": self.lender_name},
            "borrower": {"id": self.borrower_id, "name": self.borrower_name},
            "pledge": None if self.pledge_id is None else {"id": self.pledge_id, "registration_no": self.pledge_no,
                                                            "status": self.pledge_status},
            "owner_party_id": self.owner_party_id,
            "principal": m(t.principal), "rate": str(t.annual_rate), "start": t.start.isoformat(),
            "maturity": t.maturity.isoformat(), "schedule_kind": self.schedule_kind.value,
            "penalty_surcharge": str(t.penalty_surcharge), "penalty_rate": str(t.penalty_rate.normalize()),
            "default_after_days": t.default_after_days, "allocation": list(t.allocation),
            "as_of": s.as_of.isoformat(), "status": self.status, "halted": s.halted, "drawn": m(s.drawn),
            "outstanding_principal": m(s.outstanding_principal), "interest_due": m(s.interest_due),
            "penalty_outstanding": m(s.penalty_outstanding), "overdue_amount": m(s.overdue_amount),
            "overdue_days": s.overdue_days, "classification": self.loan_class.value,
            "defaulted_on": _d(s.defaulted_on), "default_kind": s.default_kind, "closed_on": _d(s.closed_on),
            "compensations": [{"party_id": pid, "name": self.party_names.get(pid, ""), "amount": m(amount)}
                              for pid, amount in sorted(s.compensations.items())],
            "instalments": [{"seq": i.seq, "due": i.due.isoformat(), "principal": m(i.principal),
                             "interest": m(i.interest), "penalty": m(i.penalty), "paid_principal": m(i.paid_principal),
                             "paid_interest": m(i.paid_interest), "paid_penalty": m(i.paid_penalty),
                             "outstanding": m(i.outstanding)} for i in s.instalments],
            "events": [dict(e, amount=None if e["amount"] is None else m(e["amount"])) for e in self.events],
        }


def m(value: Decimal) -> str:
    return f"{value:.2f}"


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def terms_of(row: LoanRow) -> LoanTerms:
    instalments = tuple(Instalment(i.seq, i.due_date, i.principal, i.interest) for i in row.instalments)
    return LoanTerms(row.loan_no, row.principal, row.annual_rate, row.start_date, row.maturity_date, instalments,
                     row.penalty_surcharge, row.default_after_days, tuple(row.allocation.split(",")))


def event_rows(session: Session, loan_id: int) -> list[LoanEventRow]:
    return list(session.execute(select(LoanEventRow).where(LoanEventRow.loan_id == loan_id)
                                .order_by(LoanEventRow.id)).scalars())


def as_events(rows: list[LoanEventRow]) -> list[LoanEvent]:
    return [LoanEvent(EventKind(r.kind), r.on_date, r.amount if r.amount is not None else Decimal(0),
                      r.payer_party_id) for r in rows]


def record_of(session: Session, row: LoanRow, as_of: date, thresholds: ClassThresholds) -> LoanRecord:
    """``row`` read back with its state on ``as_of``."""
    rows = event_rows(session, row.id)
    state = replay(terms_of(row), as_events(rows), as_of)
    ids = {row.lender_id, row.borrower_id} | {r.payer_party_id for r in rows if r.payer_party_id is not None}
    names = {pid: name for pid, name in session.execute(select(PartyRow.id, PartyRow.name)
                                                        .where(PartyRow.id.in_(ids)))}
    pledge = session.get(PledgeRow, row.pledge_id) if row.pledge_id is not None else None
    events = tuple({"kind": r.kind, "on": r.on_date.isoformat(), "amount": r.amount, "payer_party_id": r.payer_party_id,
                    "detail": json.loads(r.detail) if r.detail else None, "actor": r.actor, "at": r.at.isoformat()}
                   for r in rows)
    return LoanRecord(row.id, row.loan_no, row.lender_id, names.get(row.lender_id, ""), row.borrower_id,
                      names.get(row.borrower_id, ""), row.pledge_id, pledge.registration_no if pledge else None,
                      pledge.status if pledge else None, row.owner_party_id, ScheduleKind(row.schedule_kind), state,
                      classify(state.overdue_days, thresholds), events, names, row.version)
