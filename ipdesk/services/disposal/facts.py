"""What completing each stage of a disposal case records and does: the facts checked and written on the
case, and the acts on other contexts (the register's transfer, the pledge's cancellation), all inside the
caller's unit of work. Undoing a stage clears what it recorded on the case (only stages whose effects stay
in the case can be undone: :mod:`ipdesk.domain.disposal.stages`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.disposal.stages import ROUTES, Route, Stage, missing_fact, parse_route, route_problem
from ipdesk.domain.pledges.application import CancellationTrigger
from ipdesk.domain.shared.fields import clean, parse_int, parse_money
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.permissions import Actor
from ipdesk.domain.shared.problems import Problem
from ipdesk.services.pledges.inputs import resolve_party
from ipdesk.services.pledges.service import PledgeService
from ipdesk.storage.disposal.tables import DisposalCaseRow
from ipdesk.storage.schema import PartyRow, PledgeRightRow, PledgeRow

register({
    "disposal.forced_over_market": ("强制变现价值 {forced} 元高于市场价值 {market} 元",
                                    "the forced-sale value of {forced} yuan is above the market value of "
                                    "{market} yuan"),
    "disposal.amount_positive": ("{label}应大于零：{value}", "{label} must be more than zero: {value}"),
    "disposal.set_off_buyer": ("协议折价由质权人 {pledgee} 受让，不能由 {buyer} 受让",
                               "in an agreed set-off the pledgee {pledgee} takes the IP, not {buyer}"),
    "disposal.set_off_below_market": ("协议折价 {price} 元低于市场价值 {market} 元（民法典第436条：参照市场价格）",
                                      "an agreed set-off at {price} yuan is below the market value of {market} yuan "
                                      "(Civil Code 436: at market prices)"),
    "disposal.buyer_unknown": ("受让方不在当事人名录中：{key}", "the buyer is not a known party: {key}"),
})
register_labels({"市场价值": "market value", "强制变现价值": "forced-sale value", "成交价": "price",
                 "处置费用": "costs"})


def _money(data: dict[str, Any], key: str, label: str, stage: Stage, problems: list[Problem]) -> Decimal | None:
    if data.get(key) in (None, ""):
        problems.append(missing_fact(stage, key))
        return None
    value, found = parse_money(data.get(key), key, label)
    problems.extend(found)
    if value is not None and not found and value <= 0:
        problems.append(Problem("disposal.amount_positive", key, {"label": label, "value": str(value)}))
        return None
    return value if not found else None


def record_facts(session: Session, row: DisposalCaseRow, stage: Stage, data: dict[str, Any], on: date,
                 problems: list[Problem]) -> dict[str, Any]:
    """Check and write the facts completing ``stage`` records; returns them as the timeline keeps them."""
    if stage is Stage.VALUATION:
        market = _money(data, "market_value", "市场价值", stage, problems)
        forced = _money(data, "forced_value", "强制变现价值", stage, problems)
        if market is not None and forced is not None and forced > market:
            problems.append(Problem("disposal.forced_over_market", "forced_value",
                                    {"forced": f"{forced:.2f}", "market": f"{market:.2f}"}))
        if not problems:
            row.market_value, row.forced_value = market, forced
        return {"market_value": data.get("market_value"), "forced_value": data.get("forced_value")}
    if stage is Stage.ROUTE:
        text = clean(data.get("route"))
        if not text:
            problems.append(missing_fact(stage, "route"))
            return {}
        bad = route_problem(text)
        if bad is not None:
            problems.append(bad)
            return {}
        row.route = parse_route(text).value
        return {"route": row.route}
    if stage is Stage.LISTING:
        listing = clean(data.get("listing"))
        if not listing:
            problems.append(missing_fact(stage, "listing"))
        lot, found = parse_int(data.get("lot"), "lot", "拍品编号") if data.get("lot") not in (None, "") else (None, [])
        problems.extend(found)
        row.listing, row.lot_id = listing, lot
        return {"listing": listing, "lot": lot}
    if stage is Stage.DEAL:
        return _deal(session, row, data, on, problems)
    return {}


def _deal(session: Session, row: DisposalCaseRow, data: dict[str, Any], on: date,
          problems: list[Problem]) -> dict[str, Any]:
    price = _money(data, "price", "成交价", Stage.DEAL, problems)
    pledge = session.get(PledgeRow, row.pledge_id)
    assert pledge is not None
    route = Route(row.route) if row.route else None
    buyer_text = clean(data.get("buyer"))
    buyer_id: int | None
    if not buyer_text and route is Route.SET_OFF:
        buyer_id = pledge.pledgee_id  # 协议折价: the pledgee takes the IP
    elif not buyer_text:
        problems.append(missing_fact(Stage.DEAL, "buyer"))
        return {}
    else:
        buyer_id = resolve_party(session, buyer_text)
        if buyer_id is None:
            problems.append(Problem("disposal.buyer_unknown", "buyer", {"key": buyer_text}))
            return {}
    if route is Route.SET_OFF:
        if buyer_id != pledge.pledgee_id:
            buyer = session.get(PartyRow, buyer_id)
            problems.append(Problem("disposal.set_off_buyer", "buyer",
                                    {"pledgee": pledge.pledgee_name, "buyer": buyer.name if buyer else buyer_text}))
        if price is not None and row.market_value is not None and price < row.market_value:
            problems.append(Problem("disposal.set_off_below_market", "price",
                                    {"price": f"{price:.2f}", "market": f"{row.market_value:.2f}"}))
    if problems:
        return {}
    row.buyer_party_id, row.price, row.deal_on = buyer_id, price, on
    buyer = session.get(PartyRow, buyer_id)
    out = {"buyer_id": buyer_id, "buyer": buyer.name if buyer else "",
           "price": f"{price:.2f}" if price is not None else None, "on": on.isoformat()}
    if data.get("deal_no"):  # taken from the marketplace
        out["deal_no"] = clean(data["deal_no"])
    return out


def clear_facts(row: DisposalCaseRow, stage: Stage) -> None:
    """Undo what completing ``stage`` wrote on the case (its step stays in the timeline)."""
    if stage is Stage.VALUATION:
        row.market_value = row.forced_value = None
    elif stage is Stage.ROUTE:
        row.route = None
    elif stage is Stage.LISTING:
        row.listing, row.lot_id = "", None
    elif stage is Stage.DEAL:
        row.buyer_party_id = row.price = row.deal_on = None


def pledged_right_ids(session: Session, pledge_id: int) -> list[int]:
    return list(session.execute(select(PledgeRightRow.right_id).where(PledgeRightRow.pledge_id == pledge_id)
                                .order_by(PledgeRightRow.position)).scalars())


def transfer(session: Session, pledges: PledgeService, actor: Actor, row: DisposalCaseRow, on: date) -> dict[str, Any]:
    """The transfer recordal: each pledged right to the buyer with the pledgee's consent on record (a licence:
    the licence recorded, the owners stay)."""
    assert row.buyer_party_id is not None and row.route is not None
    rights = pledged_right_ids(session, row.pledge_id)
    if ROUTES[Route(row.route)].transfers:
        txs = [pledges.record_transfer_in(session, actor, right_id, row.buyer_party_id, proceeds=row.price, on=on)
               for right_id in rights]
    else:
        from ipdesk.storage.schema import RightRow

        buyer = session.get(PartyRow, row.buyer_party_id)
        txs = []
        for right_id in rights:
            right = session.get(RightRow, right_id)
            assert right is not None and buyer is not None
            txs.append(pledges.record_transaction_in(session, actor, right.display_number or right.number, "licence",
                                                     buyer.name, pledgee_consent=True, proceeds=row.price,
                                                     proceeds_handling="early_repayment", on=on).value)
    return {"transactions": txs, "rights": rights}


def cancel_pledge(session: Session, pledges: PledgeService, actor: Actor, row: DisposalCaseRow,
                  on: date) -> dict[str, Any]:
    pledges.cancel_in(session, actor, row.pledge_id, CancellationTrigger.REALISED, on)
    return {"pledge_id": row.pledge_id, "trigger": CancellationTrigger.REALISED.value}
