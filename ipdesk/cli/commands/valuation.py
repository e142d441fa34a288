"""Valuation commands: record a valuation of a right or a package (``add``), show a right's valuations and
value-analysis sheets (``show``), a pledge's loan-to-value line (``ltv``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

# the modules registering the message codes raised here (the services load only when first used)
import ipdesk.domain.shared.fields
import ipdesk.domain.valuation.settings  # noqa: F401
from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    valuation = command(sub, "valuation", run_valuation,
                        help="valuations: add | show | ltv | score | weights | settings")
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
    score = actions.add_parser("score", help="score a value-analysis sheet of a right or a valuation (JSON)")
    score.add_argument("number", nargs="?", help="the right (or give --valuation)")
    score.add_argument("--valuation", type=int, help="the valuation the sheet goes with (id)")
    score.add_argument("--score", action="append", default=[], metavar="INDICATOR=SCORE",
                       help="one sub-indicator's score 0-100, e.g. stability=80 (repeat for each)")
    score.add_argument("--scores", type=Path, help="a JSON file {indicator: score} (with --score overriding)")
    score.add_argument("--on", help="the scoring date (default today; not after it)")
    score.add_argument("--notes", default="")
    weights = actions.add_parser("weights", help="the value-analysis weight sets; --add records one (JSON)")
    weights.add_argument("--add", type=Path, metavar="FILE",
                         help="JSON {effective_from, degrees: {legal, technical, economic}, indicators: {…}}")
    weights.add_argument("--on", help="show the set in force on this date (default today)")
    settings = actions.add_parser("settings", help="show or change the valuation settings (JSON)")
    settings.add_argument("--validity-months", type=int, help="how long a valuation holds (default 12)")
    settings.add_argument("--term-buffer-months", type=int, help="a right must outlive the loan by this much")
    settings.add_argument("--cap", action="append", default=[], metavar="KIND=PERCENT",
                          help="LTV cap of a kind of right, e.g. invention=50 (repeat for each)")


def run_valuation(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    if args.action == "add":
        data = {"rights": args.numbers, "evaluator": args.evaluator, "method": args.method, "value": args.value,
                "value_date": args.value_date, "forced_sale_value": args.forced_sale_value,
                "valid_until": args.valid_until, "report_no": args.report_no, "notes": args.notes}
        record = ws.valuation.add(ws.actor, data)
        emit({"ok": True, "valuation": record.to_json(ws.clock.today())})
        return EXIT_OK
    if args.action in ("score", "weights", "settings"):
        return _value_analysis(args, ws)
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


def _pairs(items: list[str], what: str) -> dict[str, str]:
    from ipdesk.domain.shared.problems import Problem, ValidationError

    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValidationError(Problem("bad_choice", what, {"label": what, "value": item, "choices": "KEY=VALUE"}))
        out[key.strip()] = value.strip()
    return out


def _value_analysis(args: argparse.Namespace, ws: Any) -> int:
    from ipdesk.cli.commands.common import date_arg, load_json

    if args.action == "score":
        scores: dict[str, Any] = dict(load_json(args.scores)) if args.scores else {}
        scores.update(_pairs(args.score, "score"))
        sheet = ws.value_analysis.score(ws.actor, {"right": args.number or "", "valuation": args.valuation or "",
                                                   "scores": scores, "scored_on": args.on, "notes": args.notes})
        emit({"ok": True, "analysis": sheet.to_json()})
    elif args.action == "weights":
        if args.add:
            emit({"ok": True, "weights": ws.value_analysis.add_weight_set(ws.actor, load_json(args.add)).to_json()})
        else:
            on = date_arg(args.on, ws.clock)
            emit({"in_force": ws.value_analysis.weights_on(on).to_json(), "as_of": on.isoformat(),
                  "stored": [w.to_json() for w in ws.value_analysis.weight_sets()]})
    else:
        from dataclasses import replace
        from decimal import Decimal, InvalidOperation

        from ipdesk.domain.shared.problems import Problem, ValidationError

        current = ws.valuation.settings()
        changes: dict[str, Any] = {}
        if args.validity_months is not None:
            changes["validity_months"] = args.validity_months
        if args.term_buffer_months is not None:
            changes["term_buffer_months"] = args.term_buffer_months
        if args.cap:
            caps = dict(current.ltv_caps)
            for kind, text in _pairs(args.cap, "cap").items():
                try:
                    caps[kind] = Decimal(text)
                except InvalidOperation:
                    raise ValidationError(Problem("valuation.ltv_cap", "ltv_caps", {"kind": kind, "value": text})) \
                        from None
            changes["ltv_caps"] = caps
        if changes:
            current = replace(current, **changes)
            ws.valuation.save_settings(ws.actor, current)
        emit(current.to_json())
    return EXIT_OK
