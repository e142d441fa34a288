"""Maintenance-custody commands: ``ipdesk custody worklist [--days 60] [--custodian P]`` and ``ipdesk custody
agreement add --custodian PARTY --rights N1[,N2…] [--from D] [--to D]`` / ``agreement list`` (JSON); ``--owner`` is
the hidden former name of ``--custodian``."""

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
    agreement = custody_sub.add_parser("agreement", help="custody agreements: add | list")
    agreement_sub = agreement.add_subparsers(dest="agreement_command", required=True)
    add = agreement_sub.add_parser("add", help="a new agreement over patents not yet in custody")
    # one of the two is required (a usage error, exit 2, naming --custodian only: argparse leaves hidden ones out)
    party = add.add_mutually_exclusive_group(required=True)
    party.add_argument("--custodian", metavar="PARTY",
                       help="the custodian, who keeps the fees paid (party id, USCC or exact name)")
    # the option's first name, kept for the scripts written before --custodian (not shown in the help)
    party.add_argument("--owner", metavar="PARTY", help=argparse.SUPPRESS)
    add.add_argument("--rights", required=True, metavar="N1[,N2…]",
                     help="the patents, comma-separated, any accepted number form")
    add.add_argument("--from", dest="starts_on", metavar="D", help="custody from (default today)")
    add.add_argument("--to", dest="ends_on", metavar="D", help="custody until (default open-ended)")
    listing = agreement_sub.add_parser("list", help="the agreements, latest start first")
    listing.add_argument("--custodian", help="only this custodian's (party id, USCC or exact name)")


def item_json(i: Any) -> dict[str, Any]:
    return {
        "number": i.number, "title": i.title, "year": i.year, "due_date": i.due_date.isoformat(),
        "status": i.status.value, "surcharge_rate": format(i.surcharge_rate.normalize(), "f"),
        "fee": f"{i.fee:.2f}", "payable": f"{i.payable:.2f}", "amount_due": f"{i.amount_due:.2f}",
        "late_until": i.late_until.isoformat(), "custodian": i.custodian, "agreement_id": i.agreement_id,
        "payer": i.payer.value,
    }


def agreement_json(a: Any) -> dict[str, Any]:
    return {
        "id": a.id, "custodian_id": a.custodian_id, "custodian": a.custodian, "reference": a.reference,
        "starts_on": a.starts_on.isoformat(), "ends_on": a.ends_on.isoformat() if a.ends_on else None,
        "payer": a.payer.value, "fee_budget": None if a.fee_budget is None else f"{a.fee_budget:.2f}",
        "rights": list(a.right_numbers),
    }


def run_custody(args: argparse.Namespace, _config: Any, ws: Any) -> int:
    from ipdesk.domain.custody.maintenance import parse_days

    if args.custody_command == "agreement":
        return _run_agreement(args, ws)

    days = parse_days(args.days)
    items = ws.custody.worklist(days, args.custodian)
    emit({"as_of": ws.clock.today().isoformat(), "days": days, "custodian": args.custodian,
          "count": len(items), "items": [item_json(i) for i in items]})
    return EXIT_OK


def _run_agreement(args: argparse.Namespace, ws: Any) -> int:
    if args.agreement_command == "list":
        emit({"agreements": [agreement_json(a) for a in ws.custody.agreements(args.custodian)]})
        return EXIT_OK
    # An empty item ("A,,B") is left out; a list of nothing is the service's custody.no_rights (bad input).
    numbers = [n.strip() for n in args.rights.split(",") if n.strip()]
    data = {"custodian_id": ws.custody.party_id(args.custodian or args.owner),
            "starts_on": args.starts_on or ws.clock.today().isoformat(), "ends_on": args.ends_on, "rights": numbers}
    emit({"ok": True, "agreement": agreement_json(ws.custody.create_agreement(ws.actor, data))})
    return EXIT_OK
