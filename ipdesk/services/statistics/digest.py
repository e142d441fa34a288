"""The deadline digest: what falls due across the office in the next N days (and what just passed and is still
open), one list for the workbench, Excel and ``ipdesk digest`` — filtered by the reader's role and agency.

Sources, each one indexed query: undecided applications by their service-level deadline, corrections awaited,
registered pledges whose term or performance deadline ends, the next annual fee of every pledged patent (band and
amount from the fee engine), and the unpaid instalments of open loans (the loan service's replayed state, scoped
to the agency), the current stage's deadline of open disposal cases (scoped too), insurance policies whose cover
ends (scoped to the insurer) and open auctions whose (extended) close falls within the window (scoped to the lot's
agency).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Integer, Select, Table, and_, func, literal_column, null, select, union_all
from sqlalchemy.orm import Session

from ipdesk.domain.custody.maintenance import due_window
from ipdesk.domain.fees.schedule import FeePayment, PatentFees, YearStatus, next_fee
from ipdesk.domain.pledges.lifecycle import AWAITING_CORRECTION, IN_FORCE, UNDECIDED
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.permissions import Actor
from ipdesk.domain.statistics.digest import KIND_LABELS, STAYS_WHILE_OPEN, DueItem, DueKind, kinds_for, ordered
from ipdesk.domain.users.scoping import Scope, scope_of
from ipdesk.services.bulk_reading import collector_paused
from ipdesk.services.fees.service import FeeService
from ipdesk.services.loans.service import LoanService
from ipdesk.services.tables import Sheet, write_table
from ipdesk.services.uow import reading
from ipdesk.services.users.scoping import scoped
from ipdesk.storage.disposal.tables import DisposalCaseRow
from ipdesk.storage.fees.tables import FeePaymentRow
from ipdesk.storage.insurance.tables import PolicyRow
from ipdesk.storage.marketplace.tables import AuctionRow, LotRow
from ipdesk.storage.schema import PartyRow, PledgeRightRow, PledgeRow, RightRow
from ipdesk.storage.types import Money

_NEVER = date(9999, 12, 31)
HEADER = {"zh": ["到期日", "剩余天数", "事项", "编号", "名称", "内容", "金额（元）"],
          "en": ["Due", "Days left", "What", "Number", "Name", "Detail", "Amount (yuan)"]}


@dataclass(frozen=True)
class Digest:
    """The items due within ``days`` of ``as_of`` (and the open ones already past), earliest first."""

    as_of: date
    days: int
    items: tuple[DueItem, ...]

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "days": self.days,
                "items": [i.to_json(self.as_of) for i in self.items]}

    def rows(self, lang: str = "zh") -> list[list[Any]]:
        n = 1 if lang == "en" else 0
        return [[i.due, i.days_left(self.as_of), KIND_LABELS[i.kind][n], i.reference, i.subject, i.detail(lang),
                 i.amount] for i in self.items]


class DigestService:
    """Read-only; every signed-in user gets the digest of what their role and agency may see."""

    def __init__(self, engine: Any, fees: FeeService, loans: LoanService, clock: Clock | None = None):
        self.engine = engine
        self.fees = fees
        self.loans = loans
        self.clock: Clock = clock if clock is not None else OfficeClock()

    def digest(self, actor: Actor, days: int = 14, today: date | None = None) -> Digest:
        day = today or self.clock.today()
        kinds = kinds_for(actor.role)
        scope = scope_of(actor)
        with collector_paused():  # 27 k items at 200 k pledges: see bulk_reading
            return self._digest(actor, day, days, kinds, scope)

    def _digest(self, actor: Actor, day: date, days: int, kinds: frozenset[DueKind], scope: Scope) -> Digest:
        items: list[DueItem] = []
        with reading(self.engine) as session:
            pledgee = None if scope.everything else (scope.owner if scope.owner is not None else -1)
            items += self._pledges(session, kinds, day, days, pledgee)
            if DueKind.ANNUAL_FEE in kinds and scope.everything:
                items += self._fees(session, day, days)
            if DueKind.DISPOSAL_STAGE in kinds:
                items += self._disposal(session, actor, day, days)
            if DueKind.INSURANCE_END in kinds:
                items += self._policies(session, actor, day, days)
            if DueKind.AUCTION_CLOSING in kinds:
                items += self._auctions(session, actor, day, days)
        if DueKind.LOAN_INSTALMENT in kinds:
            items += self._instalments(actor, day, days)
        return Digest(day, days, tuple(ordered(items)))

    def export(self, digest: Digest, path: Path, lang: str = "zh") -> int:
        """The digest to ``path`` (.xlsx or CSV) in ``lang``; returns the number of lines."""
        title = f"到期提醒（{digest.as_of.isoformat()} 起 {digest.days} 天）" if lang != "en" else (
            f"Deadline digest ({digest.days} days from {digest.as_of.isoformat()})")
        sheet = Sheet("到期提醒" if lang != "en" else "Digest", HEADER["en" if lang == "en" else "zh"],
                      digest.rows(lang), [[title]])
        return write_table(path, sheet)

    # --- sources ---------------------------------------------------------------------------------

    @staticmethod
    def _pledges(session: Session, kinds: frozenset[DueKind], day: date, days: int,
                 pledgee: int | None) -> list[DueItem]:
        """The four pledge deadlines in one statement (a UNION ALL of one indexed range each: (status, deadline)),
        read as plain rows: at 200 k pledges this is the digest's bulk (the undecided applications)."""
        ahead, back = day + timedelta(days=days), day - timedelta(days=days)
        p = cast(Table, PledgeRow.__table__).c
        sources = {
            DueKind.APPLICATION: (p.sla_deadline, UNDECIDED),
            DueKind.CORRECTION: (p.correction_deadline, AWAITING_CORRECTION),
            DueKind.PLEDGE_TERM: (p.pledge_term_end, IN_FORCE),
            DueKind.PERFORMANCE: (p.performance_deadline, IN_FORCE),
        }
        codes = list(sources)
        branches = []
        for code, (kind, (column, statuses)) in enumerate(sources.items()):
            if kind not in kinds:
                continue
            window = column <= ahead if kind in STAYS_WHILE_OPEN else column.between(back, ahead)
            # only the performance deadline carries the secured amount; a NULL of its type elsewhere (no Decimal built)
            amount = p.secured_amount if kind is DueKind.PERFORMANCE else null().cast(Money())
            stmt = (select(literal_column(str(code), Integer).label("code"), p.id, column.label("due"),
                           p.application_no, p.registration_no, p.pledgor_names, amount.label("amount"))
                    .where(p.status.in_([s.value for s in statuses]), column.is_not(None), window))
            if pledgee is not None:
                stmt = stmt.where(p.pledgee_id == pledgee)
            branches.append(stmt)
        if not branches:
            return []
        rows = session.connection().execute(branches[0] if len(branches) == 1 else union_all(*branches)).all()
        make = DueItem._make  # every field in order, without the keyword handling (17 k items at 200 k pledges)
        return [make((codes[code], due, reg_no or app_no, pledgors, None, "", None, amount, pid, None, None))
                for code, pid, due, app_no, reg_no, pledgors, amount in rows]

    def _fees(self, session: Session, day: date, days: int) -> list[DueItem]:
        """The next fee of every pledged patent whose anniversary is in the window, from the fee engine. One
        statement: the rights with, joined, the payments the engine can still use (years after the last one
        recorded as paid: ``next_fee`` starts from there)."""
        oldest, latest = due_window(day, days, self.fees.rules)
        rights, payments, pledged = (cast(Table, t.__table__) for t in (RightRow, FeePaymentRow, PledgeRightRow))
        r, fp, pr = rights.c, payments.c, pledged.c
        stmt = (select(r.id, r.kind, r.display_number, r.title, r.filing_date, r.grant_date, r.fee_reduction,
                       r.fees_paid_through, fp.year, fp.amount, fp.paid_on)
                .select_from(rights.join(pledged, pr.active_right_id == r.id)
                             .outerjoin(payments, and_(fp.right_id == r.id,
                                                       fp.year > func.coalesce(r.fees_paid_through, 0))))
                # the pledged rights drive the query (as in the custody worklist), not the index on the date
                .where(func.coalesce(r.fees_next_due, _NEVER).between(oldest, latest),
                       r.legal_status.in_(("in_force", "late_fee")), r.filing_date.is_not(None)))
        facts: dict[int, tuple[Any, ...]] = {}
        paid: dict[int, list[FeePayment]] = defaultdict(list)
        for row in session.connection().execute(stmt):
            rid = row[0]
            if rid not in facts:
                facts[rid] = tuple(row[1:8])
            if row[8] is not None:  # a payment (the outer join gives one row without any)
                paid[rid].append(FeePayment(row[8], row[9], row[10]))
        calendar = self.fees.office.calendar(session)
        rules, ahead, make = self.fees.rules, day + timedelta(days=days), DueItem._make
        kinds = {k.value: k for k in RightKind}
        out = []
        for rid, (kind, number, title, filing, grant, reduction, through) in facts.items():
            fees = PatentFees(kinds[kind], filing, grant, reduction, through, tuple(paid.get(rid, ())))
            line = next_fee(fees, day, calendar, rules)
            if line is None or line.due_date > ahead:
                continue
            if line.status is YearStatus.LAPSED and line.amount_due == 0:
                continue  # past restoration: nothing can be paid any more
            out.append(make((DueKind.ANNUAL_FEE, line.due_date, number, title, line.year, line.status.value,
                             line.surcharge_rate or None, line.amount_due, None, rid, None)))
        return out

    @staticmethod
    def _disposal(session: Session, actor: Actor, day: date, days: int) -> list[DueItem]:
        """Open disposal cases whose current stage's deadline falls within ``days`` or has passed (scoped)."""
        stmt = (select(DisposalCaseRow.id, DisposalCaseRow.case_no, DisposalCaseRow.stage,
                       DisposalCaseRow.stage_due_on, DisposalCaseRow.pledge_id, PledgeRow.pledgor_names)
                .join(PledgeRow, PledgeRow.id == DisposalCaseRow.pledge_id)
                .where(DisposalCaseRow.closed_on.is_(None), DisposalCaseRow.stage_due_on.is_not(None),
                       DisposalCaseRow.stage_due_on <= day + timedelta(days=days)))
        out = []
        for _cid, case_no, stage, due, pledge_id, pledgors in session.execute(
                scoped(cast("Select[Any]", stmt), DisposalCaseRow.owner_party_id, actor)):
            if due is not None:
                out.append(DueItem(DueKind.DISPOSAL_STAGE, due, case_no, pledgors, status=stage, pledge_id=pledge_id))
        return out

    @staticmethod
    def _policies(session: Session, actor: Actor, day: date, days: int) -> list[DueItem]:
        """Policies whose cover ends within ``days`` ahead or behind (scoped to the insurer), with their limit."""
        stmt = (select(PolicyRow.policy_no, PolicyRow.ends_on, PolicyRow.limit_total, PolicyRow.pledge_id,
                       PartyRow.name)
                .join(PartyRow, PartyRow.id == PolicyRow.insured_id)
                .where(PolicyRow.ends_on.between(day - timedelta(days=days), day + timedelta(days=days))))
        return [DueItem(DueKind.INSURANCE_END, ends, no, insured, amount=limit, pledge_id=pledge_id)
                for no, ends, limit, pledge_id, insured in session.execute(
                    scoped(cast("Select[Any]", stmt), PolicyRow.insurer_id, actor))]

    def _auctions(self, session: Session, actor: Actor, day: date, days: int) -> list[DueItem]:
        """Open auctions (no result yet) whose current close is before the end of the window's last office day —
        also once passed, until the auction is closed; the day is the close's in the office zone."""
        zone = self.clock.zone
        until = datetime.combine(day + timedelta(days=days + 1), time(0), zone).astimezone(UTC)
        stmt = (select(AuctionRow.auction_no, AuctionRow.current_closes_at, AuctionRow.round, AuctionRow.mode,
                       AuctionRow.price, AuctionRow.start_price, LotRow.title)
                .join(LotRow, LotRow.id == AuctionRow.lot_id)
                .where(AuctionRow.result.is_(None), AuctionRow.closed_at.is_(None),
                       AuctionRow.current_closes_at < until))
        out = []
        for no, closes, rnd, mode, price, start, title in session.execute(
                scoped(cast("Select[Any]", stmt), AuctionRow.owner_party_id, actor)):
            local = (closes if closes.tzinfo else closes.replace(tzinfo=UTC)).astimezone(zone)
            out.append(DueItem(DueKind.AUCTION_CLOSING, local.date(), no, title, seq=rnd, status=mode,
                               amount=price if price is not None else start))
        return out

    def _instalments(self, actor: Actor, day: date, days: int) -> list[DueItem]:
        ahead = day + timedelta(days=days)
        out = []
        for loan in self.loans.list(actor, as_of=day, open_only=True):
            for i in loan.state.instalments:
                if i.due <= ahead and i.outstanding > 0:
                    out.append(DueItem(DueKind.LOAN_INSTALMENT, i.due, loan.loan_no, loan.borrower_name, seq=i.seq,
                                       status="overdue" if i.due < day else "due", amount=i.outstanding,
                                       loan_id=loan.id, pledge_id=loan.pledge_id))
        return out

