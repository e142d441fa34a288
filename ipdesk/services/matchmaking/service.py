"""Bank–enterprise matchmaking (银企对接, seed 004): record an event, the credit lines its banks grant to
firms against the patents they offer, approve or withdraw a line, and turn a line into a pledge application
in one step — pre-filled (pledgor the firm, pledgee the bank, the line's amount secured, its patents,
the performance deadline its term from the application day) and filed through the pledge register's own
application service in the same transaction, the line then marked converted with the application.

Every command checks ``Action.MANAGE_MATCHMAKING`` (converting also files an application:
``REGISTER_PLEDGE``), runs in one transaction and writes one audit entry on the event (whose rows — lines
and the patents offered — the audit state binds). Bad input names every problem at once and writes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ipdesk.domain.matchmaking.lines import LineStatus, line_problems, performance_deadline, step
from ipdesk.domain.registry.parties import PartyKind
from ipdesk.domain.shared.changes import Changed
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import clean, parse_date, parse_int, parse_money, required
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.matchmaking.queries import EventListSource
from ipdesk.services.matchmaking.records import (
    Conversion,
    EventRecord,
    LineRecord,
    event_records,
    line_label,
    line_record,
)
from ipdesk.services.office.settings import next_number
from ipdesk.services.pledges.inputs import resolve_party
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.uow import changes_so_far, reading, transaction
from ipdesk.storage.matchmaking.tables import MatchEventRow, MatchLineRightRow, MatchLineRow
from ipdesk.storage.schema import PartyRow, RightOwnerRow, RightRow

ENTITY = "match_event"

register({
    "match.party_unknown": ("{label}不在当事人名录中：{key}", "{label} is not a known party: {key}"),
    "match.right_unknown": ("权利不在登记簿中：{key}", "no such right in the register: {key}"),
    "match.bad_status": ("新授信的状态只能是“意向”或“已批准”：{value}",
                         "a new line is intended or approved: {value}"),
})
LABELS = {"name": "对接会名称", "date": "对接会日期", "firm": "授信企业", "bank": "授信银行", "amount": "授信额度",
          "term": "授信期限（月）", "rights": "提供的专利"}
register_labels({"对接会名称": "event name", "对接会日期": "event date", "授信企业": "firm", "授信银行": "bank",
                 "授信额度": "credit line", "授信期限（月）": "term (months)", "提供的专利": "patents offered",
                 "对接会": "matchmaking event", "授信": "credit line"})


class MatchmakingService:
    """Events, their credit lines and the lines' conversion into pledge applications."""

    def __init__(self, engine: Engine, clock: Clock | None = None, *, pledges: PledgeService | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.pledges = pledges if pledges is not None else PledgeService(engine, clock=self.clock)

    # --- reading ---------------------------------------------------------------------------------------
    def _event_id(self, session: Session, key: int | str) -> int:
        """An event's id from an int, ``#id`` or its number."""
        if isinstance(key, int) and not isinstance(key, bool):
            found = session.get(MatchEventRow, key)
            if found is not None:
                return key
        else:
            text = clean(key)
            if text.startswith("#") and text[1:].isdigit() and len(text) < 11:
                return self._event_id(session, int(text[1:]))
            row_id = session.execute(select(MatchEventRow.id).where(MatchEventRow.event_no == text)).scalar()
            if row_id is not None:
                return int(row_id)
        raise NotFound(Problem("not_found", params={"what": "对接会", "key": key}))

    def _line(self, session: Session, key: int | str, lock: bool = False) -> MatchLineRow:
        """A line by id, ``#id`` or its label (``YQ2026000001-03``)."""
        row: MatchLineRow | None = None
        text = clean(key) if not isinstance(key, int) else str(key)
        digits = text[1:] if text.startswith("#") else text
        if digits.isdigit() and len(digits) < 11:
            row = session.get(MatchLineRow, int(digits), with_for_update=lock or None)
        elif "-" in text:
            number, _, position = text.rpartition("-")
            if position.isdigit():
                row = session.execute(select(MatchLineRow).join(MatchEventRow, MatchEventRow.id ==
                                                                MatchLineRow.event_id)
                                      .where(MatchEventRow.event_no == number,
                                             MatchLineRow.position == int(position))).scalar_one_or_none()
                if row is not None and lock:
                    row = session.get(MatchLineRow, row.id, with_for_update=True, populate_existing=True)
        if row is None:
            raise NotFound(Problem("not_found", params={"what": "授信", "key": key}))
        return row

    def get(self, key: int | str) -> EventRecord:
        """The event with its lines and totals."""
        with reading(self.engine) as session:
            row = session.get(MatchEventRow, self._event_id(session, key))
            assert row is not None
            return event_records(session, [row])[0]

    def events(self) -> list[EventRecord]:
        """Every event, the latest held first, each with its lines and totals."""
        with reading(self.engine) as session:
            rows = list(session.execute(select(MatchEventRow)
                                        .order_by(MatchEventRow.held_on.desc(), MatchEventRow.id.desc())).scalars())
            return event_records(session, rows)

    def event_source(self) -> EventListSource:
        """The events for a lazy table (every office role sees every event: they are the office's)."""
        return EventListSource(self.engine)

    def line(self, key: int | str) -> LineRecord:
        with reading(self.engine) as session:
            return line_record(session, self._line(session, key))

    # --- commands --------------------------------------------------------------------------------------
    def add_event(self, actor: Actor, data: dict[str, Any]) -> Changed[EventRecord]:
        """An event: ``name``, ``date`` (held on), ``organiser``, ``region``, ``notes``."""
        actor.require(Action.MANAGE_MATCHMAKING)
        problems: list[Problem] = []
        name = clean(data.get("name"))
        if not name:
            problems.append(required("name", LABELS["name"]))
        held_on, found = parse_date(data.get("date"), "date", LABELS["date"])
        problems += found
        if held_on is None and not found:
            problems.append(required("date", LABELS["date"]))
        if problems:
            raise ValidationError(problems)
        assert held_on is not None
        with transaction(self.engine, self.clock) as session:
            year = held_on.year
            row = MatchEventRow(event_no=f"YQ{year}{next_number(session, 'match_event', year):06d}", name=name,
                                held_on=held_on, organiser=clean(data.get("organiser")),
                                region=clean(data.get("region")), notes=clean(data.get("notes")))
            session.add(row)
            session.flush()
            audit.record(session, actor, "match.event_add", ENTITY, row.id, f"银企对接会 {row.event_no} {name}",
                         None, {"name": name, "date": held_on, "organiser": row.organiser, "region": row.region})
            return Changed(event_records(session, [row])[0], changes_so_far(session))

    def add_line(self, actor: Actor, event: int | str, data: dict[str, Any]) -> Changed[LineRecord]:
        """A credit line at ``event``: ``firm`` and ``bank`` (parties by USCC, name or ``#id``), ``amount``
        (yuan, to the fen, above zero), ``term`` (months), ``rights`` (numbers the firm owns, a list or
        comma-separated), ``status`` (intended|approved, default intended), ``notes``."""
        actor.require(Action.MANAGE_MATCHMAKING)
        problems: list[Problem] = []
        amount, found = parse_money(data.get("amount"), "amount", LABELS["amount"])
        problems += found
        if amount is None and not found:
            problems.append(required("amount", LABELS["amount"]))
        term, found = parse_int(data.get("term"), "term", LABELS["term"])
        problems += found
        if term is None and not found:
            problems.append(required("term", LABELS["term"]))
        status = clean(data.get("status")) or LineStatus.INTENDED.value
        if status not in (LineStatus.INTENDED.value, LineStatus.APPROVED.value):
            problems.append(Problem("match.bad_status", "status", {"value": status}))
        with transaction(self.engine, self.clock) as session:
            event_row = session.get(MatchEventRow, self._event_id(session, event), with_for_update=True)
            assert event_row is not None
            firm = self._party(session, data, "firm", problems)
            bank = self._party(session, data, "bank", problems)
            rights = self._rights(session, data.get("rights"), problems)
            if amount is not None and term is not None and firm is not None and bank is not None:
                problems += line_problems(amount, term, firm.id, bank.id, bank_is_bank=bank.kind == PartyKind.BANK,
                                          bank_name=bank.name, numbers=[r.display_number for r in rights])
            if problems:
                raise ValidationError(problems)
            assert firm is not None and bank is not None and amount is not None and term is not None
            refusals = self._owned(session, firm, rights) + self._offered_elsewhere(session, event_row, rights)
            if refusals:
                raise RuleRefusal(refusals)
            position = int(session.execute(select(func.coalesce(func.max(MatchLineRow.position), 0))
                                           .where(MatchLineRow.event_id == event_row.id)).scalar_one()) + 1
            row = MatchLineRow(event_id=event_row.id, position=position, firm_party_id=firm.id,
                               bank_party_id=bank.id, amount=amount, term_months=term, status=status,
                               decided_on=self.clock.today() if status == LineStatus.APPROVED.value else None,
                               notes=clean(data.get("notes")))
            session.add(row)
            session.flush()
            for i, r in enumerate(rights):
                session.add(MatchLineRightRow(event_id=event_row.id, line_id=row.id, right_id=r.id, position=i))
            event_row.version += 1
            session.flush()
            label = line_label(event_row.event_no, position)
            audit.record(session, actor, "match.line_add", ENTITY, event_row.id,
                         f"{label} {bank.name} 向 {firm.name} 授信 {amount:.2f} 元", None,
                         {"line": label, "firm": firm.id, "bank": bank.id, "amount": amount, "term_months": term,
                          "status": status, "rights": [r.number for r in rights]})
            return Changed(line_record(session, row), changes_so_far(session))

    def approve_line(self, actor: Actor, line: int | str, on: date | None = None) -> Changed[LineRecord]:
        """The bank approved the intended line."""
        return self._move(actor, line, "approve", on)

    def withdraw_line(self, actor: Actor, line: int | str, on: date | None = None) -> Changed[LineRecord]:
        """The line will not be taken up (a converted line stays: withdraw its application instead)."""
        return self._move(actor, line, "withdraw", on)

    def _move(self, actor: Actor, key: int | str, action: str, on: date | None) -> Changed[LineRecord]:
        actor.require(Action.MANAGE_MATCHMAKING)
        day = on or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row, event_row, label = self._locked(session, key)
            before = row.status
            after, problem = step(action, LineStatus(row.status), label)
            if problem is not None:
                raise RuleRefusal(problem)
            assert after is not None
            row.status, row.decided_on = after.value, day
            row.version += 1
            event_row.version += 1
            session.flush()
            audit.record(session, actor, f"match.line_{action}", ENTITY, event_row.id,
                         f"{label} {'批准' if action == 'approve' else '撤回'}", {"line": label, "status": before},
                         {"line": label, "status": after.value, "on": day})
            return Changed(line_record(session, row), changes_so_far(session))

    def convert_line(self, actor: Actor, line: int | str, on: date | None = None) -> Changed[Conversion]:
        """File the line as a pledge application received on ``on`` (default today), pre-filled from the
        line; the line becomes converted and names the application. A refusal of the application (say the
        firm no longer owns a patent) leaves both the register and the line as they were."""
        actor.require(Action.MANAGE_MATCHMAKING)
        actor.require(Action.REGISTER_PLEDGE)
        day = on or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row, event_row, label = self._locked(session, line)
            after, problem = step("convert", LineStatus(row.status), label)
            if problem is not None:
                raise RuleRefusal(problem)
            firm = session.get(PartyRow, row.firm_party_id)
            assert firm is not None and after is not None
            rights = list(session.execute(select(RightRow).join(MatchLineRightRow, MatchLineRightRow.right_id ==
                                                                RightRow.id)
                                          .where(MatchLineRightRow.line_id == row.id)
                                          .order_by(MatchLineRightRow.position)).scalars())
            refusals = self._owned(session, firm, rights)
            if refusals:
                raise RuleRefusal(refusals)
            pledge = self.pledges.file_in(session, actor, {
                "application_date": day.isoformat(), "pledgors": [f"#{row.firm_party_id}"],
                "pledgee": f"#{row.bank_party_id}",
                "debt": {"type": "loan", "amount": f"{row.amount:.2f}",
                         "performance_deadline": performance_deadline(day, row.term_months).isoformat()},
                "rights": [r.number for r in rights],
                "notes": f"银企对接 {event_row.event_no} {event_row.name}：授信 {label}"}, day)
            before = row.status
            row.status, row.pledge_id, row.decided_on = after.value, pledge.id, day
            row.version += 1
            event_row.version += 1
            session.flush()
            audit.record(session, actor, "match.line_convert", ENTITY, event_row.id,
                         f"{label} 转为质押申请 {pledge.application_no}", {"line": label, "status": before},
                         {"line": label, "status": after.value, "pledge": pledge.id,
                          "application_no": pledge.application_no, "on": day})
            done = Conversion(line_record(session, row), pledge.id, pledge.application_no)
            return Changed(done, changes_so_far(session))

    # --- helpers ---------------------------------------------------------------------------------------
    def _locked(self, session: Session, key: int | str) -> tuple[MatchLineRow, MatchEventRow, str]:
        """The line and its event, both row-locked (two clerks converting one line at once: one wins, the
        other then finds it converted)."""
        row = self._line(session, key, lock=True)
        event_row = session.get(MatchEventRow, row.event_id, with_for_update=True)
        assert event_row is not None
        return row, event_row, line_label(event_row.event_no, row.position)

    def _party(self, session: Session, data: dict[str, Any], name: str, problems: list[Problem]) -> PartyRow | None:
        key = data.get(name)
        if key is None or clean(key) == "":
            problems.append(required(name, LABELS[name]))
            return None
        found = resolve_party(session, key)
        if found is None:
            problems.append(Problem("match.party_unknown", name, {"label": LABELS[name], "key": clean(key)}))
            return None
        return session.get(PartyRow, found)

    def _rights(self, session: Session, given: Any, problems: list[Problem]) -> list[RightRow]:
        """The rights named by number (any accepted form), in the order given."""
        from ipdesk.domain.registry.identifiers import parse_right_number

        texts = [clean(t) for t in (given.split(",") if isinstance(given, str) else given or []) if clean(t)]
        out: list[RightRow] = []
        for text in texts:
            try:
                number = parse_right_number(text).number
            except ValidationError as err:
                problems += err.problems
                continue
            row = session.execute(select(RightRow).where(RightRow.number == number)).scalar_one_or_none()
            if row is None:
                problems.append(Problem("match.right_unknown", "rights", {"key": text}))
            else:
                out.append(row)
        return out

    def _owned(self, session: Session, firm: PartyRow, rights: list[RightRow]) -> list[Problem]:
        """A firm offers only its own patents (one of the owners of a jointly owned one)."""
        if not rights:
            return []
        owners = set(session.execute(select(RightOwnerRow.right_id).where(
            RightOwnerRow.right_id.in_([r.id for r in rights]), RightOwnerRow.party_id == firm.id)).scalars())
        return [Problem("match.not_owner", "rights", {"number": r.display_number, "party": firm.name})
                for r in rights if r.id not in owners]

    def _offered_elsewhere(self, session: Session, event_row: MatchEventRow, rights: list[RightRow]) -> list[Problem]:
        """A patent backs one line of an event (a withdrawn line frees it)."""
        if not rights:
            return []
        taken = session.execute(
            select(MatchLineRightRow.right_id, MatchLineRow.position)
            .join(MatchLineRow, MatchLineRow.id == MatchLineRightRow.line_id)
            .where(MatchLineRightRow.event_id == event_row.id,
                   MatchLineRightRow.right_id.in_([r.id for r in rights]),
                   MatchLineRow.status != LineStatus.WITHDRAWN.value)).all()
        where = {right_id: line_label(event_row.event_no, position) for right_id, position in taken}
        return [Problem("match.right_offered", "rights", {"number": r.display_number, "line": where[r.id]})
                for r in rights if r.id in where]
