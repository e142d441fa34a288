"""Annual-fee use cases: a patent's fee schedule on a day, and recording a payment (audited, one transaction)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.fees.payments import Matched, match_payment, parse_amount
from ipdesk.domain.fees.schedule import FeePayment, FeeState, PatentFees, Schedule, schedule
from ipdesk.domain.fees.tables import FeeRules
from ipdesk.domain.registry.rights import LegalStatus, Right
from ipdesk.domain.registry.terms import default_fees_paid_through, next_fee_anniversary
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import check_length
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.fees.status import FEE_DECIDED, shipped_rules
from ipdesk.services.office.settings import OfficeService
from ipdesk.services.registry.status import StatusSource, resolve_one
from ipdesk.services.uow import changes_so_far, reading, transaction
from ipdesk.storage.fees.tables import FeePaymentRow
from ipdesk.storage.registry.mappers import right_from_row
from ipdesk.storage.schema import RightRow

ENTITY = "right"
_STATE_STATUS = {FeeState.IN_FORCE: LegalStatus.IN_FORCE, FeeState.LATE: LegalStatus.LATE_FEE,
                 FeeState.TERMINATED: LegalStatus.TERMINATED}


@dataclass(frozen=True)
class FeeReport:
    """A patent and its fee schedule on ``schedule.as_of``."""

    right: Right
    schedule: Schedule


@dataclass(frozen=True)
class PaymentRecorded:
    """What :meth:`FeeService.pay` did: the payment's id, what it matched, and what changed."""

    payment_id: int
    matched: Matched
    changes: Changes = field(default=NO_CHANGES, compare=False)


def patent_fees(session: Session, row: RightRow, today: date) -> PatentFees:
    """The engine's view of a patent row: its payments, and the default last year paid when untracked."""
    from ipdesk.domain.registry.rights import RightKind

    if row.filing_date is None:
        raise RuleRefusal(Problem("fees.no_filing_date", "number", {"number": row.display_number}))
    paid_through = row.fees_paid_through
    if paid_through is None and row.grant_date is not None:
        paid_through = default_fees_paid_through(row.legal_status, row.filing_date, today)
    payments = session.execute(
        select(FeePaymentRow.year, FeePaymentRow.amount, FeePaymentRow.paid_on).where(FeePaymentRow.right_id == row.id)
    ).all()
    return PatentFees(RightKind(row.kind), row.filing_date, row.grant_date, row.fee_reduction, paid_through,
                      tuple(FeePayment(y, a, d) for y, a, d in payments))


class FeeService:
    def __init__(self, engine: Engine, *, clock: Clock | None = None, office: OfficeService | None = None,
                 status: StatusSource | None = None, rules: FeeRules | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.office = office or OfficeService(engine, self.clock)
        self.rules = rules or shipped_rules()
        self.status = status

    def _row(self, session: Session, number_text: str, *, lock: bool = False) -> RightRow:
        from ipdesk.domain.registry.identifiers import parse_right_number

        parsed = parse_right_number(number_text)
        stmt = select(RightRow).where(RightRow.number == parsed.number)
        row = session.execute(stmt.with_for_update() if lock else stmt).scalar_one_or_none()
        if row is None:
            raise NotFound(Problem("not_found", params={"what": "权利", "key": parsed.display}))
        if not parsed.kind.is_patent:
            raise RuleRefusal(Problem("fees.not_a_patent", "number", {"number": row.display_number}))
        return row

    def report(self, number_text: str, as_of: date | None = None) -> FeeReport:
        """The fee schedule of a patent on ``as_of`` (default today)."""
        day = as_of or self.clock.today()
        with reading(self.engine) as session:
            row = self._row(session, number_text)
            fees = patent_fees(session, row, day)
            right = right_from_row(row)
        s = schedule(fees, day, self.office.calendar(), self.rules)
        if self.status is not None:
            right = resolve_one(self.status, right, self.clock.today())
        return FeeReport(right, s)

    def pay(self, actor: Actor, number_text: str, year: int, amount: Decimal, on: date | None = None,
            payer: str = "", receipt_no: str = "") -> PaymentRecorded:
        """Record a payment of ``amount`` for patent year ``year`` made on ``on`` (default today).

        Refused (nothing written) when it matches no fee due: the year is paid, an earlier one is unpaid, the
        patent is past restoration, or the amount is more than is due that day (:mod:`ipdesk.domain.fees.payments`).
        """
        actor.require(Action.PAY_FEES)
        amount = parse_amount(amount)
        today = self.clock.today()
        day = on or today
        if day > today:
            raise ValidationError(Problem("fees.payment_in_future", "on", {"on": day, "today": today}))
        payer, receipt_no = payer.strip(), receipt_no.strip()
        long = check_length(payer, 200, "payer", "付款人") + check_length(receipt_no, 60, "receipt_no", "收据号")
        if long:
            raise ValidationError(long)
        calendar = self.office.calendar()
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, number_text, lock=True)
            fees = patent_fees(session, row, day)
            matched = match_payment(fees, row.display_number, year, amount, day, calendar=calendar, rules=self.rules)
            before = {"fees_paid_through": row.fees_paid_through, "legal_status": row.legal_status}
            payment = FeePaymentRow(right_id=row.id, year=year, amount=amount, paid_on=day, payer=payer,
                                    receipt_no=receipt_no, recorded_by=actor.username)
            session.add(payment)
            row.fees_paid_through = matched.paid_through if matched.settles else fees.paid_through
            row.fees_next_due = next_fee_anniversary(fees.kind, row.filing_date, row.fees_paid_through)
            if LegalStatus(row.legal_status) in FEE_DECIDED:  # keep the stored value in step with the engine
                now = schedule(replace(fees, paid_through=row.fees_paid_through), today, calendar, self.rules)
                row.legal_status = _STATE_STATUS[now.state].value
            row.version += 1
            session.flush()
            after = {"fees_paid_through": row.fees_paid_through, "legal_status": row.legal_status,
                     "payment": {"year": year, "amount": f"{amount:.2f}", "paid_on": day.isoformat(),
                                 "payer": payer, "receipt_no": receipt_no, "settles": matched.settles}}
            audit.record(session, actor, "fee.pay", ENTITY, row.id,
                         f"缴纳年费 {row.display_number} 第{year}年 {amount:.2f} 元", before, after)
            return PaymentRecorded(payment.id, matched, changes_so_far(session))

    def payments(self, number_text: str) -> list[dict]:
        """The payments recorded for a patent, oldest first."""
        with reading(self.engine) as session:
            row = self._row(session, number_text)
            rows = session.execute(select(FeePaymentRow).where(FeePaymentRow.right_id == row.id)
                                   .order_by(FeePaymentRow.paid_on, FeePaymentRow.id)).scalars().all()
            return [{"id": p.id, "year": p.year, "amount": p.amount, "paid_on": p.paid_on, "payer": p.payer,
                     "receipt_no": p.receipt_no, "recorded_by": p.recorded_by} for p in rows]
