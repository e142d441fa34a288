"""The lot register as a page source for lazy tables: counted, filtered (status, search on number, title and
case) and sorted in SQL, within the actor's agency scope."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, or_, select

from ipdesk.domain.shared.permissions import Actor
from ipdesk.services.paging import Column, Query
from ipdesk.services.uow import reading
from ipdesk.services.users.scoping import scoped
from ipdesk.storage.marketplace.tables import LotRow
from ipdesk.storage.schema import PartyRow


class LotListSource:
    columns = (
        Column("lot_no", "标的编号", "Lot"),
        Column("title", "名称", "Title"),
        Column("kind", "类型", "Type"),
        Column("status", "状态", "Status"),
        Column("assessed_value", "评估价（元）", "Assessed (yuan)", align_right=True),
        Column("reserve", "保留价（元）", "Reserve (yuan)", align_right=True),
        Column("seller", "卖方", "Seller", sortable=False),
        Column("case_ref", "处置案件", "Disposal case"),
        Column("listed_on", "挂牌日", "Listed on"),
    )
    _sortable = {"lot_no": LotRow.lot_no, "title": LotRow.title, "kind": LotRow.kind, "status": LotRow.status,
                 "assessed_value": LotRow.assessed_value, "reserve": LotRow.reserve, "case_ref": LotRow.case_ref,
                 "listed_on": LotRow.listed_on}

    def __init__(self, engine: Engine, actor: Actor):
        self.engine = engine
        self.actor = actor

    def _filtered(self, query: Query, cols: list[Any]) -> Any:
        stmt = scoped(select(*cols), LotRow.owner_party_id, self.actor)
        if query.filters.get("status"):
            stmt = stmt.where(LotRow.status == query.filters["status"])
        text = query.search.strip()
        if text:
            like = f"%{text}%"
            stmt = stmt.where(or_(LotRow.lot_no.like(like), LotRow.title.like(like), LotRow.case_ref.like(like)))
        return stmt

    def count(self, query: Query) -> int:
        with reading(self.engine) as session:
            sub = self._filtered(query, [LotRow.id]).subquery()
            return int(session.execute(select(func.count()).select_from(sub)).scalar_one())

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        key = self._sortable.get(query.sort_key)
        order = [LotRow.id.desc()] if key is None else [key.desc() if query.descending else key.asc(), LotRow.id]
        stmt = (self._filtered(query, [LotRow, PartyRow.name])
                .outerjoin(PartyRow, PartyRow.id == LotRow.seller_party_id)
                .order_by(*order).offset(offset).limit(limit))
        with reading(self.engine) as session:
            return [{"id": r.id, "lot_no": r.lot_no, "title": r.title, "kind": r.kind, "status": r.status,
                     "assessed_value": r.assessed_value, "reserve": r.reserve, "seller": seller or "",
                     "case_ref": r.case_ref or "", "listed_on": r.listed_on}
                    for r, seller in session.execute(stmt).all()]
