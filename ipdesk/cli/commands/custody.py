"""Maintenance-custody commands: ``ipdesk custody worklist [--days 60] [--custodian P]`` (JSON)."""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, emit


def add_parsers(sub: Subparsers) -> None:
    custody = command(sub, "custody", run_custody, help="maintenance custody (专利权益托管)")
    custody_sub = custody.add_subparsers(dest="custody_command", required=True)
    worklist = custody_sub.add_parser("worklist", help="annual fees due in the next N days of the rights in custody")
    worklist.add_argument("--days", default="60", help="look-ahead in days, 1-366 (default 60)")
    worklist.add_argument("--custodian", help="only this custodian (party id, USCC or exact name)")


def item_json(i: Any) -> dict[str, Any]:
    return {
        "number": i.number, "title": i.title, "year": i.year, "due_date": i.due_date.isoformat(),
        "status": i.status.value, "surcharge_rate": format(i.surcharge_rate.normalize(), "f"),
        "fee": f"{i.fee:.2f}", "payable": f"{i.payable:.2f}", "amount_due": f"{i.amount_due:.2f}",
        "late_until": i.late_until.isoformat(), "custodian": i.custodian, "agreement_id": i.agreement_id,
        "payer": i.payer.value,
    }


def run_custody(args: argparse.Namespace, _config: Any, ws: Any) -> int:
    from ipdesk.domain.custody.maintenance import parse_days

    days = parse_days(args.days)
    items = ws.custody.worklist(days, args.custodian)
    emit({"as_of": ws.clock.today().isoformat(), "days": days, "custodian": args.custodian,
          "count": len(items), "items": [item_json(i) for i in items]})
    return EXIT_OK
