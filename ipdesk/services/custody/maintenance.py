"""Maintenance custody use cases: agreements, putting rights (or pledges' rights) into custody, the custodian's
worklist of fees due, one-step "paid" through the fee service, and the month's batch payment list."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from ipdesk.domain.custody.maintenance import (
    AgreementInput,
    Payer,
    WorkItem,
    check_agreement,
    due_window,
    work_item,
)
from ipdesk.domain.fees.schedule import FeePayment, PatentFees
from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.fees.service import FeeService, PaymentRecorded
from ipdesk.services.uow import changes_so_far, note, reading, transaction
from ipdesk.storage.custody.tables import CustodyAgreementRow, CustodyRightRow
from ipdesk.storage.fees.tables import FeePaymentRow
from ipdesk.storage.schema import PartyRow, PledgeRightRow, RightRow

ENTITY = "custody_agreement"
_NEVER = date(1, 1, 1)  # an untracked right's next due date: before every window


@dataclass(frozen=True)
class Agreement:
    id: int
    custodian_id: int
    custodian: str
    reference: str
    starts_on: date
    ends_on: date | None
    payer: Payer
    fee_budget: Any
    notes: str
    right_numbers: tuple[str, ...] = ()
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


class CustodyService:
    def __init__(self, engine: Engine, fees: FeeService, *, clock: Clock | None = None):
        self.engine = engine
        self.fees = fees
        self.clock: Clock = clock if clock is not None else OfficeClock()

    # --- agreements ---------------------------------------------------------------------------------

    def create_agreement(self, actor: Actor, data: dict[str, Any]) -> Agreement:
        """A new agreement over ``data["rights"]`` (numbers in any form); refused, nothing written, when a
        right is not a patent, listed twice, or already in an active custody."""
        actor.require(Action.MANAGE_CUSTODY)
        parsed, problems = check_agreement(data)
        if parsed is None:
            raise ValidationError(problems)
        numbers = list(data.get("rights") or [])
        if not numbers:
            raise ValidationError(Problem("custody.no_rights", "rights"))
        with transaction(self.engine, self.clock) as session:
            custodian = session.get(PartyRow, parsed.custodian_id)
            if custodian is None:
                raise NotFound(Problem("not_found", "custodian", {"what": "当事人", "key": parsed.custodian_id}))
            row = CustodyAgreementRow(custodian_id=custodian.id, reference=parsed.reference,
                                      starts_on=parsed.starts_on, ends_on=parsed.ends_on, payer=parsed.payer.value,
                                      fee_budget=parsed.fee_budget, notes=parsed.notes)
            session.add(row)
            session.flush()
            rights = self._admit(session, row, [self._right(session, n) for n in numbers])
            audit.record(session, actor, "custody.create", ENTITY, row.id,
                         f"新增托管协议 {row.reference or row.id}（{custodian.name}，{len(rights)} 项权利）",
                         None, _snapshot(parsed, custodian.name, rights))
            return self._agreement(session, row, changes_so_far(session))

    def add_pledged_rights(self, actor: Actor, agreement_id: int, pledge_ids: list[int]) -> Agreement:
        """Put the patents of registered pledges into an agreement in one step (the pledge list's bulk action)."""
        actor.require(Action.MANAGE_CUSTODY)
        with transaction(self.engine, self.clock) as session:
            row = session.get(CustodyAgreementRow, agreement_id, with_for_update=True)
            if row is None:
                raise NotFound(Problem("custody.unknown_agreement", "agreement", {"key": agreement_id}))
            ids = session.execute(
                select(PledgeRightRow.active_right_id).join(RightRow, RightRow.id == PledgeRightRow.active_right_id)
                .where(PledgeRightRow.pledge_id.in_(pledge_ids),
                       RightRow.kind.in_([k.value for k in RightKind if k.is_patent]))
            ).scalars().all()
            rights = [session.get(RightRow, i) for i in dict.fromkeys(ids)]
            admitted = self._admit(session, row, [r for r in rights if r is not None])
            audit.record(session, actor, "custody.add_rights", ENTITY, row.id,
                         f"托管协议 {row.reference or row.id} 加入 {len(admitted)} 项质押专利",
                         None, {"rights": [r.display_number for r in admitted], "pledges": sorted(pledge_ids)})
            return self._agreement(session, row, changes_so_far(session))

    def _right(self, session: Session, number: str) -> RightRow:
        parsed = parse_right_number(str(number))
        row = session.execute(select(RightRow).where(RightRow.number == parsed.number)).scalar_one_or_none()
        if row is None:
            raise NotFound(Problem("not_found", "rights", {"what": "权利", "key": parsed.display}))
        return row

    def _admit(self, session: Session, agreement: CustodyAgreementRow, rights: list[RightRow]) -> list[RightRow]:
        problems: list[Problem] = []
        seen: set[int] = set()
        for r in rights:
            if r.id in seen:
                problems.append(Problem("custody.listed_twice", "rights", {"number": r.display_number}))
            seen.add(r.id)
            if not RightKind(r.kind).is_patent:
                problems.append(Problem("custody.not_a_patent", "rights", {"number": r.display_number}))
        taken = dict(session.execute(
            select(CustodyRightRow.active_right_id, CustodyAgreementRow.reference)
            .join(CustodyAgreementRow, CustodyAgreementRow.id == CustodyRightRow.agreement_id)
            .where(CustodyRightRow.active_right_id.in_(seen))
        ).all()) if seen else {}
        for r in rights:
            if r.id in taken:
                problems.append(Problem("custody.right_in_custody", "rights",
                                        {"number": r.display_number, "agreement": taken[r.id] or "-"}))
        if problems:
            raise RuleRefusal(problems)
        today = self.clock.today()
        for r in rights:
            session.add(CustodyRightRow(agreement_id=agreement.id, right_id=r.id, active_right_id=r.id, added_on=today))
            note(session, "rights", r.id)
        session.flush()
        return rights

    def _agreement(self, session: Session, row: CustodyAgreementRow, changes: Changes = NO_CHANGES) -> Agreement:
        numbers = session.execute(
            select(RightRow.display_number).join(CustodyRightRow, CustodyRightRow.right_id == RightRow.id)
            .where(CustodyRightRow.agreement_id == row.id, CustodyRightRow.active_right_id.is_not(None))
            .order_by(RightRow.number)
        ).scalars().all()
        custodian = session.get(PartyRow, row.custodian_id)
        return Agreement(row.id, row.custodian_id, custodian.name if custodian else "", row.reference, row.starts_on,
                         row.ends_on, Payer(row.payer), row.fee_budget, row.notes, tuple(numbers), changes)

    def agreements(self, custodian: str | int | None = None) -> list[Agreement]:
        with reading(self.engine) as session:
            stmt = select(CustodyAgreementRow).order_by(CustodyAgreementRow.starts_on.desc(), CustodyAgreementRow.id)
            party = self._custodian_id(session, custodian)
            if party is not None:
                stmt = stmt.where(CustodyAgreementRow.custodian_id == party)
            return [self._agreement(session, r) for r in session.execute(stmt).scalars()]

    def party_id(self, custodian: str | int) -> int:
        """The party a custodian text names (party id, USCC or exact name); NotFound when it names nobody."""
        with reading(self.engine) as session:
            found = self._custodian_id(session, custodian)
        if found is None:
            raise NotFound(Problem("not_found", "custodian", {"what": "当事人", "key": ""}))
        return found

    @staticmethod
    def _custodian_id(session: Session, custodian: str | int | None) -> int | None:
        """A custodian named by party id, USCC or exact name; NotFound when it names nobody."""
        if custodian is None or custodian == "":
            return None
        text = str(custodian).strip()
        if text.isdigit() and len(text) < 18:
            return int(text)
        found = session.execute(select(PartyRow.id).where(or_(PartyRow.uscc == text.upper(), PartyRow.name == text))
                                ).scalars().first()
        if found is None:
            raise NotFound(Problem("not_found", "custodian", {"what": "当事人", "key": text}))
        return found

    # --- the worklist -------------------------------------------------------------------------------

    def worklist(self, days: int = 60, custodian: str | int | None = None, today: date | None = None) -> list[WorkItem]:
        """Fees due within ``days`` (and every overdue one still payable) of the rights in active custody,
        earliest first: one indexed query on ``rights.fees_next_due``, then the fee engine per right."""
        day = today or self.clock.today()
        oldest, latest = due_window(day, days, self.fees.rules)
        with reading(self.engine) as session:
            party = self._custodian_id(session, custodian)
            stmt = (
                select(RightRow.id, RightRow.kind, RightRow.display_number, RightRow.title, RightRow.filing_date,
                       RightRow.grant_date, RightRow.fee_reduction, RightRow.fees_paid_through,
                       CustodyAgreementRow.id, PartyRow.name, CustodyAgreementRow.payer)
                .join(CustodyRightRow, CustodyRightRow.active_right_id == RightRow.id)
                .join(CustodyAgreementRow, CustodyAgreementRow.id == CustodyRightRow.agreement_id)
                .join(PartyRow, PartyRow.id == CustodyAgreementRow.custodian_id)
                # Through an expression, not the bare column: the rights in custody (a few thousand) drive the
                # query; the index on fees_next_due would walk most of a million-row register instead.
                .where(func.coalesce(RightRow.fees_next_due, _NEVER).between(oldest, latest),
                       RightRow.legal_status.in_(("in_force", "late_fee")),
                       CustodyAgreementRow.starts_on <= day,
                       or_(CustodyAgreementRow.ends_on.is_(None), CustodyAgreementRow.ends_on >= day))
            )
            if party is not None:
                stmt = stmt.where(CustodyAgreementRow.custodian_id == party)
            rows = session.execute(stmt).all()
            paid: dict[int, list[FeePayment]] = defaultdict(list)
            ids = [r[0] for r in rows]
            for chunk in range(0, len(ids), 900):  # SQLite's bound-parameter limit
                for rid, year, amount, on in session.execute(
                        select(FeePaymentRow.right_id, FeePaymentRow.year, FeePaymentRow.amount, FeePaymentRow.paid_on)
                        .where(FeePaymentRow.right_id.in_(ids[chunk:chunk + 900]))):
                    paid[rid].append(FeePayment(year, amount, on))
        calendar = self.fees.office.calendar()
        items = []
        for rid, kind, number, title, filing, grant, reduction, through, agreement, name, payer in rows:
            if filing is None:  # a tracked patent has one; nothing to schedule otherwise
                continue
            fees = PatentFees(RightKind(kind), filing, grant, reduction, through, tuple(paid.get(rid, ())))
            item = work_item(fees, day, days, calendar, self.fees.rules, right_id=rid, number=number, title=title,
                             agreement_id=agreement, custodian=name, payer=Payer(payer))
            if item is not None:
                items.append(item)
        return sorted(items, key=lambda i: (i.due_date, i.number))

    def mark_paid(self, actor: Actor, number: str, receipt_no: str = "") -> PaymentRecorded:
        """One step "paid": the amount due today for the right's next unpaid year, recorded through the fee
        service in the custodian's name (refused like any payment that matches no fee due)."""
        actor.require(Action.PAY_FEES)
        report = self.fees.report(number)
        line = report.schedule.first_unpaid
        if line is None or line.amount_due <= 0:
            raise RuleRefusal(Problem("fees.year_paid", "year", {"year": line.year if line else "-"}))
        payer = self._payer_name(report.right.id, report.right.display_number)
        return self.fees.pay(actor, number, line.year, line.amount_due, payer=payer, receipt_no=receipt_no)

    def _payer_name(self, right_id: int | None, number: str) -> str:
        with reading(self.engine) as session:
            found = session.execute(
                select(PartyRow.name).join(CustodyAgreementRow, CustodyAgreementRow.custodian_id == PartyRow.id)
                .join(CustodyRightRow, CustodyRightRow.agreement_id == CustodyAgreementRow.id)
                .where(CustodyRightRow.active_right_id == right_id)
            ).scalar_one_or_none()
            if found is None:
                raise RuleRefusal(Problem("custody.not_in_custody", "number", {"number": number}))
            return found

    def month_list(self, year: int, month: int, custodian: str | int | None = None) -> list[WorkItem]:
        """The fees falling due in a calendar month, as of its first day (the batch payment list), plus any
        already overdue then."""
        first = date(year, month, 1)
        nxt = date(year + month // 12, month % 12 + 1, 1)
        items = self.worklist((nxt - first).days - 1, custodian, today=first)
        return [i for i in items if i.due_date < nxt]


def _snapshot(a: AgreementInput, custodian: str, rights: list[RightRow]) -> dict[str, Any]:
    return {"custodian": custodian, "reference": a.reference, "starts_on": a.starts_on, "ends_on": a.ends_on,
            "payer": a.payer.value, "fee_budget": None if a.fee_budget is None else f"{a.fee_budget:.2f}",
            "rights": [r.display_number for r in rights]}

