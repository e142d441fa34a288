"""Compensation fund commands: ``ipdesk fund add|list|show|contribute`` (JSON). A fund is named by its name
or ``#id``; compensation and recoveries are written by disposal cases (``ipdesk settle <case-no>``,
``ipdesk disposal recover``)."""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, date_arg, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    fund = command(sub, "fund", run_fund, help="compensation funds (风险补偿资金池) and their ledger")
    fund_sub = fund.add_subparsers(dest="fund_command", required=True)
    add = fund_sub.add_parser("add", help="set up a fund with its loss-sharing scheme")
    add.add_argument("name")
    add.add_argument("--scheme", required=True, help="as ipdesk settle --scheme (kejizhixing, pudong:97, …)")
    fund_sub.add_parser("list", help="the funds with their balances")
    show = fund_sub.add_parser("show", help="a fund's ledger, with the balance after each entry")
    show.add_argument("fund", help="name or #id")
    show.add_argument("--as-of", help="the ledger up to this date")
    pay = fund_sub.add_parser("contribute", help="record money paid into the fund")
    pay.add_argument("fund", help="name or #id")
    pay.add_argument("--amount", required=True, help="yuan")
    pay.add_argument("--party", default="", help="who paid (e.g. 江苏省财政厅)")
    pay.add_argument("--on", help="date (default today)")


def run_fund(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.cli.commands.loans import _amount

    funds, cmd = ws.funds, args.fund_command
    if cmd == "add":
        emit({"ok": True, "fund": funds.create(ws.actor, args.name, args.scheme).value.to_json()})
    elif cmd == "list":
        emit({"funds": [f.to_json() for f in funds.list()]})
    elif cmd == "show":
        fund_id = funds.find(args.fund).id
        emit(funds.get(fund_id, as_of=date_arg(args.as_of, ws.clock) if args.as_of else None).to_json())
    else:
        fund_id = funds.find(args.fund).id
        done = funds.contribute(ws.actor, fund_id, _amount(args.amount), party=args.party,
                                on=date_arg(args.on, ws.clock))
        emit({"ok": True, "fund": done.value.to_json()})
    return EXIT_OK
