"""Early-warning commands: ``ipdesk risk scan [--as-of DATE]`` and ``ipdesk risk ack <signal> --action
note|halt|collect --text T`` (JSON). A halt acts on the pledge's open loans through the loans service."""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, date_arg, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    risk = command(sub, "risk", run_risk, help="risk early warning: signals and the actions on them")
    risk_sub = risk.add_subparsers(dest="risk_command", required=True)
    scan = risk_sub.add_parser("scan", help="bring the signals in step with the rules and print the open ones")
    scan.add_argument("--as-of", help="the day judged (default today)")
    ack = risk_sub.add_parser("ack", help="acknowledge a signal with an action")
    ack.add_argument("signal", type=int, help="the signal's id (from risk scan)")
    ack.add_argument("--action", required=True, choices=["note", "halt", "collect"],
                     help="note; halt (叫停: no further drawdown on the pledge's loans); collect (催收)")
    ack.add_argument("--text", required=True, help="what was done or decided")


def signal_json(s: Any) -> dict[str, Any]:
    return {"id": s.id, "rule": s.rule, "severity": s.severity.value, "pledge": s.pledge_no, "right": s.right,
            "since": s.since.isoformat(), "detail": s.detail}


def run_risk(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    if args.risk_command == "scan":
        as_of = date_arg(args.as_of, ws.clock)
        done = ws.risk.scan(as_of, actor=ws.actor)
        emit({"as_of": as_of.isoformat(), "full": done.full, "raised": done.raised, "cleared": done.cleared,
              "signals": [signal_json(s) for s in ws.risk.signals()]})
        return EXIT_OK
    done = ws.risk.act(ws.actor, args.signal, args.action, args.text).value
    emit({"ok": True, "signal": done.to_json()})
    return EXIT_OK
