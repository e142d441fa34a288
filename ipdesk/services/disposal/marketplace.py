"""A disposal case on the marketplace: its listing stage lists the pledged rights as one lot carrying the
case's number (or takes a lot already listed for the case), its deal stage takes the lot's standing deal —
price, buyer, day — from the marketplace. Inside the case's own transaction; the marketplace knows the case
only by its number (disposal sits above it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.disposal.stages import ROUTES, Route, Stage
from ipdesk.domain.shared.fields import clean, parse_int
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Actor
from ipdesk.domain.shared.problems import Problem
from ipdesk.services.disposal.facts import pledged_right_ids
from ipdesk.services.marketplace.lots import deal_of_lot_in
from ipdesk.services.marketplace.service import MarketService
from ipdesk.storage.disposal.tables import DisposalCaseRow
from ipdesk.storage.marketplace.tables import LotRow
from ipdesk.storage.schema import RightRow

register({
    "disposal.lot_not_of_case": ("标的 {lot} 不是处置案件 {case} 的标的", "lot {lot} is not disposal case {case}'s"),
    "disposal.no_deal_yet": ("标的 {lot} 尚未成交（流转市场）", "lot {lot} has no deal yet (marketplace)"),
})


def through_market(session: Session, market: MarketService, actor: Actor, row: DisposalCaseRow, stage: Stage,
                   facts: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    """The stage's facts completed from the marketplace (a route off the marketplace: as given)."""
    if row.route is None or not ROUTES[Route(row.route)].on_marketplace:
        return facts
    if stage is Stage.LISTING:
        return _listing(session, market, actor, row, facts, problems)
    if row.lot_id is None:
        return facts  # listed before the marketplace: the deal as recorded in the case
    deal = deal_of_lot_in(session, row.lot_id)
    lot = session.get(LotRow, row.lot_id)
    if deal is None:
        problems.append(Problem("disposal.no_deal_yet", "lot", {"lot": lot.lot_no if lot else row.lot_id}))
        return facts
    return {**facts, "buyer": f"#{deal.buyer_id}", "price": str(deal.price), "deal_no": deal.deal_no}


def _listing(session: Session, market: MarketService, actor: Actor, row: DisposalCaseRow, facts: dict[str, Any],
             problems: list[Problem]) -> dict[str, Any]:
    given = facts.get("lot")
    if given not in (None, ""):
        lot_id, found = parse_int(given, "lot", "拍品编号")
        problems.extend(found)
        lot = session.get(LotRow, lot_id) if lot_id is not None else None
        if lot is None or lot.case_ref != row.case_no:
            if not found:
                problems.append(Problem("disposal.lot_not_of_case", "lot", {"lot": given, "case": row.case_no}))
            return facts
        return {**facts, "listing": clean(facts.get("listing")) or f"流转市场 {lot.lot_no}"}
    numbers = [r.display_number or r.number for r in session.execute(
        select(RightRow).where(RightRow.id.in_(pledged_right_ids(session, row.pledge_id)))).scalars()]
    listed = market.add_lot_in(session, actor, {
        "rights": numbers, "type": "sale", "case": row.case_no, "title": f"处置案件 {row.case_no}",
        "assessed_value": str(row.market_value) if row.market_value is not None else "",
        "forced_sale_value": str(row.forced_value) if row.forced_value is not None else ""}).value
    return {**facts, "lot": str(listed.id), "listing": clean(facts.get("listing")) or f"流转市场 {listed.lot_no}"}
