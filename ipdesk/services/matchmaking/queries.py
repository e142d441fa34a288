"""The matchmaking events as a page source for lazy tables: counted, searched (number, name, organiser,
region) and sorted in SQL, each row with its totals (firms, patents, banks, amount of the lines not
withdrawn) aggregated in SQL too."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, or_, select

from ipdesk.domain.matchmaking.lines import LineStatus
from ipdesk.services.paging import Column, Query
from ipdesk.services.uow import reading
from ipdesk.storage.matchmaking.tables import MatchEventRow, MatchLineRightRow, MatchLineRow

_ALIVE = MatchLineRow.status != LineStatus.WITHDRAWN.value
_LINES = (select(MatchLineRow.event_id.label("event_id"),
                 func.count(func.distinct(MatchLineRow.firm_party_id)).label("firms"),
                 func.count(func.distinct(MatchLineRow.bank_party_id)).label("banks"),
                 func.sum(MatchLineRow.amount).label("amount"))
          .where(_ALIVE).group_by(MatchLineRow.event_id).subquery())
_PATENTS = (select(MatchLineRightRow.event_id.label("event_id"),
                   func.count(func.distinct(MatchLineRightRow.right_id)).label("patents"))
            .join(MatchLineRow, MatchLineRow.id == MatchLineRightRow.line_id)
            .where(_ALIVE).group_by(MatchLineRightRow.event_id).subquery())


class EventListSource:
    columns = (
        Column("event_no", "编号", "No."),
        Column("name", "对接会", "Event"),
        Column("held_on", "日期", "Date"),
        Column("organiser", "主办单位", "Organiser"),
        Column("region", "地区", "Region"),
        Column("firms", "企业", "Firms", align_right=True),
        Column("patents", "专利", "Patents", align_right=True),
        Column("banks", "银行", "Banks", align_right=True),
        Column("amount", "授信总额（元）", "Credit lines (yuan)", align_right=True),
    )
    _sortable: dict[str, Any] = {
        "event_no": MatchEventRow.event_no, "name": MatchEventRow.name, "held_on": MatchEventRow.held_on,
        "organiser": MatchEventRow.organiser, "region": MatchEventRow.region,
        "firms": func.coalesce(_LINES.c.firms, 0), "patents": func.coalesce(_PATENTS.c.patents, 0),
        "banks": func.coalesce(_LINES.c.banks, 0), "amount": func.coalesce(_LINES.c.amount, 0)}

    def __init__(self, engine: Engine):
        self.engine = engine

    @staticmethod
    def _searched(stmt: Any, query: Query) -> Any:
        text = query.search.strip()
        if not text:
            return stmt
        like = f"%{text}%"
        return stmt.where(or_(MatchEventRow.event_no.like(like), MatchEventRow.name.like(like),
                              MatchEventRow.organiser.like(like), MatchEventRow.region.like(like)))

    def count(self, query: Query) -> int:
        with reading(self.engine) as session:
            stmt = self._searched(select(func.count()).select_from(MatchEventRow), query)
            return int(session.execute(stmt).scalar_one())

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        key = self._sortable.get(query.sort_key)
        order = ([MatchEventRow.held_on.desc(), MatchEventRow.id.desc()] if key is None
                 else [key.desc() if query.descending else key.asc(), MatchEventRow.id])
        stmt = (select(MatchEventRow, _LINES.c.firms, _LINES.c.banks, _LINES.c.amount, _PATENTS.c.patents)
                .outerjoin(_LINES, _LINES.c.event_id == MatchEventRow.id)
                .outerjoin(_PATENTS, _PATENTS.c.event_id == MatchEventRow.id))
        stmt = self._searched(stmt, query).order_by(*order).offset(offset).limit(limit)
        with reading(self.engine) as session:
            return [{"id": r.id, "event_no": r.event_no, "name": r.name, "held_on": r.held_on,
                     "organiser": r.organiser, "region": r.region, "firms": firms or 0, "patents": patents or 0,
                     "banks": banks or 0, "amount": Decimal(amount or 0).quantize(Decimal("0.01"))}
                    for r, firms, banks, amount, patents in session.execute(stmt).all()]
