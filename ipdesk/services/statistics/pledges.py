"""Pledge financing statistics in SQL: count and secured amount by year, family, pledgee bank and region.

What is counted: every pledge that was registered — status ``registered``, or ``cancelled`` after it had been
registered — in the year of its registration (登记生效日, ``registered_on``). A cancelled pledge therefore stays
in the year it was registered, as the national reports count financing granted. Applications that are pending,
refused, withdrawn or drafts are never counted. A pledge is one row of ``pledges`` with one ``family`` (a pledge
of rights of several families is ``mixed``) and one first-named pledgor, so no pledge is counted twice in a
total. Amounts are summed in integer cents on both engines (exact on SQLite too, whose NUMERIC is a REAL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Engine, Select, cast, extract, func, select
from sqlalchemy.sql.elements import ColumnElement, Label

from ipdesk.domain.pledges.lifecycle import EVER_REGISTERED
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.statistics.pledges import Dimension, Unit, check_years
from ipdesk.services.statistics import activity, disposal
from ipdesk.services.uow import reading
from ipdesk.storage.schema import PartyRow, PledgeRow

#: The statuses of a pledge that was registered (with ``registered_on`` set).
COUNTED = tuple(sorted(s.value for s in EVER_REGISTERED))


def _grouped(by: tuple[Dimension, ...], where: list[ColumnElement[bool]]) -> Select[Any]:
    """The counted pledges grouped by ``by``, in two steps: first by what the pledges' covering index holds (year,
    family, pledgee id, the kind of their rights and the first-named pledgor's region, stored on the pledge by
    :mod:`ipdesk.services.pledge_grouping`), then — by bank — the few hundred groups joined to the parties for
    the pledgee's name and grouped again. No pledge is joined to its rights or its pledgors."""
    c = PledgeRow.__table__.c
    first: list[Label[Any]] = []
    for dim in by:
        if dim is Dimension.YEAR:
            first.append(cast(extract("year", c.registered_on), BigInteger).label("year"))
        elif dim is Dimension.FAMILY:
            first.append(c.family.label("family"))
        elif dim is Dimension.BANK:
            # "+ 0": grouped from the covering index; by the bare column SQLite walks the pledgee's index in
            # order instead and reads every pledge's row (4 times slower at 200 k pledges)
            first.append((c.pledgee_id + 0).label("bank_id"))
        elif dim is Dimension.REGION:
            first.append(c.pledgor_region.label("region"))
        else:
            first.append(c.rights_kind.label("kind"))
    cents = func.sum(cast(func.round(c.secured_amount * 100), BigInteger))
    step = select(*first, func.count().label("count"), cents.label("cents")).select_from(PledgeRow.__table__)
    if Dimension.BANK not in by:
        return step.where(*where).group_by(*first).order_by(*first)
    ids = step.where(*where).group_by(*first).subquery("by_ids")
    keys: list[Label[Any]] = []
    names: list[Label[Any]] = []
    for dim in by:
        if dim is Dimension.BANK:
            # Grouped by the party (two banks of one name stay apart), named by its current name.
            keys.append(ids.c.bank_id.label("bank_id"))
            names.append(func.max(PartyRow.name).label("bank"))
        else:
            keys.append(ids.c[dim.value].label(dim.value))
    stmt = select(*keys, *names, func.sum(ids.c.count).label("count"), func.sum(ids.c.cents).label("cents"))
    stmt = stmt.select_from(ids).join(PartyRow, PartyRow.id == ids.c.bank_id)
    return stmt.group_by(*keys).order_by(*keys)


@dataclass(frozen=True)
class PledgeStats:
    """Rows (one per combination of the dimensions, in their order) and the totals over every counted pledge."""

    dimensions: tuple[Dimension, ...]
    unit: Unit
    rows: tuple[dict[str, Any], ...]  # dimension values, "count" (int), "amount" (Decimal in the unit)
    count: int
    amount: Decimal  # the exact total in the unit (not the sum of the rounded rows)

    def to_json(self) -> dict[str, Any]:
        return {"rows": [{**r, "amount": f"{r['amount']:.2f}"} for r in self.rows],
                "totals": {"count": self.count, "amount": f"{self.amount:.2f}"}}


class PledgeStatistics:
    """Read-only: any signed-in user may see the statistics (they name banks and regions, not pledgors)."""

    def __init__(self, engine: Engine, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    def monthly(self, start: int | None = None, end: int | None = None) -> activity.Table:
        """Registrations, changes and cancellations by month (:func:`.activity.monthly`)."""
        return activity.monthly(self.engine, start, end)

    def decisions(self, start: int | None = None, end: int | None = None) -> activity.Table:
        """Time to decision against the service level by year (:func:`.activity.decisions`)."""
        return activity.decisions(self.engine, start, end)

    def pledged_rights(self) -> activity.Table:
        """Fee status and risk flags of the rights pledged today (:func:`.activity.pledged_rights`)."""
        return activity.pledged_rights(self.engine, self.clock.today())

    def disposal(self, start: int | None = None, end: int | None = None) -> activity.Table:
        """Disposal outcomes by year of closing: time to close, recovery rate (:func:`.disposal.outcomes`)."""
        return disposal.outcomes(self.engine, start, end)

    def risk_signals(self) -> activity.Table:
        """The risk context's open signals on registered pledges by rule and severity
        (:func:`.activity.risk_signals`)."""
        return activity.risk_signals(self.engine)

    def pledges(self, by: tuple[Dimension, ...] = (), *, start: int | None = None, end: int | None = None,
                unit: Unit = Unit.YUAN) -> PledgeStats:
        """Count and secured amount of the registered pledges of years ``start``..``end`` (inclusive, either
        open), grouped by ``by``.

        Raises:
            ValidationError: ``stats.bad_years`` when ``start`` is after ``end``.
        """
        check_years(start, end)
        cents = func.coalesce(func.sum(cast(func.round(PledgeRow.secured_amount * 100), BigInteger)), 0)
        where: list[ColumnElement[bool]] = [PledgeRow.status.in_(COUNTED), PledgeRow.registered_on.is_not(None)]
        if start is not None:
            where.append(PledgeRow.registered_on >= date(start, 1, 1))
        if end is not None:
            where.append(PledgeRow.registered_on < date(end + 1, 1, 1))
        with reading(self.engine) as session:
            total = session.execute(select(func.count(), cents).select_from(PledgeRow).where(*where)).one()
            rows: list[dict[str, Any]] = []
            if by:
                for r in session.execute(_grouped(by, where)).mappings():
                    row = {dim.value: r[dim.value] for dim in by}
                    if "year" in row:
                        row["year"] = int(row["year"])
                    row["count"] = int(r["count"])
                    row["amount"] = unit.of(Decimal(int(r["cents"])) / 100)
                    rows.append(row)
        return PledgeStats(by, unit, tuple(rows), int(total[0]), unit.of(Decimal(int(total[1])) / 100))
