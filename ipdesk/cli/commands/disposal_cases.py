"""Disposal case commands: ``ipdesk disposal open|show|list|advance|reverse|recover|print`` and ``ipdesk settle
<case-no>`` (JSON). A case is named by its number (``CZ202600001``) or ``#id``; another agency's case reads as
not found.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, date_arg, emit
from ipdesk.config import AppConfig

STAGE_CHOICES = ["default_notice", "valuation", "route", "listing", "deal", "settlement", "transfer",
                 "cancellation", "closed"]


def add_parsers(sub: Subparsers) -> None:
    case = command(sub, "disposal", run_disposal, help="disposal cases: from a defaulted pledge to a closed case")
    case_sub = case.add_subparsers(dest="disposal_command", required=True)

    opened = case_sub.add_parser("open", help="open a case on a registered pledge whose loan is in default")
    opened.add_argument("pledge", help="the pledge's registration number")
    opened.add_argument("--scheme", default="", help="loss-sharing scheme of the shortfall (as ipdesk settle --scheme)")
    opened.add_argument("--fund", default="", help="the compensation fund that shares the loss (name or #id; its "
                                                   "scheme applies)")
    opened.add_argument("--responsible", default="", help="the user responsible for the first stage (default you)")
    opened.add_argument("--on", help="date (default today)")

    show = case_sub.add_parser("show", help="a case with its plan, timeline, documents and settlement")
    show.add_argument("case", help="case number or #id")

    lst = case_sub.add_parser("list", help="the cases you may see")
    lst.add_argument("--stage", choices=STAGE_CHOICES, help="only the cases at this stage")
    lst.add_argument("--open", action="store_true", help="only the cases not closed")

    adv = case_sub.add_parser("advance", help="complete the current stage and enter the next")
    adv.add_argument("case", help="case number or #id")
    adv.add_argument("--document", action="append", metavar="CODE[=REFERENCE]",
                     help="a document of the stage put on file, repeated (e.g. default_notice=TZ-2026-17)")
    adv.add_argument("--market-value", help="valuation: market value (yuan)")
    adv.add_argument("--forced-value", help="valuation: forced-sale value (yuan)")
    adv.add_argument("--route", choices=["set_off", "auction", "negotiated", "tender", "exchange", "licence", "capp"],
                     help="route: 协议折价 set-off, auction, negotiated transfer, tender, exchange listing, licence, "
                          "committed buyer")
    adv.add_argument("--listing", help="listing: the venue or announcement")
    adv.add_argument("--lot", help="listing: the marketplace lot id")
    adv.add_argument("--buyer", help="deal: the buyer (USCC, exact name or #id; a set-off: the pledgee)")
    adv.add_argument("--price", help="deal: the price (yuan)")
    adv.add_argument("--responsible", default="", help="the user responsible for the next stage (default unchanged)")
    adv.add_argument("--on", help="date (default today)")

    rec = case_sub.add_parser("recover", help="a payment on the shortfall after the settlement, credited back to "
                                              "whoever bore the loss")
    rec.add_argument("case", help="case number or #id")
    rec.add_argument("--amount", required=True, help="yuan")
    rec.add_argument("--on", help="date (default today)")

    prt = case_sub.add_parser("print", help="issue a case's signed document and write it as a PDF")
    prt.add_argument("case", help="case number or #id")
    prt.add_argument("--document", required=True, choices=["settlement_statement", "transfer_confirmation"])
    prt.add_argument("--out", required=True, type=Path, help="the PDF file to write")

    rev = case_sub.add_parser("reverse", help="undo the last step by a recorded reversing act")
    rev.add_argument("case", help="case number or #id")
    rev.add_argument("--reason", required=True, help="why (kept on the timeline)")
    rev.add_argument("--on", help="date (default today)")


def add_settle_case(settle: argparse.ArgumentParser) -> None:
    """``ipdesk settle <case-no>``: the optional positional of the settle command."""
    settle.add_argument("case", nargs="?", help="a disposal case to settle (number or #id); without it the "
                                                "options compute a settlement and nothing is written")
    settle.add_argument("--on", help="with a case: the settlement date (default today)")


def _documents(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        code, _, reference = item.partition("=")
        out[code.strip()] = reference.strip()
    return out


def run_disposal(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    cases, actor, cmd = ws.disposal, ws.actor, args.disposal_command
    if cmd == "open":
        done = cases.open(actor, args.pledge, scheme=args.scheme, fund=args.fund, responsible=args.responsible,
                          on=date_arg(args.on, ws.clock))
        emit({"ok": True, "case": done.value.to_json()})
        return EXIT_OK
    if cmd == "list":
        from ipdesk.domain.disposal.stages import Stage

        found = cases.list(actor, stage=Stage(args.stage) if args.stage else None, open_only=args.open)
        emit({"cases": [{"id": c.id, "case_no": c.case_no, "pledge": c.pledge_no, "stage": c.stage.value,
                         "stage_due_on": c.stage_due_on.isoformat() if c.stage_due_on else None,
                         "overdue_days": c.overdue_days, "responsible": c.responsible} for c in found]})
        return EXIT_OK
    case_id = cases.find(actor, args.case).id
    if cmd == "show":
        emit(cases.get(actor, case_id).to_json())
        return EXIT_OK
    if cmd == "print":
        from ipdesk.services.notices.service import atomic_write

        issued = cases.documents.issue(actor, case_id, args.document)
        atomic_write(args.out, cases.documents.render(issued))
        emit({"ok": True, "serial": issued.serial, "document": args.document, "file": str(args.out)})
        return EXIT_OK
    on = date_arg(args.on, ws.clock)
    if cmd == "recover":
        from ipdesk.cli.commands.loans import _amount

        emit({"ok": True, "case": cases.recover(actor, case_id, _amount(args.amount), on=on).value.to_json()})
        return EXIT_OK
    if cmd == "reverse":
        emit({"ok": True, "case": cases.reverse(actor, case_id, args.reason, on=on).value.to_json()})
        return EXIT_OK
    facts = {key: value for key, value in (("market_value", args.market_value), ("forced_value", args.forced_value),
                                           ("route", args.route), ("listing", args.listing), ("lot", args.lot),
                                           ("buyer", args.buyer), ("price", args.price)) if value is not None}
    done = cases.advance(actor, case_id, documents=_documents(args.document), facts=facts,
                         responsible=args.responsible, on=on)
    emit({"ok": True, "case": done.value.to_json()})
    return EXIT_OK


def run_settle_case(args: argparse.Namespace, ws: Any) -> int:
    """``ipdesk settle <case-no> [--costs C]``: settle a real case (once: a second settlement is refused)."""
    from decimal import Decimal

    from ipdesk.domain.shared.fields import parse_money
    from ipdesk.domain.shared.problems import ValidationError

    costs, problems = parse_money(args.costs, "costs", "处置费用")
    if problems:
        raise ValidationError(problems)
    case_id = ws.disposal.find(ws.actor, args.case).id
    done = ws.disposal.settle(ws.actor, case_id, costs=costs if costs is not None else Decimal("0.00"),
                              on=date_arg(args.on, ws.clock))
    emit({"ok": True, "case_no": done.case.case_no, **done.settlement})
    return EXIT_OK
