"""Pledge commands: examine an application file, register it, show or cancel a pledge; the decisions awaiting
approval (list, confirm, return)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, EXIT_REFUSED, Subparsers, command, date_arg, emit, load_json
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    exam = command(sub, "examine", run_examine,
                   help="examine an application JSON file (exit 0: would register, 1: not)")
    exam.add_argument("file", type=Path)
    exam.add_argument("--on", help="examine as of this date (default today)")

    reg = command(sub, "register", run_register,
                  help="file, examine and register an application JSON file (all or nothing)")
    reg.add_argument("file", type=Path)
    reg.add_argument("--on", help="registration date (default today)")

    pledge = command(sub, "pledge", run_pledge, help="pledge register")
    pledge_sub = pledge.add_subparsers(dest="pledge_command", required=True)
    pshow = pledge_sub.add_parser("show", help="a pledge with its history as JSON")
    pshow.add_argument("number", help="registration number (or application number)")
    pcancel = pledge_sub.add_parser("cancel", help="cancel a registered pledge")
    pcancel.add_argument("number")
    triggers = ["repaid", "realised", "waived", "main_contract_void", "extinguished_by_law"]
    pcancel.add_argument("--trigger", required=True, choices=triggers)
    pcancel.add_argument("--on", help="cancellation date (default today)")

    decision = command(sub, "decision", run_decision, help="decisions awaiting approval (maker-checker)")
    decision_sub = decision.add_subparsers(dest="decision_command", required=True)
    decision_sub.add_parser("list", help="the decisions awaiting approval as JSON")
    dconfirm = decision_sub.add_parser("confirm", help="confirm a decision someone else prepared (it runs now)")
    dconfirm.add_argument("id", type=int)
    dreturn = decision_sub.add_parser("return", help="return a prepared decision to its preparer")
    dreturn.add_argument("id", type=int)
    dreturn.add_argument("--reason", required=True)


def run_examine(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.domain.pledges.examination.engine import Outcome  # also registers the finding texts

    on = date_arg(args.on, ws.clock)
    result = ws.pledges.examine_data(load_json(args.file), as_of=on)
    emit(result.to_json(config.lang))
    return EXIT_OK if result.outcome is Outcome.REGISTER else EXIT_REFUSED


def run_register(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.domain.pledges.examination.engine import Outcome  # also registers the finding texts

    on = date_arg(args.on, ws.clock)
    data = load_json(args.file)
    result = ws.pledges.examine_data(data, as_of=on)
    if result.outcome is not Outcome.REGISTER:
        emit({"ok": False, "registered": False, "examination": result.to_json(config.lang)})
        return EXIT_REFUSED
    record = ws.pledges.file_and_register(ws.actor, data, on=on)  # one transaction: all or nothing
    # With maker-checker on the registration awaits an approver: "pending" names the decision.
    emit({"ok": True, "registered": record.pending is None, **pledge_json(ws, record)})
    return EXIT_OK


def run_pledge(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    import ipdesk.domain.pledges.examination.engine  # noqa: F401 - registers the finding texts

    if args.pledge_command == "show":
        record = ws.pledges.find(args.number)
        emit({**pledge_json(ws, record), "events": ws.pledges.events(record.id)})
        return EXIT_OK
    record = ws.pledges.find(args.number)
    record = ws.pledges.cancel(ws.actor, record.id, args.trigger, on=date_arg(args.on, ws.clock))
    emit({"ok": True, **pledge_json(ws, record)})
    return EXIT_OK


def pledge_json(ws: Any, record: Any) -> dict[str, Any]:
    """A pledge as ``register``, ``pledge show`` and ``pledge cancel`` print it."""
    from ipdesk.services.pledges.inputs import application_to_json

    app = application_to_json(record.application, {r.number: r.display_number for r in record.rights})
    return {
        "id": record.id,
        "application_no": record.application_no,
        "registration_no": record.registration_no,
        "status": record.status.value,
        "family": record.family,
        "pledgors": list(record.pledgor_names),
        "pledgee": record.pledgee_name,
        "debtor": record.debtor_name,
        "secured_amount": str(record.secured_amount),
        "effective_date": record.registered_on,
        "sla_deadline": record.sla_deadline,
        "refused_on": record.refused_on,
        "cancelled_on": record.cancelled_on,
        "cancellation_trigger": record.cancellation_trigger.value if record.cancellation_trigger else None,
        "rights": [{"number": r.number, "display_number": r.display_number, "title": r.title, "kind": r.kind}
                   for r in record.rights],
        "application": app,
        "pending": record.pending.id if record.pending else None,  # the decision awaiting approval
    }


def run_decision(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    if args.decision_command == "list":
        emit({"decisions": [d.to_json() for d in ws.pledges.decisions()]})
        return EXIT_OK
    # the service checks the permission before it looks the decision up: a role that may not confirm is told
    # so (exit 1), not that decision N does not exist
    if args.decision_command == "confirm":
        ws.pledges.confirm(ws.actor, args.id)
    else:
        ws.pledges.return_decision(ws.actor, args.id, args.reason)
    decision = ws.pledges.decision(args.id)
    emit({"ok": True, "decision": decision.to_json(),
          **({"pledge": pledge_json(ws, ws.pledges.get(decision.pledge_id))} if decision.pledge_id else {})})
    return EXIT_OK
