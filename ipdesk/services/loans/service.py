"""Loan use cases: book a loan behind a pledge; draw, repay, compensate (代偿), halt, resume, default; read
a loan's state on any day; and the office's loan settings.

Every command checks ``Action.MANAGE_LOANS`` before looking at its input, loads the loan through the
agency scope (another agency's loan is *not found*), runs in one transaction, appends one loan event
and one audit entry, and returns what it changed. Each new event is checked by replaying the loan with
it (:func:`ipdesk.domain.loans.servicing.replay`): a repayment after the loan was closed, more than the
allocation order can pay, a drawdown while halted or in default — refused, nothing written. Events are
recorded in date order: one dated before the loan's last event is refused (it would rewrite allocations).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select

from ipdesk.domain.loans.servicing import Allocation, EventKind, LoanEvent, replay
from ipdesk.domain.registry.parties import PartyKind
from ipdesk.domain.shared.changes import NO_CHANGES, Changed, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.domain.users.scoping import owner_for_new
from ipdesk.services import audit
from ipdesk.services.loans import settings as loan_settings
from ipdesk.services.loans.inputs import parse_loan
from ipdesk.services.loans.records import LoanRecord, as_events, event_rows, m, record_of, terms_of
from ipdesk.services.loans.settings import LoanSettings
from ipdesk.services.office.settings import format_number, next_number
from ipdesk.services.uow import UnitOfWork, changes_so_far, note, reading, transaction
from ipdesk.services.users.scoping import get_scoped, scoped
from ipdesk.storage.loans.tables import LoanEventRow, LoanInstalmentRow, LoanRow
from ipdesk.storage.schema import PartyRow

ENTITY = "loan"
WHAT = "贷款"

register({
    "loans.date_in_future": ("日期 {date} 晚于今天 {today}", "the date {date} is after today {today}"),
    "loans.backdated": ("日期 {date} 早于该贷款最后一笔记录的日期 {last}，不能倒填",
                        "the date {date} is before the loan's last event on {last}: events are recorded in order"),
    "loans.before_start": ("日期 {date} 早于起息日 {start}", "the date {date} is before the loan's start {start}"),
    "loans.already_defaulted": ("贷款 {loan} 已于 {on} 违约", "loan {loan} has been in default since {on}"),
    "loans.already_halted": ("贷款 {loan} 已被叫停", "loan {loan} is already halted"),
    "loans.not_halted": ("贷款 {loan} 未被叫停", "loan {loan} is not halted"),
    "loans.payer_required": ("代偿须指明担保机构", "a compensation needs the guarantee agency that pays"),
    "loans.payer_kind": ("代偿方 {name} 不是担保机构", "{name} is not a guarantee agency"),
    "loans.amount": ("金额应大于零：{value}", "the amount must be more than zero: {value}"),
})


@dataclass(frozen=True)
class Serviced:
    """What a servicing command did: the loan afterwards, the payment's allocation, and — when a repayment
    closed a loan behind a registered pledge — the pledge whose cancellation (trigger ``repaid``) to offer."""

    loan: LoanRecord
    allocation: Allocation | None = None
    offer_cancellation: str | None = None
    changes: Changes = field(default=NO_CHANGES)


class LoanService:
    def __init__(self, engine: Engine, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    # --- settings --------------------------------------------------------------------------------
    def settings(self) -> LoanSettings:
        with reading(self.engine) as session:
            return loan_settings.load(session)

    def save_settings(self, actor: Actor, settings: LoanSettings) -> Changes:
        actor.require(Action.ADMINISTER)
        settings.check()
        with transaction(self.engine, self.clock) as session:
            loan_settings.store(session, actor, settings)
            return changes_so_far(session)

    # --- queries ---------------------------------------------------------------------------------
    def get(self, actor: Actor, loan_id: int, as_of: date | None = None) -> LoanRecord:
        with reading(self.engine) as session:
            return self.get_in(session, actor, loan_id, as_of)

    def get_in(self, uow: UnitOfWork, actor: Actor, loan_id: int, as_of: date | None = None) -> LoanRecord:
        """:meth:`get` inside the caller's unit of work (a disposal case reads its loan's claim)."""
        row = get_scoped(uow, LoanRow, loan_id, actor, what=WHAT)
        return record_of(uow, row, as_of or self.clock.today(), loan_settings.load(uow).thresholds)

    def find(self, actor: Actor, number: str, as_of: date | None = None) -> LoanRecord:
        """By loan number or ``#id``; out of the actor's scope reads as not found."""
        text = number.strip()
        with reading(self.engine) as session:
            if text.startswith("#") and text[1:].isdigit():
                loan_id = int(text[1:])
            else:
                found = session.execute(scoped(select(LoanRow.id).where(LoanRow.loan_no == text),
                                               LoanRow.owner_party_id, actor)).scalar_one_or_none()
                if found is None:
                    raise NotFound(Problem("not_found", params={"what": WHAT, "key": number}))
                loan_id = found
        return self.get(actor, loan_id, as_of)

    def list(self, actor: Actor, *, as_of: date | None = None, pledge_id: int | None = None,
             open_only: bool = False) -> list[LoanRecord]:
        """The loans the actor may see (of one pledge, or only those not closed), by number."""
        query = scoped(select(LoanRow).order_by(LoanRow.loan_no), LoanRow.owner_party_id, actor)
        if pledge_id is not None:
            query = query.where(LoanRow.pledge_id == pledge_id)
        if open_only:
            query = query.where(LoanRow.closed_on.is_(None))
        with reading(self.engine) as session:
            thresholds = loan_settings.load(session).thresholds
            day = as_of or self.clock.today()
            return [record_of(session, row, day, thresholds) for row in session.execute(query).scalars()]

    def overdue(self, actor: Actor, as_of: date | None = None) -> builtins.list[LoanRecord]:
        """Open loans with an instalment overdue on ``as_of``, most days overdue first (the workbench tile)."""
        loans = [loan for loan in self.list(actor, as_of=as_of, open_only=True) if loan.state.overdue_days > 0]
        return sorted(loans, key=lambda loan: (-loan.state.overdue_days, loan.loan_no))

    # --- commands --------------------------------------------------------------------------------
    def add(self, actor: Actor, data: dict[str, Any]) -> Changed[LoanRecord]:
        """Book a loan (its schedule built from the terms); an agency officer's loan belongs to its agency."""
        actor.require(Action.MANAGE_LOANS)
        with transaction(self.engine, self.clock) as session:
            settings = loan_settings.load(session)
            loan = parse_loan(session, data, settings)
            year = self.clock.today().year
            row = LoanRow(
                loan_no=format_number(settings.loan_no_format, year, next_number(session, "loan", year)),
                lender_id=loan.lender_id, borrower_id=loan.borrower_id, pledge_id=loan.pledge_id,
                owner_party_id=owner_for_new(actor), principal=loan.principal, annual_rate=loan.annual_rate,
                start_date=loan.start, maturity_date=loan.maturity, schedule_kind=loan.schedule.value,
                penalty_surcharge=loan.penalty_surcharge, default_after_days=loan.default_after_days,
                allocation=",".join(loan.allocation), halted=False,
                instalments=[LoanInstalmentRow(seq=i.seq, due_date=i.due, principal=i.principal, interest=i.interest)
                             for i in loan.instalments],
            )
            session.add(row)
            session.flush()
            audit.record(session, actor, "loan.add", ENTITY, row.id, f"登记贷款 {row.loan_no}", None,
                         {"loan_no": row.loan_no, "principal": loan.principal, "rate": loan.annual_rate,
                          "start": loan.start, "maturity": loan.maturity, "schedule": loan.schedule.value,
                          "pledge_id": loan.pledge_id, "owner_party_id": row.owner_party_id})
            note(session, "pledges", row.pledge_id)
            record = record_of(session, row, self.clock.today(), settings.thresholds)
            return Changed(record, changes_so_far(session))

    def draw(self, actor: Actor, loan_id: int, amount: Decimal, *, on: date | None = None) -> Serviced:
        return self._service(actor, loan_id, EventKind.DRAWDOWN, on, amount=amount)

    def repay(self, actor: Actor, loan_id: int, amount: Decimal, *, on: date | None = None) -> Serviced:
        return self._service(actor, loan_id, EventKind.REPAYMENT, on, amount=amount)

    def compensate(self, actor: Actor, loan_id: int, amount: Decimal, *, agency_id: int | None = None,
                   on: date | None = None) -> Serviced:
        """A guarantee agency pays on the borrower's behalf (代偿): allocated like a repayment, and recorded as
        the agency's claim on the borrower. An agency officer pays for its own agency."""
        return self._service(actor, loan_id, EventKind.COMPENSATION, on, amount=amount,
                             payer=actor.party_id if owner_for_new(actor) is not None else agency_id)

    def halt(self, actor: Actor, loan_id: int, reason: str = "", *, on: date | None = None) -> Serviced:
        """叫停: no more drawdowns until resumed (an early-warning signal, seed 000 §6.1)."""
        return self._service(actor, loan_id, EventKind.HALT, on, reason=reason)

    def resume(self, actor: Actor, loan_id: int, reason: str = "", *, on: date | None = None) -> Serviced:
        return self._service(actor, loan_id, EventKind.RESUME, on, reason=reason)

    def declare_default(self, actor: Actor, loan_id: int, reason: str = "", *, on: date | None = None) -> Serviced:
        """The event of default, by hand (a loan also defaults by itself after its days overdue)."""
        return self._service(actor, loan_id, EventKind.DEFAULT, on, reason=reason)

    def repay_in(self, uow: UnitOfWork, actor: Actor, loan_id: int, amount: Decimal, *,
                 on: date | None = None, reason: str = "") -> Serviced:
        """:meth:`repay` inside the caller's unit of work (a disposal's settlement pays the loan)."""
        return self._service_in(uow, actor, loan_id, EventKind.REPAYMENT, on, amount=amount, reason=reason)

    def halt_in(self, uow: UnitOfWork, actor: Actor, loan_id: int, reason: str = "", *,
                on: date | None = None) -> Serviced:
        """:meth:`halt` inside the caller's unit of work (a risk signal acted on halts the pledge's loans)."""
        return self._service_in(uow, actor, loan_id, EventKind.HALT, on, reason=reason)

    # --- the one write path ----------------------------------------------------------------------
    def _service(self, actor: Actor, loan_id: int, kind: EventKind, on: date | None, *,
                 amount: Decimal | None = None, payer: int | None = None, reason: str = "") -> Serviced:
        actor.require(Action.MANAGE_LOANS)
        with transaction(self.engine, self.clock) as session:
            return self._service_in(session, actor, loan_id, kind, on, amount=amount, payer=payer, reason=reason)

    def _service_in(self, session: UnitOfWork, actor: Actor, loan_id: int, kind: EventKind, on: date | None, *,
                    amount: Decimal | None = None, payer: int | None = None, reason: str = "") -> Serviced:
        actor.require(Action.MANAGE_LOANS)
        today = self.clock.today()
        day = on or today
        if amount is not None and amount <= 0:
            raise ValidationError(Problem("loans.amount", "amount", {"value": str(amount)}))
        if day > today:
            raise ValidationError(Problem("loans.date_in_future", "on",
                                          {"date": day.isoformat(), "today": today.isoformat()}))
        row = get_scoped(session, LoanRow, loan_id, actor, what=WHAT, lock=True)
        settings = loan_settings.load(session)
        rows = event_rows(session, row.id)
        self._check_date(row, rows, kind, day)
        if kind is EventKind.COMPENSATION:
            self._check_payer(session, payer)
        terms, events = terms_of(row), as_events(rows)
        before = replay(terms, events, day)
        self._check_state(row, kind, before)
        after = replay(terms, [*events, LoanEvent(kind, day, amount or Decimal(0), payer)], day)
        allocation = after.allocations[-1] if kind in (EventKind.REPAYMENT, EventKind.COMPENSATION) else None
        detail: dict[str, Any] = {}
        if reason:
            detail["reason"] = reason
        if allocation is not None:
            detail["allocation"] = [[seq, comp.value, m(amt)] for seq, comp, amt in allocation.parts]
        session.add(LoanEventRow(loan_id=row.id, kind=kind.value, on_date=day, amount=amount,
                                 payer_party_id=payer, detail=audit.canonical_json(detail), actor=actor.username))
        row.halted, row.closed_on, row.defaulted_on = after.halted, after.closed_on, after.defaulted_on
        row.version += 1
        audit.record(session, actor, f"loan.{kind.value}", ENTITY, row.id,
                     f"贷款 {row.loan_no} {kind.value} {m(amount) if amount is not None else ''}".rstrip(),
                     None, {"on": day, "amount": amount, "payer": payer, **detail})
        note(session, "pledges", row.pledge_id)
        session.flush()
        record = record_of(session, row, day, settings.thresholds)
        offer = (record.pledge_no if allocation is not None and after.closed and not before.closed
                 and record.pledge_status == "registered" else None)
        return Serviced(record, allocation, offer, changes_so_far(session))

    @staticmethod
    def _check_date(row: LoanRow, rows: builtins.list[LoanEventRow], kind: EventKind, day: date) -> None:
        if rows and day < rows[-1].on_date:
            raise ValidationError(Problem("loans.backdated", "on",
                                          {"date": day.isoformat(), "last": rows[-1].on_date.isoformat()}))
        if day < row.start_date and kind is not EventKind.HALT:
            raise ValidationError(Problem("loans.before_start", "on",
                                          {"date": day.isoformat(), "start": row.start_date.isoformat()}))

    @staticmethod
    def _check_payer(session: Any, payer: int | None) -> None:
        if payer is None:
            raise ValidationError(Problem("loans.payer_required", "agency"))
        party = session.get(PartyRow, payer)
        if party is None:
            raise NotFound(Problem("not_found", "agency", {"what": "当事人", "key": payer}))
        if party.kind != PartyKind.GUARANTEE.value:
            raise RuleRefusal(Problem("loans.payer_kind", "agency", {"name": party.name}))

    @staticmethod
    def _check_state(row: LoanRow, kind: EventKind, before: Any) -> None:
        closed = before.closed_on
        if closed is not None and kind in (EventKind.DEFAULT, EventKind.HALT, EventKind.RESUME):
            raise RuleRefusal(Problem("loans.closed", "loan", {"loan": row.loan_no, "on": closed.isoformat()}))
        if kind is EventKind.DEFAULT and before.default_kind == "manual":
            raise RuleRefusal(Problem("loans.already_defaulted", "loan",
                                      {"loan": row.loan_no, "on": before.defaulted_on.isoformat()}))
        if kind is EventKind.HALT and before.halted:
            raise RuleRefusal(Problem("loans.already_halted", "loan", {"loan": row.loan_no}))
        if kind is EventKind.RESUME and not before.halted:
            raise RuleRefusal(Problem("loans.not_halted", "loan", {"loan": row.loan_no}))
