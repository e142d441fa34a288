"""Risk early warning: the scan that keeps the signals in step with the rules, the warning list, and acting
on a signal (a note, a halt — 叫停, through the loans service — or a demand for repayment, 催收).

A full scan judges every registered pledge; an incremental scan only the pledges whose records the audit
log shows changed since the last scan (a pledge, one of its rights, its loans, valuations or policies). A
scan on a new day, or after the rules or settings changed, is full (the date-driven rules move by
themselves). A signal raised is opened with the scan's day as ``since``; one no longer raised is cleared.
A scan that raised or cleared anything writes one audit entry; each action on a signal writes one, and a
pledge event so it shows on the pledge's timeline.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Engine, and_, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from ipdesk.domain.pledges.lifecycle import PledgeStatus
from ipdesk.domain.risk.engine import Raised, evaluate
from ipdesk.domain.risk.rules import SEVERITY_RANK, RiskRules, Severity
from ipdesk.domain.shared.changes import NO_CHANGES, Changed, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import SYSTEM, Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.loans.service import LoanService
from ipdesk.services.registry.status import STORED, StatusSource
from ipdesk.services.risk import settings as risk_settings
from ipdesk.services.risk.facts import pledge_states
from ipdesk.services.uow import changes_so_far, note, reading, transaction
from ipdesk.services.valuation.service import ValuationService
from ipdesk.storage.insurance.tables import PolicyRightRow
from ipdesk.storage.loans.tables import LoanRow
from ipdesk.storage.risk.tables import RiskActionRow, RiskScanRow, RiskSignalRow
from ipdesk.storage.schema import AuditHeadRow, AuditRow, PledgeEventRow, PledgeRightRow, PledgeRow, RightRow
from ipdesk.storage.valuation.tables import ValuationRightRow

ENTITY = "signal"
ACTIONS = ("note", "halt", "collect")
ACTION_LABELS = {"note": ("备注", "Note"), "halt": ("叫停", "Halt"), "collect": ("催收", "Collect")}

register({
    "risk.bad_action": ("处置方式应为 {choices} 之一：{value}", "the action must be one of {choices}: {value}"),
    "risk.cleared": ("预警 #{signal} 已于 {on} 解除，只能备注",
                     "signal #{signal} cleared on {on}: only a note is possible"),
    "risk.bad_span": ("统计区间应为 1–{most} 个点，步长为 day 或 week：{value}",
                      "the span must be 1–{most} points, by day or week: {value}"),
    "risk.no_open_loan": ("质押 {pledge} 没有可叫停的未结贷款", "pledge {pledge} has no open loan to halt"),
    "risk.text_required": ("请说明处置情况", "say what was done"),
})


@dataclass(frozen=True)
class Signal:
    id: int
    rule: str
    severity: Severity
    pledge_id: int
    pledge_no: str
    right_id: int | None
    right: str | None
    since: date
    cleared_on: date | None
    detail: dict[str, Any]
    acknowledged: bool
    actions: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "severity": self.severity.value, "pledge": self.pledge_no,
                "right": self.right, "since": self.since.isoformat(),
                "cleared_on": self.cleared_on.isoformat() if self.cleared_on else None, "detail": self.detail,
                "acknowledged": self.acknowledged, "actions": list(self.actions)}


@dataclass(frozen=True)
class OpenAt:
    """How many signals were open at the end of one day, by severity."""

    on: date
    info: int = 0
    warning: int = 0
    critical: int = 0


MOST_POINTS = 366
STEPS = {"day": 1, "week": 7}


@dataclass(frozen=True)
class ScanResult:
    as_of: date
    full: bool
    pledges: int
    raised: int
    cleared: int
    changes: Changes = field(default=NO_CHANGES)


class RiskService:
    def __init__(self, engine: Engine, loans: LoanService, clock: Clock | None = None,
                 status: StatusSource = STORED):
        self.engine = engine
        self.loans = loans
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.status = status
        self._valuation = ValuationService(engine, clock=self.clock)

    # --- rules -----------------------------------------------------------------------------------
    def rules(self) -> RiskRules:
        with reading(self.engine) as session:
            return risk_settings.load(session)

    def save_rules(self, actor: Actor, rules: RiskRules) -> Changes:
        actor.require(Action.ADMINISTER)
        with transaction(self.engine, self.clock) as session:
            risk_settings.store(session, actor, rules)
            return changes_so_far(session)

    # --- the scan --------------------------------------------------------------------------------
    def scan(self, as_of: date | None = None, *, full: bool | None = None, actor: Actor = SYSTEM) -> ScanResult:
        """Bring the signals in step with the rules on ``as_of`` (default today); incremental when it can be."""
        day = as_of or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            last = session.execute(select(RiskScanRow).order_by(RiskScanRow.id.desc()).limit(1)).scalar_one_or_none()
            head = session.get(AuditHeadRow, 1)
            seq = head.seq if head is not None else 0
            touched: set[int] | None = None
            if not full and last is not None and last.as_of == day:
                touched = self._touched_since(session, last.audit_seq)
            is_full = touched is None
            if is_full:
                ids = set(session.execute(select(PledgeRow.id).where(
                    PledgeRow.status == PledgeStatus.REGISTERED.value)).scalars())
                ids |= set(session.execute(select(RiskSignalRow.pledge_id).where(
                    RiskSignalRow.active_key.is_not(None))).scalars())
            else:
                ids = touched or set()
            rule_set = risk_settings.load(session).on(day)
            valuation = self._valuation.settings(session)
            raised: list[Raised] = []
            for state in pledge_states(session, sorted(ids), day, self.status, valuation):
                raised += evaluate(rule_set, state, day)
            opened, cleared = self._reconcile(session, ids, raised, day)
            session.add(RiskScanRow(as_of=day, audit_seq=seq, full=is_full, pledges=len(ids), raised=len(opened),
                                    cleared=len(cleared)))
            if opened or cleared:
                note(session, "signals", *opened, *cleared)
                audit.record(session, actor, "risk.scan", "risk", None,
                             f"风险预警扫描 {day.isoformat()}：新增 {len(opened)}，解除 {len(cleared)}", None,
                             {"as_of": day, "full": is_full, "pledges": len(ids), "raised": len(opened),
                              "cleared": len(cleared)})
            return ScanResult(day, is_full, len(ids), len(opened), len(cleared), changes_so_far(session))

    @staticmethod
    def _touched_since(session: Session, seq: int) -> set[int] | None:
        """The pledges whose records changed after audit entry ``seq``; None when a full scan is needed."""
        entries = session.execute(select(AuditRow.entity_type, AuditRow.entity_id).where(AuditRow.seq > seq)).all()
        by_type: dict[str, set[int]] = {}
        for entity, rid in entries:
            if entity == "settings":
                return None  # the rules, the LTV caps or the fee calendar may have moved
            if rid is not None:
                by_type.setdefault(entity, set()).add(int(rid))
        pledges = set(by_type.get("pledge", ()))
        rights = set(by_type.get("right", ()))
        if by_type.get("valuation"):
            rights |= set(session.execute(select(ValuationRightRow.right_id).where(
                ValuationRightRow.valuation_id.in_(by_type["valuation"]))).scalars())
        if by_type.get("policy"):
            rights |= set(session.execute(select(PolicyRightRow.right_id).where(
                PolicyRightRow.policy_id.in_(by_type["policy"]))).scalars())
        if rights:
            pledges |= set(session.execute(select(PledgeRightRow.pledge_id).where(
                PledgeRightRow.right_id.in_(rights))).scalars())
        if by_type.get("loan"):
            pledges |= {p for p in session.execute(select(LoanRow.pledge_id).where(
                LoanRow.id.in_(by_type["loan"]))).scalars() if p is not None}
        return pledges

    @staticmethod
    def _reconcile(session: Session, pledge_ids: Iterable[int], raised: list[Raised],
                   day: date) -> tuple[list[int], list[int]]:
        wanted = {f"{r.key[0]}:{r.key[1]}:{r.key[2]}": r for r in raised}
        ids = sorted(set(pledge_ids))
        current: dict[str, RiskSignalRow] = {}
        for i in range(0, len(ids), 500):
            for row in session.execute(select(RiskSignalRow).where(RiskSignalRow.pledge_id.in_(ids[i:i + 500]),
                                                                   RiskSignalRow.active_key.is_not(None))).scalars():
                current[row.active_key or ""] = row
        opened: list[RiskSignalRow] = []
        cleared: list[int] = []
        for key, row in current.items():
            found = wanted.get(key)
            if found is None:
                row.active_key, row.cleared_on = None, day
                cleared.append(row.id)
            else:
                row.severity, row.detail = found.severity.value, audit.canonical_json(found.detail)
        session.flush()  # the cleared keys are free before a cause that came back opens a new signal
        for key, r in wanted.items():
            if key not in current:
                row = RiskSignalRow(rule=r.rule.value, severity=r.severity.value, pledge_id=r.pledge_id,
                                    right_id=r.right_id, active_key=key, since=day,
                                    detail=audit.canonical_json(r.detail), acknowledged=False)
                session.add(row)
                opened.append(row)
        session.flush()
        return [r.id for r in opened], cleared

    # --- the warning list ------------------------------------------------------------------------
    def signals(self, *, open_only: bool = True, severity: Severity | None = None, pledge_id: int | None = None,
                rule: str | None = None, limit: int = 2000) -> builtins.list[Signal]:
        """Signals, most severe first, then the oldest first."""
        query = select(RiskSignalRow)
        if open_only:
            query = query.where(RiskSignalRow.active_key.is_not(None))
        if severity is not None:
            query = query.where(RiskSignalRow.severity == severity.value)
        if pledge_id is not None:
            query = query.where(RiskSignalRow.pledge_id == pledge_id)
        if rule:
            query = query.where(RiskSignalRow.rule == rule)
        with reading(self.engine) as session:
            rows = list(session.execute(query.order_by(RiskSignalRow.since, RiskSignalRow.id).limit(limit)).scalars())
            out = self._records(session, rows)
        return sorted(out, key=lambda s: (-SEVERITY_RANK[s.severity], s.since, s.id))

    def count_open(self, severity: Severity | None = None) -> int:
        """Open signals (of one severity): the workbench tile."""
        query = select(func.count()).select_from(RiskSignalRow).where(RiskSignalRow.active_key.is_not(None))
        if severity is not None:
            query = query.where(RiskSignalRow.severity == severity.value)
        with reading(self.engine) as session:
            return int(session.execute(query).scalar_one())

    def open_over_time(self, points: int = 12, step: str = "week") -> builtins.list[OpenAt]:
        """The signals open at the end of each of the last ``points`` days or weeks (today last, on the office
        clock), by severity: open on day D means raised on or before D and not cleared by D. Counted in SQL,
        one query over the days as a UNION ALL (SQLite cannot name a VALUES list's columns)."""
        if step not in STEPS or not 1 <= points <= MOST_POINTS:
            raise ValidationError(Problem("risk.bad_span", "points", {"value": f"{points} {step}",
                                                                     "most": MOST_POINTS}))
        today = self.clock.today()
        days = [today - timedelta(days=STEPS[step] * back) for back in range(points - 1, -1, -1)]
        at = union_all(*(select(literal(d, Date).label("on_day")) for d in days)).subquery("points")
        signal = RiskSignalRow
        query = (select(at.c.on_day, signal.severity, func.count(signal.id))
                 .select_from(at)
                 .join(signal, and_(signal.since <= at.c.on_day,
                                    or_(signal.cleared_on.is_(None), signal.cleared_on > at.c.on_day)))
                 .group_by(at.c.on_day, signal.severity))
        counts: dict[date, dict[str, int]] = {d: {} for d in days}
        with reading(self.engine) as session:
            for on_day, severity, n in session.execute(query):
                day = on_day if isinstance(on_day, date) else date.fromisoformat(str(on_day)[:10])
                counts[day][severity] = int(n)
        return [OpenAt(d, **{s.value: counts[d].get(s.value, 0) for s in Severity}) for d in days]

    def get(self, signal_id: int) -> Signal:
        with reading(self.engine) as session:
            row = session.get(RiskSignalRow, signal_id)
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "预警", "key": signal_id}))
            return self._records(session, [row])[0]

    @staticmethod
    def _records(session: Session, rows: list[RiskSignalRow]) -> builtins.list[Signal]:
        pledges = dict(session.execute(select(PledgeRow.id, PledgeRow.registration_no).where(
            PledgeRow.id.in_({r.pledge_id for r in rows} or {0}))).all())
        rights = dict(session.execute(select(RightRow.id, RightRow.display_number).where(
            RightRow.id.in_({r.right_id for r in rows if r.right_id} or {0}))).all())
        actions: dict[int, list[dict[str, Any]]] = {}
        for a in session.execute(select(RiskActionRow).where(RiskActionRow.signal_id.in_([r.id for r in rows] or [0]))
                                 .order_by(RiskActionRow.id)).scalars():
            actions.setdefault(a.signal_id, []).append({"action": a.action, "text": a.text, "on": a.on_date.isoformat(),
                                                        "actor": a.actor, "loans": a.loans.split(",") if a.loans
                                                        else []})
        return [Signal(r.id, r.rule, Severity(r.severity), r.pledge_id, pledges.get(r.pledge_id) or "", r.right_id,
                       rights.get(r.right_id) if r.right_id else None, r.since, r.cleared_on,
                       json.loads(r.detail) if r.detail else {}, r.acknowledged, tuple(actions.get(r.id, ())))
                for r in rows]

    # --- acting on a signal ----------------------------------------------------------------------
    def act(self, actor: Actor, signal_id: int, action: str, text: str = "", *,
            on: date | None = None) -> Changed[Signal]:
        """Acknowledge a signal with an action: ``note``, ``halt`` (every open loan of the pledge is halted
        through the loans service, in this transaction) or ``collect`` (a demand for repayment)."""
        actor.require(Action.ACT_ON_SIGNALS)
        if action not in ACTIONS:
            raise ValidationError(Problem("risk.bad_action", "action", {"value": action, "choices": "/".join(ACTIONS)}))
        if not text.strip() and action == "note":
            raise ValidationError(Problem("risk.text_required", "text"))
        day = on or self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row = session.get(RiskSignalRow, signal_id, with_for_update=True)
            if row is None:
                raise NotFound(Problem("not_found", params={"what": "预警", "key": signal_id}))
            pledge = session.get(PledgeRow, row.pledge_id)
            number = pledge.registration_no if pledge else str(row.pledge_id)
            if row.active_key is None and action != "note":
                raise RuleRefusal(Problem("risk.cleared", "signal", {"signal": row.id, "on": str(row.cleared_on)}))
            halted: list[str] = []
            if action in ("halt", "collect"):
                loans = list(session.execute(select(LoanRow).where(LoanRow.pledge_id == row.pledge_id,
                                                                   LoanRow.closed_on.is_(None))).scalars())
                if action == "halt":
                    open_loans = [loan for loan in loans if not loan.halted]
                    if not open_loans:
                        raise RuleRefusal(Problem("risk.no_open_loan", "action", {"pledge": number}))
                    for loan in open_loans:
                        self.loans.halt_in(session, actor, loan.id, f"风险预警 #{row.id} {row.rule}：{text}".strip(),
                                           on=day)
                        halted.append(loan.loan_no)
                else:
                    halted = [loan.loan_no for loan in loans]
            zh = ACTION_LABELS[action][0]
            session.add(RiskActionRow(signal_id=row.id, action=action, text=text.strip(), loans=",".join(halted),
                                      on_date=day, actor=actor.username))
            row.acknowledged = True
            session.add(PledgeEventRow(pledge_id=row.pledge_id, on_date=day, kind=f"risk_{action}",
                                       actor=actor.username, summary=f"风险预警 {row.rule}：{zh} {text}".strip(),
                                       payload=audit.canonical_json({"signal": row.id, "rule": row.rule,
                                                                     "loans": halted})))
            audit.record(session, actor, f"risk.{action}", ENTITY, row.id, f"预警 #{row.id}（{number}）{zh}", None,
                         {"rule": row.rule, "text": text.strip(), "on": day, "loans": halted})
            note(session, "pledges", row.pledge_id)
            note(session, "signals", row.id)
            session.flush()
            return Changed(self._records(session, [row])[0], changes_so_far(session))
