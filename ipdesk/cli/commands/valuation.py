"""Valuation commands: record a valuation of a right or a package (``add``), show a right's valuations and
value-analysis sheets (``show``), a pledge's loan-to-value line (``ltv``)."""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    valuation = command(sub, "valuation", run_valuation, help="valuations: add | show | ltv")
    actions = valuation.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="record a valuation of one right, or of several as a package (JSON)")
    add.add_argument("numbers", nargs="+", metavar="number", help="the right(s) valued; several make a package")
    add.add_argument("--evaluator", required=True, help="the evaluator party: USCC, exact name or #id")
    add.add_argument("--method", required=True, help="income | market | cost")
    add.add_argument("--value", required=True, help="assessed value in yuan (two decimals at most)")
    add.add_argument("--value-date", required=True, help="the value date (评估基准日), not after today")
    add.add_argument("--forced-sale-value", help="forced-sale (quick realisation) value for disposal, in yuan")
    add.add_argument("--valid-until", help="last day the valuation holds (default: the office's validity setting)")
    add.add_argument("--report-no", default="", help="the evaluator's report number")
    add.add_argument("--notes", default="")
    show = actions.add_parser("show", help="a right's current valuation and its history (JSON)")
    show.add_argument("number")
    ltv = actions.add_parser("ltv", help="a pledge's loan-to-value line and its warnings (JSON)")
    ltv.add_argument("pledge", help="registration or application number")


def run_valuation(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    if args.action == "add":
        data = {"rights": args.numbers, "evaluator": args.evaluator, "method": args.method, "value": args.value,
                "value_date": args.value_date, "forced_sale_value": args.forced_sale_value,
                "valid_until": args.valid_until, "report_no": args.report_no, "notes": args.notes}
        record = ws.valuation.add(ws.actor, data)
        emit({"ok": True, "valuation": record.to_json(ws.clock.today())})
        return EXIT_OK
    if args.action == "ltv":
        pledge = ws.pledges.find(args.pledge)
        line = ws.valuation.pledge_ltv(pledge.id)
        emit({"pledge": args.pledge, "as_of": ws.clock.today().isoformat(), **line.to_json(config.lang)})
        return EXIT_OK
    right = ws.rights.get_by_number(args.number)
    today = ws.clock.today()
    history = ws.valuation.for_right(right.id)
    from ipdesk.domain.valuation.valuation import current

    now = current(history, today)
    emit({"number": right.display_number, "kind": right.kind.value, "as_of": today.isoformat(),
          "current": None if now is None else now.to_json(today),
          "history": [v.to_json(today) for v in history],
          "analyses": [a.to_json() for a in ws.value_analysis.for_right(right.id)]})
    return EXIT_OK
