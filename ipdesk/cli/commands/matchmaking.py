"""Bank–enterprise matchmaking commands: ``ipdesk match event add|show|list`` and ``ipdesk match line
add|convert|withdraw`` (JSON).

An event is named by its number (``YQ2026000001``) or ``#id``; a line by its label (``YQ2026000001-03``)
or id; parties by USCC, exact name or ``#id``. ``line convert`` files the line as a pledge application
pre-filled from it and prints both. Exit 1 when a rule refuses (a patent the firm does not own, converting
twice), 2 on bad input (an unknown party, an amount below zero or finer than the fen); nothing is written.
"""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, date_arg, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    match = command(sub, "match", run_match, help="bank–enterprise matchmaking (银企对接): events and credit lines")
    msub = match.add_subparsers(dest="match_command", required=True)

    event = msub.add_parser("event", help="matchmaking events")
    esub = event.add_subparsers(dest="event_command", required=True)
    add = esub.add_parser("add", help="record an event")
    add.add_argument("--name", required=True, help="e.g. 镇江市银企专利质押对接会")
    add.add_argument("--date", required=True, help="the day it was held")
    add.add_argument("--organiser", default="", help="who organised it")
    add.add_argument("--region", default="", help="where (e.g. 江苏省镇江市)")
    add.add_argument("--notes", default="")
    show = esub.add_parser("show", help="an event with its credit lines and totals")
    show.add_argument("event", help="event number or #id")
    esub.add_parser("list", help="the events with their totals")

    line = msub.add_parser("line", help="credit lines granted at an event")
    lsub = line.add_subparsers(dest="line_command", required=True)
    ladd = lsub.add_parser("add", help="a bank's credit line to a firm against its patents")
    ladd.add_argument("event", help="event number or #id")
    ladd.add_argument("--firm", required=True, metavar="PARTY", help="USCC, exact name or #id")
    ladd.add_argument("--bank", required=True, metavar="PARTY", help="USCC, exact name or #id")
    ladd.add_argument("--amount", required=True, metavar="A", help="yuan")
    ladd.add_argument("--term", required=True, metavar="MONTHS", help="the line's term in months")
    ladd.add_argument("--rights", required=True, metavar="N1[,N2…]", help="the patents offered, comma-separated")
    ladd.add_argument("--status", choices=["intended", "approved"], default="intended")
    ladd.add_argument("--notes", default="")
    conv = lsub.add_parser("convert", help="file the line as a pledge application, pre-filled")
    conv.add_argument("line", help="line label (YQ2026000001-03) or id")
    conv.add_argument("--on", help="the application's date (default today)")
    wd = lsub.add_parser("withdraw", help="the line will not be taken up")
    wd.add_argument("line", help="line label (YQ2026000001-03) or id")
    wd.add_argument("--on", help="date (default today)")


def run_match(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    mm = ws.matchmaking
    if args.match_command == "event":
        if args.event_command == "add":
            done = mm.add_event(ws.actor, {"name": args.name, "date": args.date, "organiser": args.organiser,
                                           "region": args.region, "notes": args.notes})
            emit({"ok": True, "event": done.value.to_json()})
        elif args.event_command == "show":
            emit(mm.get(args.event).to_json())
        else:
            emit({"events": [e.to_json(lines=False) for e in mm.events()]})
    elif args.line_command == "add":
        line = mm.add_line(ws.actor, args.event, {"firm": args.firm, "bank": args.bank, "amount": args.amount,
                                                  "term": args.term, "rights": args.rights, "status": args.status,
                                                  "notes": args.notes}).value
        emit({"ok": True, "line": line.to_json()})
    elif args.line_command == "convert":
        done = mm.convert_line(ws.actor, args.line, on=date_arg(args.on, ws.clock)).value
        emit({"ok": True, **done.to_json()})
    else:
        line = mm.withdraw_line(ws.actor, args.line, on=date_arg(args.on, ws.clock)).value
        emit({"ok": True, "line": line.to_json()})
    return EXIT_OK
