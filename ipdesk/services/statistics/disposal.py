"""Disposal outcomes in SQL: per year of closing, the cases closed, the average days from opening to close, and of
the settled ones the proceeds against the claim — the recovery rate.

The claim of a settled case is the one its settlement met: principal, interest, penalty interest and costs owed on
the settlement day (清偿分配时的债权), which the settlement row holds as proceeds − surplus to the pledgor + shortfall
(what the waterfall paid plus what it left unpaid). Only a settlement that records no claim at all (all three
zero) falls back to the pledge's registered secured amount (担保债权数额)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Engine, Integer, case, cast, extract, func, select
from sqlalchemy.sql.elements import ColumnElement

from ipdesk.services.statistics.activity import Table, _days_between, _one_place, _years
from ipdesk.services.uow import reading
from ipdesk.storage.disposal.tables import DisposalCaseRow, DisposalSettlementRow
from ipdesk.storage.schema import PledgeRow

KEYS = ("year", "closed", "average_days", "settled", "proceeds", "secured", "recovery_percent")
_CENT = Decimal("0.01")


def outcomes(engine: Engine, start: int | None = None, end: int | None = None) -> Table:
    """Closed disposal cases by year of closing: how many, their average days to close (opened → closed), and
    of those with a settlement the proceeds, the claim it met (see the module) and proceeds ÷ claim in percent (one
    decimal); ``secured`` is that claim, named as the JSON of ``ipdesk stats disposal`` has it."""
    closed = DisposalCaseRow.closed_on
    year = cast(extract("year", closed), Integer).label("year")
    settled = DisposalSettlementRow.id.is_not(None)
    s = DisposalSettlementRow
    stored = s.proceeds - s.surplus_to_pledgor + s.shortfall
    claim = case((stored > 0, stored), else_=PledgeRow.secured_amount)
    stmt = (select(year, func.count().label("closed"),
                   func.sum(cast(_days_between(engine, closed, DisposalCaseRow.opened_on), BigInteger)).label("days"),
                   func.sum(case((settled, 1), else_=0)).label("settled"),
                   _cents(s.proceeds).label("proceeds"),
                   _cents(case((settled, claim), else_=None)).label("secured"))
            .join(PledgeRow, PledgeRow.id == DisposalCaseRow.pledge_id)
            .outerjoin(DisposalSettlementRow, DisposalSettlementRow.case_id == DisposalCaseRow.id)
            .where(closed.is_not(None), *_years(closed, start, end))
            .group_by(year).order_by(year))
    rows: list[dict[str, Any]] = []
    days: list[int] = []
    with reading(engine) as session:
        for r in session.execute(stmt).mappings():
            days.append(int(r["days"] or 0))
            rows.append(_row(int(r["year"]), int(r["closed"]), days[-1], int(r["settled"] or 0),
                             _money(r["proceeds"]), _money(r["secured"])))
    zero = Decimal("0.00")
    totals = _row(None, sum(r["closed"] for r in rows), sum(days), sum(r["settled"] for r in rows),
                  sum((r["proceeds"] for r in rows), zero), sum((r["secured"] for r in rows), zero))
    del totals["year"]
    return Table(KEYS, tuple(rows), totals)


def _row(year: int | None, closed: int, days: int, settled: int, proceeds: Decimal, secured: Decimal) -> dict[str, Any]:
    rate = (100 * proceeds / secured).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if secured else Decimal("0.0")
    return {"year": year, "closed": closed, "average_days": _one_place(days, closed), "settled": settled,
            "proceeds": proceeds, "secured": secured, "recovery_percent": rate}


def _cents(amount: Any) -> ColumnElement[Any]:
    """The sum in integer cents (exact on SQLite too, whose NUMERIC is a REAL)."""
    return func.sum(cast(func.round(amount * 100), BigInteger))


def _money(cents: Any) -> Decimal:
    return (Decimal(int(cents)) / 100 if cents is not None else Decimal(0)).quantize(_CENT)
