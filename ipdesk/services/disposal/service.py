"""Disposal case use cases: open a case from a defaulted pledge, advance it stage by stage, undo a step by a
recorded reversing act, settle it; read a case, list the cases by stage.

A case belongs to the agency whose officer opened it (agency scoping: another agency's case is *not
found*). Every command runs in one transaction, appends a step to the case's timeline and one audit
entry, and returns what it changed; a refused command writes nothing. Who may complete a stage is the
stage's data: the agency's officer (``Action.MANAGE_DISPOSAL``), the office for the transfer recordal
(``EDIT_RIGHTS``) and the pledge's cancellation (``CHANGE_PLEDGE``).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select

from ipdesk.domain.disposal.stages import (
    STAGES,
    Acting,
    Route,
    Stage,
    document_problem,
    due_date,
    missing_documents,
    missing_fact,
    next_stage,
    not_reversible,
)
from ipdesk.domain.disposal.waterfall import Head
from ipdesk.domain.funds.schemes import parse_scheme
from ipdesk.domain.shared.changes import NO_CHANGES, Changed, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import clean
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import ConcurrentModification, NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.domain.users.scoping import owner_for_new
from ipdesk.services import audit
from ipdesk.services.disposal import facts as stage_facts
from ipdesk.services.disposal import marketplace
from ipdesk.services.disposal.documents import DisposalDocuments
from ipdesk.services.disposal.records import CaseRecord, live_advances, record_of, settlement_row, step_rows
from ipdesk.services.disposal.settlement import compute, recovery_split
from ipdesk.services.funds.ledger import FundService, balance_in
from ipdesk.services.loans.service import LoanService
from ipdesk.services.marketplace.service import MarketService
from ipdesk.services.notices.service import NoticeService
from ipdesk.services.office.settings import OfficeService, format_number, next_number
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.uow import UnitOfWork, changes_so_far, note, reading, transaction
from ipdesk.services.users.scoping import get_scoped, scoped
from ipdesk.storage.disposal.tables import (
    DisposalCaseRow,
    DisposalDocumentRow,
    DisposalSettlementRow,
    DisposalStepRow,
)
from ipdesk.storage.loans.tables import LoanRow
from ipdesk.storage.schema import PledgeRow

ENTITY = "disposal_case"
WHAT = "处置案件"
CASE_NO_FORMAT = "CZ{year}{seq:05d}"

register({
    "disposal.pledge_unknown": ("未找到已登记的质押：{key}", "no registered pledge {key}"),
    "disposal.not_defaulted": ("质押 {pledge} 没有已违约的贷款，不能启动处置",
                               "pledge {pledge} secures no loan in default: no disposal"),
    "disposal.already_open": ("质押 {pledge} 已有处置案件 {case}", "pledge {pledge} already has disposal case {case}"),
    "disposal.wrong_stage": ("处置案件 {case} 处于「{stage}」阶段，不能{act}",
                             "disposal case {case} is at the stage '{stage}': cannot {act}"),
    "disposal.already_settled": ("处置案件 {case} 已于 {on} 清偿分配，不能重复清偿",
                                 "disposal case {case} was settled on {on}: it is never settled twice"),
    "disposal.date_in_future": ("日期 {date} 晚于今天 {today}", "the date {date} is after today {today}"),
    "disposal.backdated": ("日期 {date} 早于案件上一步的日期 {last}",
                           "the date {date} is before the case's last step on {last}"),
    "disposal.not_settled": ("处置案件 {case} 尚未清偿分配，无可收回的损失",
                             "disposal case {case} is not settled: no loss to recover"),
    "disposal.scheme_and_fund": ("资金池已定分担方案（{scheme}），不能另行指定",
                                 "the fund's scheme ({scheme}) shares the loss: no other scheme"),
})

_ACTING = {Acting.AGENCY: Action.MANAGE_DISPOSAL, Acting.RIGHTS: Action.EDIT_RIGHTS,
           Acting.PLEDGES: Action.CHANGE_PLEDGE}


@dataclass(frozen=True)
class Settled:
    case: CaseRecord
    settlement: dict[str, Any]
    changes: Changes = field(default=NO_CHANGES)


class DisposalService:
    def __init__(self, engine: Engine, *, clock: Clock | None = None, loans: LoanService | None = None,
                 pledges: PledgeService | None = None, office: OfficeService | None = None,
                 funds: FundService | None = None, notices: NoticeService | None = None,
                 market: MarketService | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.loans = loans or LoanService(engine, self.clock)
        self.pledges = pledges or PledgeService(engine, clock=self.clock)
        self.office = office or OfficeService(engine, self.clock)
        self.funds = funds or FundService(engine, clock=self.clock)
        #: The venue: a route on the marketplace lists the case's lot there and takes its deal from it.
        self.market = market
        #: The case's signed documents (settlement statement, transfer confirmation), when a workstation
        #: gives the notices' keys and issue log.
        self.documents = DisposalDocuments(engine, notices, clock=self.clock) if notices is not None else None

    # --- queries ---------------------------------------------------------------------------------
    def get(self, actor: Actor, case_id: int, as_of: date | None = None) -> CaseRecord:
        with reading(self.engine) as session:
            row = get_scoped(session, DisposalCaseRow, case_id, actor, what=WHAT)
            return record_of(session, row, as_of or self.clock.today())

    def find(self, actor: Actor, number: str) -> CaseRecord:
        """By case number or ``#id``; out of the actor's scope reads as not found."""
        text = number.strip()
        if text.startswith("#") and text[1:].isdigit():
            return self.get(actor, int(text[1:]))
        with reading(self.engine) as session:
            found = session.execute(scoped(select(DisposalCaseRow.id).where(DisposalCaseRow.case_no == text),
                                           DisposalCaseRow.owner_party_id, actor)).scalar_one_or_none()
        if found is None:
            raise NotFound(Problem("not_found", params={"what": WHAT, "key": number}))
        return self.get(actor, found)

    def list(self, actor: Actor, *, stage: Stage | None = None, open_only: bool = False,
             pledge_id: int | None = None) -> builtins.list[CaseRecord]:
        """The cases the actor may see, by number (of one stage, of one pledge, or only those open)."""
        query = scoped(select(DisposalCaseRow).order_by(DisposalCaseRow.case_no), DisposalCaseRow.owner_party_id,
                       actor)
        if stage is not None:
            query = query.where(DisposalCaseRow.stage == stage.value)
        if open_only:
            query = query.where(DisposalCaseRow.closed_on.is_(None))
        if pledge_id is not None:
            query = query.where(DisposalCaseRow.pledge_id == pledge_id)
        with reading(self.engine) as session:
            today = self.clock.today()
            return [record_of(session, row, today) for row in session.execute(query).scalars()]

    def by_stage(self, actor: Actor) -> dict[Stage, int]:
        """How many cases the actor may see stand at each stage (the workbench tile)."""
        counts = {stage: 0 for stage in STAGES}
        query = scoped(select(DisposalCaseRow.stage), DisposalCaseRow.owner_party_id, actor)
        with reading(self.engine) as session:
            for (stage,) in session.execute(query):
                counts[Stage(stage)] += 1
        return counts

    # --- commands --------------------------------------------------------------------------------
    def open(self, actor: Actor, pledge: str | int, *, scheme: str = "", fund: str = "", responsible: str = "",
             on: date | None = None) -> Changed[CaseRecord]:
        """Open a case on a registered pledge whose loan (one the actor may see) is in default; its loss is
        shared under ``scheme``, or under the scheme of ``fund`` (a compensation fund, by name or ``#id``)."""
        actor.require(Action.MANAGE_DISPOSAL)
        day = self._day(on)
        if scheme:
            parse_scheme(scheme)  # a bad scheme is refused before anything is written
        with transaction(self.engine, self.clock) as session:
            fund_row = self.funds.row_by_name(session, fund) if clean(fund) else None
            if fund_row is not None and clean(scheme) and clean(scheme) != fund_row.scheme:
                raise ValidationError(Problem("disposal.scheme_and_fund", "scheme", {"scheme": fund_row.scheme}))
            if fund_row is not None:
                scheme = fund_row.scheme
            prow = self._pledge(session, pledge)
            loan = self._defaulted_loan(session, actor, prow, day)
            already = session.execute(select(DisposalCaseRow.case_no)
                                      .where(DisposalCaseRow.open_pledge_id == prow.id)).scalar_one_or_none()
            if already is not None:
                raise RuleRefusal(Problem("disposal.already_open", "pledge",
                                          {"pledge": prow.registration_no, "case": already}))
            calendar = self.office.calendar(session)
            who = clean(responsible) or actor.username
            row = DisposalCaseRow(
                case_no=format_number(CASE_NO_FORMAT, day.year, next_number(session, "disposal", day.year)),
                pledge_id=prow.id, open_pledge_id=prow.id, loan_id=loan, owner_party_id=owner_for_new(actor),
                stage=Stage.DEFAULT_NOTICE.value, stage_entered_on=day,
                stage_due_on=due_date(Stage.DEFAULT_NOTICE, day, calendar), responsible=who, scheme=clean(scheme),
                fund_id=fund_row.id if fund_row is not None else None, opened_on=day, listing="",
            )
            session.add(row)
            session.flush()
            self._step(session, row, actor, "open", None, Stage.DEFAULT_NOTICE, day, {"loan_id": loan})
            audit.record(session, actor, "disposal.open", ENTITY, row.id, f"启动处置 {row.case_no}", None,
                         {"case_no": row.case_no, "pledge": prow.registration_no, "loan_id": loan,
                          "owner_party_id": row.owner_party_id, "scheme": row.scheme, "fund_id": row.fund_id,
                          "responsible": who})
            note(session, "pledges", prow.id)
            return Changed(record_of(session, row, day), changes_so_far(session))

    def attach(self, actor: Actor, case_id: int, documents: dict[str, str], *,
               on: date | None = None) -> Changed[CaseRecord]:
        """Put documents on the case for its current stage (codes the stage lists)."""
        day = self._day(on)
        with transaction(self.engine, self.clock) as session:
            row = self._case(session, actor, case_id)
            stage = Stage(row.stage)
            actor.require(_ACTING[STAGES[stage].acting])
            self._documents(session, row, actor, stage, documents, day)
            audit.record(session, actor, "disposal.attach", ENTITY, row.id, f"处置 {row.case_no} 补充材料", None,
                         {"stage": stage.value, "documents": documents})
            return Changed(record_of(session, row, day), changes_so_far(session))

    def advance(self, actor: Actor, case_id: int, *, documents: dict[str, str] | None = None,
                facts: dict[str, Any] | None = None, responsible: str = "", on: date | None = None,
                expected_version: int | None = None) -> Changed[CaseRecord]:
        """Complete the case's current stage (its documents on file, its facts given) and enter the next."""
        day = self._day(on)
        with transaction(self.engine, self.clock) as session:
            row = self._case(session, actor, case_id, expected_version)
            stage = Stage(row.stage)
            actor.require(_ACTING[STAGES[stage].acting])
            self._not_before_last(session, row, day)
            have = self._documents(session, row, actor, stage, documents or {}, day)
            problems: list[Problem] = []
            missing = missing_documents(stage, have)
            if missing is not None:
                problems.append(missing)
            given = dict(facts or {})
            if self.market is not None and stage in (Stage.LISTING, Stage.DEAL):
                given = marketplace.through_market(session, self.market, actor, row, stage, given, problems)
            recorded = stage_facts.record_facts(session, row, stage, given, day, problems)
            if stage is Stage.SETTLEMENT and settlement_row(session, row.id) is None:
                problems.append(missing_fact(stage, "settled"))
            if problems:
                raise ValidationError(problems)
            if stage is Stage.TRANSFER:
                recorded = stage_facts.transfer(session, self.pledges, actor, row, day)
            elif stage is Stage.CANCELLATION:
                recorded = stage_facts.cancel_pledge(session, self.pledges, actor, row, day)
            target = next_stage(stage, Route(row.route) if row.route else None)
            who = clean(responsible) or row.responsible
            self._enter(session, row, target, day, who)
            self._step(session, row, actor, "advance", stage, target, day, recorded)
            audit.record(session, actor, "disposal.advance", ENTITY, row.id,
                         f"处置 {row.case_no}：{STAGES[stage].label[0]} → {STAGES[target].label[0]}",
                         {"stage": stage.value}, {"stage": target.value, "facts": recorded, "responsible": who})
            return Changed(record_of(session, row, day), changes_so_far(session))

    def reverse(self, actor: Actor, case_id: int, reason: str, *, on: date | None = None) -> Changed[CaseRecord]:
        """Undo the last step still standing by a recorded reversing act: the case goes back to that stage."""
        day = self._day(on)
        if not clean(reason):
            raise ValidationError(Problem("disposal.reason_required", "reason"))
        with transaction(self.engine, self.clock) as session:
            row = self._case(session, actor, case_id)
            steps = step_rows(session, row.id)
            standing = live_advances(steps)
            if not standing:
                raise RuleRefusal(Problem("disposal.nothing_to_reverse", "case", {"case": row.case_no}))
            last = standing[-1]
            back = Stage(last.from_stage or Stage.DEFAULT_NOTICE)  # an advance always names where it left
            actor.require(_ACTING[STAGES[back].acting])
            if not STAGES[back].reversible:
                raise RuleRefusal(not_reversible(back))
            self._not_before_last(session, row, day)
            current = Stage(row.stage)
            stage_facts.clear_facts(row, back)
            self._enter(session, row, back, day, row.responsible)
            self._step(session, row, actor, "reverse", current, back, day, {}, reason=clean(reason),
                       reverses=last.seq)
            audit.record(session, actor, "disposal.reverse", ENTITY, row.id,
                         f"处置 {row.case_no}：撤回至 {STAGES[back].label[0]}", {"stage": current.value},
                         {"stage": back.value, "reason": clean(reason), "reverses": last.seq})
            return Changed(record_of(session, row, day), changes_so_far(session))

    def settle(self, actor: Actor, case_id: int, *, costs: Decimal = Decimal("0.00"),
               on: date | None = None) -> Settled:
        """Settle the case at its settlement stage: the waterfall over the deal's price, the loss shared, the
        loan repaid with what the waterfall paid it. Settling twice is refused (never pays twice)."""
        actor.require(Action.MANAGE_DISPOSAL)
        day = self._day(on)
        with transaction(self.engine, self.clock) as session:
            row = self._case(session, actor, case_id)
            done = settlement_row(session, row.id)
            if done is not None:
                raise RuleRefusal(Problem("disposal.already_settled", "case",
                                          {"case": row.case_no, "on": done.settled_on.isoformat()}))
            if row.stage != Stage.SETTLEMENT.value:
                raise RuleRefusal(Problem("disposal.wrong_stage", "case", {
                    "case": row.case_no, "stage": STAGES[Stage(row.stage)].label[0],
                    "stage_en": STAGES[Stage(row.stage)].label[1], "act": "清偿分配", "act_en": "settle"}))
            loan = self.loans.get_in(session, actor, row.loan_id, day)
            pooled = row.fund_id is not None and bool(row.scheme) and parse_scheme(row.scheme).has_pool
            pool = balance_in(session, row.fund_id) if pooled and row.fund_id is not None else None
            computed = compute(session, row, loan.state, costs, loan.borrower_id, pool_balance=pool)
            lines = computed.to_json(day)
            if computed.paid_to_loan > 0:
                self.loans.repay_in(session, actor, row.loan_id, computed.paid_to_loan, on=day,
                                    reason=f"处置 {row.case_no} 清偿")
            if row.fund_id is not None and computed.sharing is not None and computed.sharing.pool_paid > 0:
                self.funds.compensate_in(session, actor, row.fund_id, row.case_no, computed.sharing.pool_paid, day)
            r = computed.result
            settled = DisposalSettlementRow(
                case_id=row.id, settled_on=day, proceeds=r.proceeds, costs=costs, paid_penalty=r.paid[Head.PENALTY],
                paid_interest=r.paid[Head.INTEREST], paid_principal=r.paid[Head.PRINCIPAL],
                surplus_to_pledgor=r.surplus_to_pledgor, shortfall=r.shortfall.total,
                pledgor_is_debtor=r.pledgor_is_debtor, lines=audit.canonical_json(lines), actor=actor.username)
            session.add(settled)
            session.flush()
            self._documents(session, row, actor, Stage.SETTLEMENT,
                            {"settlement_statement": f"清偿分配表 {row.case_no}"}, day)
            row.version += 1
            audit.record(session, actor, "disposal.settle", ENTITY, row.id, f"处置 {row.case_no} 清偿分配", None,
                         lines)
            return Settled(record_of(session, row, day), lines, changes_so_far(session))

    def recover(self, actor: Actor, case_id: int, amount: Decimal, *, on: date | None = None) -> Changed[CaseRecord]:
        """What the debtor pays on the shortfall after the settlement (closed case or not): paid on the loan and
        credited back to whoever bore the loss, in proportion to what each still bears — the pool's part into
        the fund's ledger."""
        actor.require(Action.MANAGE_DISPOSAL)
        day = self._day(on)
        with transaction(self.engine, self.clock) as session:
            row = self._case(session, actor, case_id, closed_ok=True)
            settled = settlement_row(session, row.id)
            if settled is None:
                raise RuleRefusal(Problem("disposal.not_settled", "case", {"case": row.case_no}))
            steps = step_rows(session, row.id)
            shares, to_pool = recovery_split(row, settled, steps, amount)
            self.loans.repay_in(session, actor, row.loan_id, amount, on=day, reason=f"处置 {row.case_no} 事后收回")
            if row.fund_id is not None and to_pool > 0:
                self.funds.recover_in(session, actor, row.fund_id, row.case_no, to_pool, day)
            stage = Stage(row.stage)
            recorded = {"amount": f"{amount:.2f}", "shares": {p: f"{v:.2f}" for p, v in shares.items()},
                        "to_fund": f"{to_pool:.2f}"}
            self._step(session, row, actor, "recovery", stage, stage, day, recorded)
            row.version += 1
            audit.record(session, actor, "disposal.recover", ENTITY, row.id,
                         f"处置 {row.case_no} 事后收回 {amount:.2f}", None, recorded)
            return Changed(record_of(session, row, day), changes_so_far(session))

    # --- inside the unit of work -----------------------------------------------------------------
    def _day(self, on: date | None) -> date:
        today = self.clock.today()
        day = on or today
        if day > today:
            raise ValidationError(Problem("disposal.date_in_future", "on",
                                          {"date": day.isoformat(), "today": today.isoformat()}))
        return day

    @staticmethod
    def _case(session: UnitOfWork, actor: Actor, case_id: int, expected_version: int | None = None, *,
              closed_ok: bool = False) -> DisposalCaseRow:
        row = get_scoped(session, DisposalCaseRow, case_id, actor, what=WHAT, lock=True)
        if row.closed_on is not None and not closed_ok:
            raise RuleRefusal(Problem("disposal.closed", "case", {"case": row.case_no}))
        if expected_version is not None and row.version != expected_version:
            raise ConcurrentModification(Problem("stale"))
        return row

    @staticmethod
    def _pledge(session: UnitOfWork, pledge: str | int) -> PledgeRow:
        if isinstance(pledge, int):
            prow = session.get(PledgeRow, pledge)
        else:
            prow = session.execute(select(PledgeRow).where(PledgeRow.registration_no == clean(pledge))).scalar()
        if prow is None or prow.status != "registered":
            raise NotFound(Problem("disposal.pledge_unknown", "pledge", {"key": pledge}))
        return prow

    def _defaulted_loan(self, session: UnitOfWork, actor: Actor, prow: PledgeRow, day: date) -> int:
        ids = session.execute(scoped(select(LoanRow.id).where(LoanRow.pledge_id == prow.id,
                                                              LoanRow.closed_on.is_(None)).order_by(LoanRow.id),
                                     LoanRow.owner_party_id, actor)).scalars()
        for loan_id in ids:
            state = self.loans.get_in(session, actor, loan_id, day).state
            if state.defaulted_on is not None and not state.closed:
                return int(loan_id)
        raise RuleRefusal(Problem("disposal.not_defaulted", "pledge", {"pledge": prow.registration_no}))

    def _not_before_last(self, session: UnitOfWork, row: DisposalCaseRow, day: date) -> None:
        if day < row.stage_entered_on:
            raise ValidationError(Problem("disposal.backdated", "on", {"date": day.isoformat(),
                                                                       "last": row.stage_entered_on.isoformat()}))

    @staticmethod
    def _documents(session: UnitOfWork, row: DisposalCaseRow, actor: Actor, stage: Stage, documents: dict[str, str],
                   day: date) -> set[str]:
        """Add ``documents`` (code → reference) for ``stage``; returns the codes then on file for it."""
        problems = [p for code in documents if (p := document_problem(stage, code)) is not None]
        if problems:
            raise ValidationError(problems)
        for code, reference in documents.items():
            session.add(DisposalDocumentRow(case_id=row.id, stage=stage.value, code=code,
                                            reference=clean(reference), on_date=day, actor=actor.username))
        session.flush()
        return set(session.execute(select(DisposalDocumentRow.code).where(
            DisposalDocumentRow.case_id == row.id, DisposalDocumentRow.stage == stage.value)).scalars())

    def _enter(self, session: UnitOfWork, row: DisposalCaseRow, stage: Stage, day: date, who: str) -> None:
        row.stage, row.stage_entered_on, row.responsible = stage.value, day, who
        row.stage_due_on = due_date(stage, day, self.office.calendar(session))
        row.version += 1
        if stage is Stage.CLOSED:
            row.closed_on, row.open_pledge_id = day, None

    @staticmethod
    def _step(session: UnitOfWork, row: DisposalCaseRow, actor: Actor, kind: str, from_stage: Stage | None,
              to_stage: Stage, day: date, recorded: dict[str, Any], *, reason: str = "",
              reverses: int | None = None) -> None:
        seq = len(step_rows(session, row.id)) + 1
        session.add(DisposalStepRow(case_id=row.id, seq=seq, kind=kind,
                                    from_stage=from_stage.value if from_stage else None, to_stage=to_stage.value,
                                    on_date=day, due_on=row.stage_due_on, responsible=row.responsible,
                                    facts=audit.canonical_json(recorded) if recorded else "", reason=reason,
                                    reverses=reverses, actor=actor.username))
        session.flush()
