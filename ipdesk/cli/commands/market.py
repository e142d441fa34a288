"""Marketplace commands: ``ipdesk market lot add|show|list``, ``market auction open|show``, ``market deposit``,
``market bid``, ``market close``, ``market reauction``, ``market pay``, ``market backout``, ``market deal``,
``market confirmation``, and the patent pools' ``market pool …`` (:mod:`.market_pools`) (JSON).

Lots, auctions and deals are named by their number (``LOT2026000001``, ``AU…``, ``DL…``) or ``#id``; parties
by USCC, exact name or ``#id``. Times are ISO 8601 with an offset (``2027-01-10T10:00:00+08:00``); the
global ``--now`` sets the office clock. Exit 1 when a rule refuses (the preset's floor or cut, a bid below
the price plus the increment, before the opening, after the close, without a deposit), 2 on bad input.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, date_arg, emit
from ipdesk.cli.commands.market_pools import add_pool_parsers, run_pool
from ipdesk.config import AppConfig

PRESETS = ["online_judicial", "court_offline", "private"]
MODES = ["english", "tender", "negotiated", "fixed_price"]


def add_parsers(sub: Subparsers) -> None:
    market = command(sub, "market", run_market, help="the patent-circulation marketplace: lots, auctions, deals")
    msub = market.add_subparsers(dest="market_command", required=True)

    lot = msub.add_parser("lot", help="lots: a right, a package of rights or a licence offer")
    lsub = lot.add_subparsers(dest="lot_command", required=True)
    add = lsub.add_parser("add", help="list a lot (a pledged right: its disposal case, its pledgee or consent)")
    add.add_argument("--rights", required=True, metavar="N1[,N2…]", help="right numbers, comma-separated")
    add.add_argument("--type", required=True, choices=["sale", "licence"], help="sale (转让) or licence (许可)")
    add.add_argument("--assessed-value", required=True, metavar="A", help="yuan (from the valuation)")
    add.add_argument("--reserve", metavar="R", help="reserve price, yuan")
    add.add_argument("--reserve-reason", help="why a reserve above the assessed value")
    add.add_argument("--seller", metavar="PARTY", help="the seller: USCC, exact name or #id")
    add.add_argument("--case", metavar="CASE", help="the disposal case's number (a pledged right's case)")
    add.add_argument("--pledgee-consent", action="store_true", help="the pledgee consents (Civil Code 444)")
    add.add_argument("--title", help="the lot's title (default: the rights' titles)")
    add.add_argument("--forced-sale-value", help="yuan: a private sale warns below it")
    add.add_argument("--licence-kind", choices=["exclusive", "sole", "non_exclusive"], help="a licence offer's kind")
    add.add_argument("--royalty", choices=["lump_sum", "running", "both"], help="a licence offer's royalty")
    add.add_argument("--lump-sum", help="yuan")
    add.add_argument("--running-percent", help="per cent of sales")
    add.add_argument("--field-of-use", help="licence: field of use")
    add.add_argument("--territory", help="licence: territory")
    add.add_argument("--term-months", help="licence: term in months")
    show = lsub.add_parser("show", help="a lot with its rights' legal status and remaining term")
    show.add_argument("lot", help="lot number or #id")
    lst = lsub.add_parser("list", help="the lots you may see")
    lst.add_argument("--status", choices=["listed", "auction", "sold", "unsold", "withdrawn"])

    auction = msub.add_parser("auction", help="auctions")
    asub = auction.add_subparsers(dest="auction_command", required=True)
    opened = asub.add_parser("open", help="the first round of a lot under a rule preset")
    opened.add_argument("lot", help="lot number or #id")
    opened.add_argument("--preset", required=True, choices=PRESETS)
    opened.add_argument("--start", required=True, metavar="S", help="start price, yuan")
    opened.add_argument("--increment", required=True, metavar="I",
                        help="yuan, or price bands from=step (0=1000,1000000=5000)")
    opened.add_argument("--deposit", required=True, metavar="D", help="yuan")
    opened.add_argument("--opens", required=True, metavar="T", help="ISO 8601 with an offset")
    opened.add_argument("--closes", required=True, metavar="T", help="ISO 8601 with an offset")
    opened.add_argument("--mode", choices=MODES, default="english",
                        help="english auction, sealed tender, negotiated sale or fixed-price listing")
    ashow = asub.add_parser("show", help="an auction: bidders by code, the bid ladder")
    ashow.add_argument("auction", help="auction number or #id")

    dep = msub.add_parser("deposit", help="a bidder pays the deposit and gets its code")
    dep.add_argument("auction", metavar="AUCTION", help="auction number or #id")
    dep.add_argument("--bidder", required=True, metavar="PARTY")
    dep.add_argument("--amount", required=True, metavar="D", help="yuan")
    dep.add_argument("--pre-emption", action="store_true", help="the bidder holds a pre-emption right")
    dep.add_argument("--at", metavar="T", help="ISO 8601 with an offset (default now)")

    bid = msub.add_parser("bid", help="a bid")
    bid.add_argument("auction", metavar="AUCTION", help="auction number or #id")
    bid.add_argument("--bidder", required=True, metavar="PARTY")
    bid.add_argument("--amount", required=True, metavar="A", help="yuan")
    bid.add_argument("--at", required=True, metavar="T", help="ISO 8601 with an offset")

    close = msub.add_parser("close", help="close an auction: sold or failed (closing twice makes one deal)")
    close.add_argument("auction", metavar="AUCTION", help="auction number or #id")
    close.add_argument("--at", required=True, metavar="T", help="ISO 8601 with an offset")

    re = msub.add_parser("reauction", help="the next round after a failed or backed-out auction")
    re.add_argument("auction", metavar="AUCTION", help="the failed auction's number or #id")
    re.add_argument("--start", required=True, metavar="S", help="yuan")
    re.add_argument("--opens", required=True, metavar="T", help="ISO 8601 with an offset")
    re.add_argument("--closes", required=True, metavar="T", help="ISO 8601 with an offset")
    re.add_argument("--increment", metavar="I", help="default: the previous round's")
    re.add_argument("--deposit", metavar="D", help="default: the previous share of the start")

    pay = msub.add_parser("pay", help="the buyer's payment of the balance")
    pay.add_argument("deal", help="deal number or #id")
    pay.add_argument("--amount", required=True, help="yuan")
    pay.add_argument("--on", help="date (default today)")
    back = msub.add_parser("backout", help="the buyer backs out: deposit forfeited, barred from the re-auction")
    back.add_argument("deal", help="deal number or #id")
    back.add_argument("--reason", default="")
    deal = msub.add_parser("deal", help="a deal: price, buyer, payment")
    deal.add_argument("deal", help="deal number or #id")
    conf = msub.add_parser("confirmation", help="the signed transaction confirmation PDF (成交确认书)")
    conf.add_argument("deal", help="deal number or #id")
    conf.add_argument("--out", required=True, type=Path, help="the PDF to write")
    add_pool_parsers(msub)


def _lot_data(args: argparse.Namespace) -> dict[str, Any]:
    names = ("type", "assessed_value", "reserve", "reserve_reason", "seller", "case", "title", "forced_sale_value",
             "licence_kind", "royalty", "lump_sum", "running_percent", "field_of_use", "territory", "term_months")
    data = {name: getattr(args, name) for name in names if getattr(args, name) is not None}
    data["rights"] = [t.strip() for t in args.rights.split(",") if t.strip()]
    data["pledgee_consent"] = args.pledgee_consent
    return data


def _amount(text: str) -> Decimal:
    from ipdesk.domain.shared.fields import parse_money, required
    from ipdesk.domain.shared.problems import ValidationError

    amount, problems = parse_money(text, "amount", "金额")
    if amount is None and not problems:
        problems = [required("amount", "金额")]
    if problems:
        raise ValidationError(problems)
    return amount  # type: ignore[return-value]


def _warnings(found: Any) -> list[dict[str, Any]]:
    return [p.to_json() for p in found]


def run_market(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    market, actor, cmd = ws.market, ws.actor, args.market_command
    if cmd == "pool":
        return run_pool(args, ws)
    if cmd == "lot":
        if args.lot_command == "add":
            lot = market.add_lot(actor, _lot_data(args)).value
            emit({"ok": True, "lot": lot.lot_no, "status": lot.status})
        elif args.lot_command == "show":
            emit(market.get_lot(actor, args.lot).to_json())
        else:
            emit({"lots": [x.to_json() for x in market.list_lots(actor, args.status)]})
        return EXIT_OK
    if cmd == "auction":
        if args.auction_command == "show":
            emit(market.get_auction(actor, args.auction).to_json())
            return EXIT_OK
        data = {k: getattr(args, k) for k in ("preset", "mode", "start", "increment", "deposit", "opens", "closes")}
        return _opened(market.open_auction(actor, args.lot, data), ws)
    if cmd == "reauction":
        data = {k: getattr(args, k) for k in ("start", "increment", "deposit", "opens", "closes")}
        return _opened(market.reauction(actor, args.auction, data), ws)
    if cmd == "deposit":
        done = market.deposit(actor, args.auction, {"bidder": args.bidder, "amount": args.amount, "at": args.at,
                                                    "pre_emption": args.pre_emption})
        emit({"ok": True, "auction": done.auction_no, "bidder": done.bidder, "deposit": f"{done.deposit:.2f}"})
        return EXIT_OK
    if cmd == "bid":
        done = market.bid(actor, args.auction, {"bidder": args.bidder, "amount": args.amount, "at": args.at})
        emit({"ok": True, "price": None if done.price is None else f"{done.price:.2f}", "leader": done.leader,
              "closes": ws.clock.local(done.closes).isoformat(), "bidder": done.bidder})
        return EXIT_OK
    if cmd == "close":
        closed = market.close(actor, args.auction, args.at)
        emit({"ok": True, "result": closed.result, "deal": closed.deal.deal_no if closed.deal else None,
              "price": None if closed.price is None else f"{closed.price:.2f}", "again": closed.again})
        return EXIT_OK
    if cmd == "pay":
        emit({"ok": True, "deal": market.pay(actor, args.deal, _amount(args.amount),
                                             on=date_arg(args.on, ws.clock)).to_json()})
    elif cmd == "backout":
        emit({"ok": True, "deal": market.back_out(actor, args.deal, args.reason).to_json()})
    elif cmd == "deal":
        emit(market.get_deal(actor, args.deal).to_json())
    else:
        issued = market.confirmation(actor, args.deal, args.out)
        emit({"ok": True, "deal": issued.deal_no, "serial": issued.serial, "out": str(args.out)})
    return EXIT_OK


def _opened(opened: Any, ws: Any) -> int:
    a = opened.auction
    emit({"ok": True, "auction": a.auction_no, "closes": ws.clock.local(a.closes).isoformat(), "round": a.round,
          "mode": a.mode.value, "warnings": _warnings(opened.warnings)})
    return EXIT_OK
