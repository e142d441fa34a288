"""Annual-fee commands: ``ipdesk fees <number> [--as-of]`` prints the schedule, ``ipdesk fees pay`` records."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, date_arg, emit
from ipdesk.config import AppConfig
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

register({
    "cli.fees_usage": ("用法：ipdesk fees <专利号> [--as-of 日期] 或 ipdesk fees pay <专利号> --year N --amount 金额",
                       "usage: ipdesk fees <number> [--as-of DATE] or ipdesk fees pay <number> --year N --amount A"),
    "cli.fees_option": ("{option} 只用于 {form}", "{option} is only for {form}"),
})


def add_parsers(sub: Subparsers) -> None:
    # One parser for both forms, because the issue fixes them as `fees <number>` and `fees pay <number>`:
    # a subcommand would make "pay" the only accepted first word.
    fees = command(sub, "fees", run_fees, help="annual fees: a patent's schedule (JSON), or `fees pay` a payment")
    fees.add_argument("words", nargs="+", metavar="[pay] number", help="a patent number, or pay and the number")
    fees.add_argument("--as-of", help="the day the amounts are computed for (default today)")
    fees.add_argument("--year", type=int, help="pay: the patent year paid")
    fees.add_argument("--amount", help="pay: the amount in yuan (two decimals at most)")
    fees.add_argument("--on", help="pay: the payment date (default today)")
    fees.add_argument("--payer", default="", help="pay: who paid")
    fees.add_argument("--receipt", default="", help="pay: the receipt number")


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f")


def schedule_json(report: Any) -> dict[str, Any]:
    """The schedule exactly as the issue gives it."""
    s = report.schedule
    reduction = None
    if s.reduction is not None:
        reduction = {"percent": s.reduction.percent, "from_year": s.reduction.from_year, "to_year": s.reduction.to_year}
    return {
        "number": report.right.display_number,
        "kind": report.right.kind.value,
        "as_of": s.as_of.isoformat(),
        "reduction": reduction,
        "terminated_on": s.terminated_on.isoformat() if s.terminated_on else None,
        "years": [
            {
                "year": y.year,
                "due_date": y.due_date.isoformat(),
                "fee": _money(y.fee),
                "payable": _money(y.payable),
                "paid": _money(y.paid),
                "surcharge_rate": _percent(y.surcharge_rate),
                "surcharge": _money(y.surcharge),
                "amount_due": _money(y.amount_due),
                "status": y.status.value,
            }
            for y in s.years
        ],
    }


def run_fees(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    words = args.words
    if words[0] == "pay" and len(words) == 2:
        return _pay(args, words[1], ws)
    if len(words) != 1 or words[0] == "pay":
        raise ValidationError(Problem("cli.fees_usage", "number"))
    for option in ("year", "amount", "on"):
        if getattr(args, option) is not None:
            raise ValidationError(Problem("cli.fees_option", option, {"option": f"--{option}", "form": "fees pay"}))
    as_of = date_arg(args.as_of, ws.clock)
    emit(schedule_json(ws.fees.report(words[0], as_of)))
    return EXIT_OK


def _pay(args: argparse.Namespace, number: str, ws: Any) -> int:
    from ipdesk.domain.fees.payments import parse_amount

    if args.as_of is not None:
        raise ValidationError(Problem("cli.fees_option", "as_of", {"option": "--as-of", "form": "fees <number>"}))
    if args.year is None or args.amount is None:
        raise ValidationError(Problem("cli.fees_usage", "year" if args.year is None else "amount"))
    amount = parse_amount(args.amount)
    on = date_arg(args.on, ws.clock)
    done = ws.fees.pay(ws.actor, number, args.year, amount, on=on, payer=args.payer, receipt_no=args.receipt)
    m = done.matched
    emit({
        "payment_id": done.payment_id,
        "number": ws.fees.report(number).right.display_number,
        "year": args.year,
        "amount": _money(amount),
        "paid_on": on.isoformat(),
        "due_before": _money(m.year.amount_due),
        "settled": m.settles,
        "fees_paid_through": m.paid_through,
    })
    return EXIT_OK
