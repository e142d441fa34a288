"""Read side of the pledge register: the lazy list (filter, sort, search in SQL) and the workbench."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Engine, func, or_, select

from ipdesk.domain.office.workdays import days_left
from ipdesk.domain.pledges.application import PledgeStatus
from ipdesk.domain.shared.clock import Clock, FixedClock, OfficeClock
from ipdesk.services.office.settings import OfficeService
from ipdesk.services.paging import Column, Query
from ipdesk.services.uow import reading
from ipdesk.storage.schema import PledgeRightRow, PledgeRow, RightRow

PENDING = [s.value for s in PledgeStatus if s.is_pending]


class PledgeListSource:
    """PageSource of pledges. Filters: status, family, pledgee (party id), due_within (working days
    left, pending applications only)."""

    columns = (
        Column("application_no", "申请号", "Application no."),
        Column("registration_no", "登记号", "Registration no."),
        Column("status", "状态", "Status"),
        Column("family", "类别", "Kind"),
        Column("pledgor_names", "出质人", "Pledgor"),
        Column("pledgee_name", "质权人", "Pledgee"),
        Column("secured_amount", "担保债权数额（元）", "Secured amount (yuan)", align_right=True),
        Column("application_date", "申请日", "Applied"),
        Column("sla_deadline", "办结期限", "Due"),
        Column("days_left", "剩余工作日", "Working days left", sortable=False, align_right=True),
    )
    _sortable = {
        "application_no": PledgeRow.application_no, "registration_no": PledgeRow.registration_no,
        "status": PledgeRow.status, "family": PledgeRow.family, "pledgor_names": PledgeRow.pledgor_names,
        "pledgee_name": PledgeRow.pledgee_name, "secured_amount": PledgeRow.secured_amount,
        "application_date": PledgeRow.application_date, "sla_deadline": PledgeRow.sla_deadline,
    }

    def __init__(self, engine: Engine, *, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.office = OfficeService(engine, self.clock)

    def _filtered(self, query: Query, cols):
        stmt = select(*cols)
        text = query.search.strip()
        if text:
            # % and _ typed by the reader are characters, not wildcards (autoescape).
            clauses = [PledgeRow.pledgor_names.contains(text, autoescape=True),
                       PledgeRow.pledgee_name.contains(text, autoescape=True),
                       PledgeRow.application_no == text, PledgeRow.registration_no == text]
            try:
                from ipdesk.domain.registry.identifiers import parse_right_number

                number = parse_right_number(text).number
                clauses.append(PledgeRow.id.in_(
                    select(PledgeRightRow.pledge_id).join(RightRow, RightRow.id == PledgeRightRow.right_id)
                    .where(RightRow.number == number)))
            except Exception:
                pass
            stmt = stmt.where(or_(*clauses))
        f = query.filters
        if f.get("status"):
            stmt = stmt.where(PledgeRow.status == f["status"])
        if f.get("family"):
            stmt = stmt.where(PledgeRow.family == f["family"])
        if f.get("pledgee"):
            stmt = stmt.where(PledgeRow.pledgee_id == int(f["pledgee"]))
        if f.get("pending"):
            stmt = stmt.where(PledgeRow.status.in_(PENDING))
        if f.get("overdue"):
            stmt = stmt.where(PledgeRow.status.in_(PENDING), PledgeRow.sla_deadline < self.clock.today())
        if f.get("due_within"):
            limit = self.office.calendar().add_workdays(self.clock.today(), int(f["due_within"]))
            stmt = stmt.where(PledgeRow.status.in_(PENDING), PledgeRow.sla_deadline <= limit)
        return stmt

    def count(self, query: Query) -> int:
        with reading(self.engine) as session:
            sub = self._filtered(query, [PledgeRow.id]).subquery()
            return int(session.execute(select(func.count()).select_from(sub)).scalar_one())

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        key = self._sortable.get(query.sort_key, PledgeRow.id)
        order = [key.desc() if query.descending else key.asc(), PledgeRow.id.desc()]
        if not query.sort_key:
            order = [PledgeRow.id.desc()]
        calendar = self.office.calendar()
        now = self.clock.today()
        with reading(self.engine) as session:
            rows = (
                session.execute(self._filtered(query, [PledgeRow]).order_by(*order).offset(offset).limit(limit))
                .scalars()
                .all()
            )
            out = []
            for r in rows:
                status = PledgeStatus(r.status)
                pending = status.is_pending and r.sla_deadline is not None
                out.append(
                    {
                        "id": r.id,
                        "application_no": r.application_no,
                        "registration_no": r.registration_no or "",
                        # Stored values: the front end labels them (PLEDGE_STATUS_LABELS; the GUI's FAMILY_LABELS).
                        "status": r.status,
                        "status_value": r.status,
                        "family": r.family,
                        "family_value": r.family,
                        "pledgor_names": r.pledgor_names,
                        "pledgee_name": r.pledgee_name,
                        "secured_amount": r.secured_amount,
                        "application_date": r.application_date,
                        "sla_deadline": r.sla_deadline if pending else None,
                        "days_left": days_left(r.sla_deadline, now, calendar) if pending else None,
                    }
                )
            return out


def workbench(engine: Engine, on: date | None = None, *, clock: Clock | None = None) -> dict[str, Any]:
    """What needs the clerk today (or on ``on``): pending applications by working days left, corrections
    awaited; "today" is the office clock's."""
    clock = clock if clock is not None else OfficeClock()
    if on is not None:  # the board as it stands at noon of that office day
        clock = FixedClock(datetime.combine(on, time(12), clock.zone), clock.zone)
    src = PledgeListSource(engine, clock=clock)
    pending = src.page(Query(filters={"pending": "1"}, sort_key="sla_deadline"), 0, 500)
    with reading(engine) as session:
        by_status = dict(session.execute(select(PledgeRow.status, func.count()).group_by(PledgeRow.status)).all())
    return {
        "pending": pending,
        "overdue": [p for p in pending if p["days_left"] is not None and p["days_left"] < 0],
        "due_today": [p for p in pending if p["days_left"] == 0],
        "awaiting_correction": [p for p in pending if p["status_value"] == PledgeStatus.CORRECTION.value],
        "counts": by_status,
    }
