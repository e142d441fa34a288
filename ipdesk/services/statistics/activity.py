"""The register's activity in SQL: registrations, changes and cancellations by month, time to decision against
the service level by year, the fee status and risk flags of the rights pledged today, and the risk context's open
signals on registered pledges by rule and severity.

Months count the pledge events by their legal date (``on_date``): a registration (登记), a change or an extension
(变更), a cancellation (注销) — the gazette's three kinds of entry, so the monthly figures and the gazette agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Engine, Integer, and_, case, cast, extract, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from ipdesk.domain.fees.tables import DEFAULT_RULES
from ipdesk.domain.pledges.lifecycle import IN_FORCE
from ipdesk.domain.registry.terms import add_months
from ipdesk.domain.risk.rules import SEVERITY_RANK, Severity
from ipdesk.domain.statistics.pledges import check_years
from ipdesk.services.uow import reading
from ipdesk.storage.risk.tables import RiskSignalRow
from ipdesk.storage.schema import PledgeEventRow, PledgeRightRow, PledgeRow, RightRow

#: Event kinds counted per month, by column of the result.
MONTH_EVENTS = {"registered": ("registered",), "changed": ("changed", "extended"), "cancelled": ("cancelled",)}


@dataclass(frozen=True)
class Table:
    """Rows of a figure (dicts, in the order of ``keys``) and the totals of its countable columns."""

    keys: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    totals: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """Decimals (averages, percentages) as decimal strings, like every amount in the JSON."""
        def plain(d: dict[str, Any]) -> dict[str, Any]:
            return {k: str(v) if isinstance(v, Decimal) else v for k, v in d.items()}
        return {"rows": [plain(r) for r in self.rows], "totals": plain(self.totals)}


def _years(column: Any, start: int | None, end: int | None) -> list[ColumnElement[bool]]:
    check_years(start, end)
    where = []
    if start is not None:
        where.append(column >= date(start, 1, 1))
    if end is not None:
        where.append(column < date(end + 1, 1, 1))
    return where


def monthly(engine: Engine, start: int | None = None, end: int | None = None) -> Table:
    """Registrations, changes (extensions included) and cancellations per month ``YYYY-MM`` with any.

    Grouped by day in SQL (the index on kind and date answers it without the rows, and a few thousand days
    come back), then the days summed into months here — cheaper than computing the year and month of every
    event in SQL and sorting by them."""
    counts = [func.sum(case((PledgeEventRow.kind.in_(kinds), 1), else_=0)).label(name)
              for name, kinds in MONTH_EVENTS.items()]
    kinds = [k for ks in MONTH_EVENTS.values() for k in ks]
    stmt = (select(PledgeEventRow.on_date.label("day"), *counts)
            .where(PledgeEventRow.kind.in_(kinds), *_years(PledgeEventRow.on_date, start, end))
            .group_by(PledgeEventRow.on_date))
    months: dict[str, dict[str, int]] = {}
    with reading(engine) as session:
        for r in session.execute(stmt).mappings():
            day: date = r["day"]
            month = months.setdefault(f"{day.year:04d}-{day.month:02d}", dict.fromkeys(MONTH_EVENTS, 0))
            for name in MONTH_EVENTS:
                month[name] += int(r[name] or 0)
    rows: tuple[dict[str, Any], ...] = tuple({"month": m, **months[m]} for m in sorted(months))
    totals = {name: sum(months[m][name] for m in months) for name in MONTH_EVENTS}
    return Table(("month", *MONTH_EVENTS), rows, totals)


def _days_between(engine: Engine, later: Any, earlier: Any) -> Any:
    """``later - earlier`` in days, in SQL (SQLite has no date arithmetic but julianday)."""
    if engine.dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return later - earlier  # PostgreSQL: date - date is an integer


def decisions(engine: Engine, start: int | None = None, end: int | None = None) -> Table:
    """Per year of decision: applications decided (registered or refused), the average days from application to
    decision, and how many were decided by their service-level deadline (办结期限)."""
    decided_on = func.coalesce(PledgeRow.registered_on, PledgeRow.refused_on)
    year = cast(extract("year", decided_on), Integer).label("year")
    days = _days_between(engine, decided_on, PledgeRow.application_date)
    on_time = func.sum(case((and_(PledgeRow.sla_deadline.is_not(None), decided_on <= PledgeRow.sla_deadline), 1),
                            else_=0))
    stmt = (select(year, func.count().label("decided"), func.sum(case((PledgeRow.registered_on.is_not(None), 1),
                                                                      else_=0)).label("registered"),
                   func.sum(cast(days, BigInteger)).label("days"), on_time.label("on_time"))
            .where(decided_on.is_not(None), *_years(decided_on, start, end))
            .group_by(year).order_by(year))
    rows: list[dict[str, Any]] = []
    day_sums: list[int] = []
    with reading(engine) as session:
        for r in session.execute(stmt).mappings():
            n, registered, on = int(r["decided"]), int(r["registered"] or 0), int(r["on_time"] or 0)
            day_sums.append(int(r["days"] or 0))
            rows.append({"year": int(r["year"]), "decided": n, "registered": registered, "refused": n - registered,
                         "average_days": _one_place(day_sums[-1], n), "on_time": on,
                         "on_time_percent": _one_place(100 * on, n)})
    n, on = sum(r["decided"] for r in rows), sum(r["on_time"] for r in rows)
    totals = {"decided": n, "registered": sum(r["registered"] for r in rows),
              "refused": sum(r["refused"] for r in rows), "average_days": _one_place(sum(day_sums), n),
              "on_time": on, "on_time_percent": _one_place(100 * on, n)}
    return Table(("year", "decided", "registered", "refused", "average_days", "on_time", "on_time_percent"),
                 tuple(rows), totals)


def pledged_rights(engine: Engine, today: date) -> Table:
    """The rights pledged today (in a registered pledge) by kind: how many, their annual-fee status — paid up,
    in the late period (滞纳期, the next fee's due day past by less than six months), past it (lapsed unless
    restored), or not tracked (marks, copyrights, patents whose fees the register does not follow) — and the
    register's risk flags (invalidation requested, ownership dispute, court preservation)."""
    due = RightRow.fees_next_due
    late_from = add_months(today, -DEFAULT_RULES.late_months)  # the late-payment period (滞纳期): 6 months

    def count(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    stmt = (select(RightRow.kind.label("kind"), func.count().label("rights"),
                   count(and_(due.is_not(None), due >= today)).label("fees_paid"),
                   count(and_(due.is_not(None), due < today, due >= late_from)).label("fees_late"),
                   count(and_(due.is_not(None), due < late_from)).label("fees_lapsed"),
                   count(due.is_(None)).label("fees_untracked"),
                   count(RightRow.invalidation_requested).label("invalidation"),
                   count(RightRow.ownership_dispute).label("dispute"),
                   count(RightRow.court_preservation).label("preservation"),
                   count(or_(RightRow.invalidation_requested, RightRow.ownership_dispute,
                             RightRow.court_preservation)).label("flagged"))
            # IN, not a join: SQLite then reads the ~190 k pledged rights by id, where by the join it walked all
            # 1 M rights in kind order and probed each (twice the CPU); active_right_id is unique, so the same rows
            .where(RightRow.id.in_(select(PledgeRightRow.active_right_id)
                                   .where(PledgeRightRow.active_right_id.is_not(None))))
            .group_by(RightRow.kind).order_by(RightRow.kind))
    keys = ("kind", "rights", "fees_paid", "fees_late", "fees_lapsed", "fees_untracked", "invalidation", "dispute",
            "preservation", "flagged")
    with reading(engine) as session:
        rows = tuple({k: (r[k] if k == "kind" else int(r[k] or 0)) for k in keys}
                     for r in session.execute(stmt).mappings())
    return Table(keys, rows, {k: sum(r[k] for r in rows) for k in keys[1:]})


def risk_signals(engine: Engine) -> Table:
    """The risk context's open signals (not cleared) on registered pledges, by rule and severity: how many signals,
    on how many pledges and how many distinct rights (a pledge-level signal names no right). Most severe first."""
    stmt = (select(RiskSignalRow.rule.label("rule"), RiskSignalRow.severity.label("severity"),
                   func.count().label("signals"), func.count(RiskSignalRow.pledge_id.distinct()).label("pledges"),
                   func.count(RiskSignalRow.right_id.distinct()).label("rights"))
            .join(PledgeRow, PledgeRow.id == RiskSignalRow.pledge_id)
            .where(RiskSignalRow.cleared_on.is_(None), PledgeRow.status.in_([s.value for s in IN_FORCE]))
            .group_by(RiskSignalRow.rule, RiskSignalRow.severity))
    keys = ("rule", "severity", "signals", "pledges", "rights")
    with reading(engine) as session:
        found = [{k: (r[k] if k in ("rule", "severity") else int(r[k] or 0)) for k in keys}
                 for r in session.execute(stmt).mappings()]
    rank = {s.value: n for s, n in SEVERITY_RANK.items()}
    rows = tuple(sorted(found, key=lambda r: (-rank.get(str(r["severity"]), -1), str(r["rule"]))))
    # Totals: every open signal once; pledges and rights are per row (one pledge can carry several rules).
    totals = {"signals": sum(r["signals"] for r in rows),
              "critical": sum(r["signals"] for r in rows if r["severity"] == Severity.CRITICAL.value)}
    return Table(keys, rows, totals)


def _one_place(numerator: int, n: int) -> Decimal:
    """``numerator / n`` with one decimal, half up (0.0 when there is nothing to divide)."""
    if not n:
        return Decimal("0.0")
    return (Decimal(numerator) / n).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
