"""Disposal outcomes in SQL: per year of closing, the cases closed, the average days from opening to close, and of
the settled ones the proceeds against the secured claim (the pledge's 担保债权数额) — the recovery rate."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Engine, Integer, case, cast, extract, func, select

from ipdesk.services.statistics.activity import Table, _days_between, _one_place, _years
from ipdesk.services.uow import reading
from ipdesk.storage.disposal.tables import DisposalCaseRow, DisposalSettlementRow
from ipdesk.storage.schema import PledgeRow

KEYS = ("year", "closed", "average_days", "settled", "proceeds", "secured", "recovery_percent")
_CENT = Decimal("0.01")


def outcomes(engine: Engine, start: int | None = None, end: int | None = None) -> Table:
    """Closed disposal cases by year of closing: how many, their average days to close (opened → closed), and
    of those with a settlement the proceeds, the secured claim and proceeds ÷ claim in percent (one decimal)."""
    closed = DisposalCaseRow.closed_on
    year = cast(extract("year", closed), Integer).label("year")
    settled = DisposalSettlementRow.id.is_not(None)
    stmt = (select(year, func.count().label("closed"),
                   func.sum(cast(_days_between(engine, closed, DisposalCaseRow.opened_on), BigInteger)).label("days"),
                   func.sum(case((settled, 1), else_=0)).label("settled"),
                   func.sum(DisposalSettlementRow.proceeds).label("proceeds"),
                   func.sum(case((settled, PledgeRow.secured_amount), else_=None)).label("secured"))
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


def _money(value: Any) -> Decimal:
    return (Decimal(value) if value is not None else Decimal(0)).quantize(_CENT)
