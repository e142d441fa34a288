"""Loan commands: ``ipdesk loan add|show|list|draw|repay|compensate|halt|resume|default`` (JSON).

A loan is named by its number (``L2026000001``) or ``#id``; a loan outside the signed-in user's agency
reads as not found. Dates default to today on the office clock (``--now`` sets it).
"""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, date_arg, emit
from ipdesk.config import AppConfig

SCHEDULES = ["equal_instalments", "equal_principal", "interest_only", "custom"]


def add_parsers(sub: Subparsers) -> None:
    loan = command(sub, "loan", run_loan, help="loans behind pledges")
    loan_sub = loan.add_subparsers(dest="loan_command", required=True)

    add = loan_sub.add_parser("add", help="book a loan (its schedule built from the terms)")
    add.add_argument("--lender", required=True, help="the lending bank: USCC, exact name or #id")
    add.add_argument("--borrower", required=True, help="the borrower: USCC, exact name or #id")
    add.add_argument("--principal", required=True, help="yuan")
    add.add_argument("--rate", required=True, help="per cent a year, e.g. 4.35")
    add.add_argument("--start", required=True, help="start date (interest runs from it)")
    add.add_argument("--maturity", required=True, help="maturity date (the last instalment)")
    add.add_argument("--schedule", choices=SCHEDULES, default="equal_instalments",
                     help="equal instalments (等额本息), equal principal (等额本金), interest only with the "
                          "principal at maturity (先息后本), or custom (--instalment)")
    add.add_argument("--instalment", action="append", metavar="DUE=PRINCIPAL",
                     help="a custom schedule's instalment, repeated (e.g. 2027-03-01=400000)")
    add.add_argument("--pledge", help="registration number of the pledge securing the loan")
    add.add_argument("--penalty-surcharge", help="per cent over the contract rate on overdue amounts (30–50; "
                                                 "default the office setting, 50)")
    add.add_argument("--default-after-days", help="days overdue before the loan defaults by itself (default 90)")
    add.add_argument("--allocation", help="repayment allocation order, comma-separated bucket.component rules "
                                          "(past_due/due/in_advance . penalty/interest/principal)")

    show = loan_sub.add_parser("show", help="a loan with its schedule, state, class and events")
    show.add_argument("loan", help="loan number or #id")
    show.add_argument("--as-of", help="the state on this date (default today)")

    lst = loan_sub.add_parser("list", help="the loans you may see")
    lst.add_argument("--overdue", action="store_true", help="only open loans with an instalment overdue")

    for name, text in (("draw", "record a drawdown (refused while halted or in default)"),
                       ("repay", "record a repayment, allocated in the loan's order"),
                       ("compensate", "record a guarantee agency's payment on the borrower's behalf (代偿)")):
        p = loan_sub.add_parser(name, help=text)
        p.add_argument("loan", help="loan number or #id")
        p.add_argument("--amount", required=True, help="yuan")
        p.add_argument("--on", help="date (default today)")
        if name == "compensate":
            p.add_argument("--agency", help="the paying guarantee agency: USCC or #id (an agency officer: "
                                            "always their own)")

    for name, text in (("halt", "halt the loan (叫停): no more drawdowns"), ("resume", "lift a halt"),
                       ("default", "record the event of default by hand")):
        p = loan_sub.add_parser(name, help=text)
        p.add_argument("loan", help="loan number or #id")
        p.add_argument("--reason", default="", help="why (kept on the loan's history)")
        p.add_argument("--on", help="date (default today)")


def _loan_data(args: argparse.Namespace) -> dict[str, Any]:
    data: dict[str, Any] = {"lender": args.lender, "borrower": args.borrower, "principal": args.principal,
                            "rate": args.rate, "start": args.start, "maturity": args.maturity,
                            "schedule": args.schedule, "pledge": args.pledge}
    if args.penalty_surcharge is not None:
        data["penalty_surcharge"] = args.penalty_surcharge
    if args.default_after_days is not None:
        data["default_after_days"] = args.default_after_days
    if args.allocation:
        data["allocation"] = [t.strip() for t in args.allocation.split(",") if t.strip()]
    if args.instalment:
        data["instalments"] = [dict(zip(("due", "principal"), item.split("=", 1), strict=False))
                               for item in args.instalment]
    return data


def _amount(text: str) -> Any:
    from ipdesk.domain.shared.fields import parse_money, required
    from ipdesk.domain.shared.problems import ValidationError

    amount, problems = parse_money(text, "amount", "金额")
    if amount is None and not problems:
        problems = [required("amount", "金额")]
    if problems:
        raise ValidationError(problems)
    return amount


def _agency(ws: Any, text: str | None) -> int | None:
    from ipdesk.domain.shared.problems import NotFound, Problem

    if not text:
        return None
    if text.startswith("#") and text[1:].isdigit():
        return int(text[1:])
    party = ws.parties.by_uscc(text.strip().upper())
    if party is None:
        raise NotFound(Problem("not_found", "agency", {"what": "当事人", "key": text}))
    return int(party.id)


def serviced_json(done: Any) -> dict[str, Any]:
    """What a servicing command prints: the loan, how the payment was allocated, the cancellation offered."""
    from ipdesk.services.loans.records import m

    offer = None
    if done.offer_cancellation:
        offer = {"pledge": done.offer_cancellation, "trigger": "repaid",
                 "command": f"ipdesk pledge cancel {done.offer_cancellation} --trigger repaid"}
    allocation = None
    if done.allocation is not None:
        allocation = [{"instalment": seq, "component": comp.value, "amount": m(amount)}
                      for seq, comp, amount in done.allocation.parts]
    return {"ok": True, "loan": done.loan.to_json(), "allocation": allocation, "offer_cancellation": offer}


def run_loan(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    loans, actor, cmd = ws.loans, ws.actor, args.loan_command
    if cmd == "add":
        emit({"ok": True, "loan": loans.add(actor, _loan_data(args)).value.to_json()})
        return EXIT_OK
    if cmd == "list":
        found = loans.overdue(actor) if args.overdue else loans.list(actor)
        emit({"loans": [{"id": x.id, "loan_no": x.loan_no, "borrower": x.borrower_name, "lender": x.lender_name,
                         "pledge": x.pledge_no, "status": x.status, "overdue_days": x.state.overdue_days,
                         "classification": x.loan_class.value, "outstanding_principal":
                         f"{x.state.outstanding_principal:.2f}"} for x in found]})
        return EXIT_OK
    if cmd == "show":
        as_of = date_arg(args.as_of, ws.clock)
        emit(loans.find(actor, args.loan, as_of=as_of).to_json())
        return EXIT_OK
    loan_id = loans.find(actor, args.loan).id
    on = date_arg(args.on, ws.clock)
    if cmd == "draw":
        done = loans.draw(actor, loan_id, _amount(args.amount), on=on)
    elif cmd == "repay":
        done = loans.repay(actor, loan_id, _amount(args.amount), on=on)
    elif cmd == "compensate":
        done = loans.compensate(actor, loan_id, _amount(args.amount), agency_id=_agency(ws, args.agency), on=on)
    elif cmd == "halt":
        done = loans.halt(actor, loan_id, args.reason, on=on)
    elif cmd == "resume":
        done = loans.resume(actor, loan_id, args.reason, on=on)
    else:
        done = loans.declare_default(actor, loan_id, args.reason, on=on)
    emit(serviced_json(done))
    return EXIT_OK
