"""What the rule engine looks at, read in bulk for a batch of registered pledges: the rights with their
status on the fee engine, flags and open cases, their valuations and the LTV line, insurance cover, and the
open loans' maturity and days overdue (:class:`ipdesk.domain.risk.engine.PledgeState`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.domain.custody.monitoring import MonitoringKind, MonitoringStatus
from ipdesk.domain.pledges.lifecycle import PledgeStatus
from ipdesk.domain.registry.rights import LegalStatus, RightKind
from ipdesk.domain.risk.engine import Cover, PledgeState, RightState
from ipdesk.domain.valuation.ltv import PledgedRight, assess
from ipdesk.domain.valuation.settings import ValuationSettings
from ipdesk.services.loans import settings as loan_settings
from ipdesk.services.loans.records import record_of as loan_record
from ipdesk.services.registry.status import StatusFacts, StatusSource
from ipdesk.services.valuation.service import valuations_of
from ipdesk.storage.custody.monitoring_tables import MonitoringEntryRow
from ipdesk.storage.insurance.tables import PolicyRightRow, PolicyRow
from ipdesk.storage.loans.tables import LoanRow
from ipdesk.storage.schema import PledgeRightRow, PledgeRow, RightRow

_CASES = (MonitoringKind.INFRINGEMENT.value, MonitoringKind.LITIGATION.value, MonitoringKind.ADMINISTRATIVE.value)
CHUNK = 500


def _cover(spans: list[tuple[date, date, str]], day: date) -> tuple[date | None, str | None]:
    """Until when cover runs from ``day`` (chaining policies that start by the day after), else the latest
    expired policy."""
    until: date | None = None
    for start, end, _ in sorted(spans):
        if until is None:
            if start <= day <= end:
                until = end
        elif start <= until + timedelta(days=1):
            until = max(until, end)
    if until is not None:
        return until, None
    expired = [(end, no) for start, end, no in spans if end < day]
    return None, max(expired)[1] if expired else None


def pledge_states(session: Session, pledge_ids: Sequence[int], as_of: date, status: StatusSource,
                  valuation: ValuationSettings) -> list[PledgeState]:
    """The state of each registered pledge among ``pledge_ids`` (others are left out) on ``as_of``."""
    out: list[PledgeState] = []
    ids = sorted(set(pledge_ids))
    thresholds = loan_settings.load(session).thresholds
    for i in range(0, len(ids), CHUNK):
        out += _chunk(session, ids[i:i + CHUNK], as_of, status, valuation, thresholds)
    return out


def _chunk(session: Session, ids: list[int], as_of: date, status: StatusSource, valuation: ValuationSettings,
           thresholds: Any) -> list[PledgeState]:
    pledges = session.execute(select(PledgeRow.id, PledgeRow.registration_no, PledgeRow.performance_deadline,
                                     PledgeRow.secured_amount)
                              .where(PledgeRow.id.in_(ids), PledgeRow.status == PledgeStatus.REGISTERED.value)).all()
    if not pledges:
        return []
    links = session.execute(select(PledgeRightRow.pledge_id, RightRow).join(
        RightRow, RightRow.id == PledgeRightRow.right_id).where(PledgeRightRow.pledge_id.in_(ids))
        .order_by(PledgeRightRow.pledge_id, PledgeRightRow.position)).all()
    rights = {r.id: r for _, r in links}
    right_ids = list(rights)
    statuses = dict(zip(right_ids, status.statuses(
        [StatusFacts(RightKind(r.kind), LegalStatus(r.legal_status), r.filing_date, r.grant_date,
                     r.fees_paid_through) for r in rights.values()], as_of), strict=True))
    cases = dict(session.execute(select(MonitoringEntryRow.right_id, func.count()).where(
        MonitoringEntryRow.right_id.in_(right_ids), MonitoringEntryRow.status == MonitoringStatus.OPEN.value,
        MonitoringEntryRow.kind.in_(_CASES)).group_by(MonitoringEntryRow.right_id)).all()) if right_ids else {}
    valuations = valuations_of(session, right_ids) if right_ids else []
    spans: dict[int, list[tuple[date, date, str]]] = {}
    if right_ids:
        for rid, start, end, no in session.execute(select(
                PolicyRightRow.right_id, PolicyRow.starts_on, PolicyRow.ends_on, PolicyRow.policy_no)
                .join(PolicyRow, PolicyRow.id == PolicyRightRow.policy_id)
                .where(PolicyRightRow.right_id.in_(right_ids))):
            spans.setdefault(rid, []).append((start, end, no))
    loans: dict[int, list[Any]] = {}
    for row in session.execute(select(LoanRow).where(LoanRow.pledge_id.in_(ids),
                                                     LoanRow.closed_on.is_(None))).scalars():
        loans.setdefault(row.pledge_id or 0, []).append(loan_record(session, row, as_of, thresholds))
    by_pledge: dict[int, list[int]] = {}
    for pid, r in links:
        by_pledge.setdefault(pid, []).append(r.id)
    out = []
    for pid, number, deadline, secured in pledges:
        states = []
        for rid in by_pledge.get(pid, []):
            r = rights[rid]
            covering = sorted((v for v in valuations if rid in v.right_ids), key=lambda v: (v.value_date, v.id))
            latest = covering[-1] if covering else None
            previous = covering[-2] if len(covering) > 1 else None
            states.append(RightState(
                rid, r.display_number, RightKind(r.kind).is_patent, statuses[rid][0].value, r.fees_next_due,
                r.expiry_date, r.invalidation_requested, r.ownership_dispute, r.court_preservation, cases.get(rid, 0),
                latest.valid_until if latest else None, latest.value if latest else None,
                previous.value if previous else None))
        pledged = [PledgedRight(rid, rights[rid].display_number, rights[rid].kind, rights[rid].expiry_date)
                   for rid in by_pledge.get(pid, [])]
        mine = set(by_pledge.get(pid, []))
        ltv = assess(secured, deadline, pledged, [v for v in valuations if mine & set(v.right_ids)], as_of,
                     valuation.ltv_caps, valuation.term_buffer_months) if pledged else None
        cover = None
        covered = [rid for rid in by_pledge.get(pid, []) if rid in spans]
        if covered:
            ends = [_cover(spans[rid], as_of) for rid in covered]
            running = [u for u, _ in ends]
            cover = Cover(None if None in running else min(u for u in running if u is not None),
                          next((no for u, no in ends if u is None and no), None))
        open_loans = loans.get(pid, [])
        worst = max(open_loans, key=lambda x: x.state.overdue_days, default=None)
        out.append(PledgeState(
            pid, number or "", deadline, tuple(states), ltv.ratio if ltv else None, ltv.cap if ltv else None, cover,
            max((x.terms.maturity for x in open_loans), default=None), worst.state.overdue_days if worst else 0,
            worst.loan_no if worst and worst.state.overdue_days else None))
    return out
