"""What the matchmaking service returns (an event with its lines and totals, a line, a conversion) and how
it reads them: in bulk, a few queries per event whatever its number of lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.matchmaking.lines import LineFacts, LineStatus, Totals, totals
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.storage.matchmaking.tables import MatchEventRow, MatchLineRightRow, MatchLineRow
from ipdesk.storage.schema import PartyRow, PledgeRow, RightRow


def line_label(event_no: str, position: int) -> str:
    """How a line is named to people: its event's number and its number there (``YQ2026000001-03``)."""
    return f"{event_no}-{position:02d}"


@dataclass(frozen=True)
class LineRecord:
    id: int
    label: str
    event_id: int
    event_no: str
    firm_id: int
    firm: str
    bank_id: int
    bank: str
    amount: Decimal
    term_months: int
    status: LineStatus
    rights: tuple[str, ...]  # display numbers, in the order offered
    right_ids: tuple[int, ...]
    pledge_id: int | None
    application_no: str | None
    decided_on: date | None
    notes: str

    def facts(self) -> LineFacts:
        return LineFacts(self.firm_id, self.bank_id, self.amount, self.status, self.right_ids)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "line": self.label, "event": self.event_no, "firm": self.firm, "bank": self.bank,
                "amount": f"{self.amount:.2f}", "term_months": self.term_months, "status": self.status.value,
                "rights": list(self.rights), "pledge": self.pledge_id, "application_no": self.application_no,
                "decided_on": self.decided_on.isoformat() if self.decided_on else None, "notes": self.notes}


@dataclass(frozen=True)
class EventRecord:
    id: int
    event_no: str
    name: str
    held_on: date
    organiser: str
    region: str
    notes: str
    lines: tuple[LineRecord, ...]
    totals: Totals
    changes: Changes = field(default=NO_CHANGES, compare=False)

    def to_json(self, *, lines: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "event": self.event_no, "name": self.name,
                               "date": self.held_on.isoformat(), "organiser": self.organiser,
                               "region": self.region, "notes": self.notes, "totals": self.totals.to_json()}
        if lines:
            out["lines"] = [line.to_json() for line in self.lines]
        return out


@dataclass(frozen=True)
class Conversion:
    """A line turned into a pledge application: the line as it now stands and the application filed."""

    line: LineRecord
    pledge_id: int
    application_no: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line.to_json(), "pledge": {"id": self.pledge_id, "application_no": self.application_no}}


def lines_of(session: Session, event_ids: list[int]) -> dict[int, list[LineRecord]]:
    """The lines of the events, in their order there, each with its rights and names."""
    if not event_ids:
        return {}
    events = dict(session.execute(select(MatchEventRow.id, MatchEventRow.event_no)
                                  .where(MatchEventRow.id.in_(event_ids))).all())
    rows = session.execute(select(MatchLineRow).where(MatchLineRow.event_id.in_(event_ids))
                           .order_by(MatchLineRow.event_id, MatchLineRow.position)).scalars().all()
    rights: dict[int, list[tuple[int, str]]] = {}
    for line_id, right_id, shown in session.execute(
            select(MatchLineRightRow.line_id, RightRow.id, RightRow.display_number)
            .join(RightRow, RightRow.id == MatchLineRightRow.right_id)
            .where(MatchLineRightRow.event_id.in_(event_ids))
            .order_by(MatchLineRightRow.line_id, MatchLineRightRow.position)):
        rights.setdefault(line_id, []).append((right_id, shown))
    party_ids = {r.firm_party_id for r in rows} | {r.bank_party_id for r in rows}
    names = dict(session.execute(select(PartyRow.id, PartyRow.name).where(PartyRow.id.in_(party_ids))).all()) \
        if party_ids else {}
    pledge_ids = [r.pledge_id for r in rows if r.pledge_id is not None]
    applications = dict(session.execute(select(PledgeRow.id, PledgeRow.application_no)
                                        .where(PledgeRow.id.in_(pledge_ids))).all()) if pledge_ids else {}
    out: dict[int, list[LineRecord]] = {i: [] for i in event_ids}
    for r in rows:
        offered = rights.get(r.id, [])
        out[r.event_id].append(LineRecord(
            r.id, line_label(events[r.event_id], r.position), r.event_id, events[r.event_id], r.firm_party_id,
            names.get(r.firm_party_id, ""), r.bank_party_id, names.get(r.bank_party_id, ""), r.amount,
            r.term_months, LineStatus(r.status), tuple(n for _i, n in offered), tuple(i for i, _n in offered),
            r.pledge_id, applications.get(r.pledge_id) if r.pledge_id is not None else None, r.decided_on,
            r.notes))
    return out


def event_records(session: Session, rows: list[MatchEventRow]) -> list[EventRecord]:
    lines = lines_of(session, [r.id for r in rows])
    return [EventRecord(r.id, r.event_no, r.name, r.held_on, r.organiser, r.region, r.notes,
                        tuple(lines[r.id]), totals(line.facts() for line in lines[r.id])) for r in rows]


def line_record(session: Session, row: MatchLineRow) -> LineRecord:
    return next(line for line in lines_of(session, [row.event_id])[row.event_id] if line.id == row.id)
