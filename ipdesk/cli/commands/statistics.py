"""Statistics commands: ``stats pledges`` (count and secured amount by year, family, bank, region; JSON)."""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    stats = command(sub, "stats", run_stats, help="statistics of the register: pledges")
    actions = stats.add_subparsers(dest="action", required=True)
    pledges = actions.add_parser(
        "pledges", help="registered pledges (cancelled ones in the year they were registered): count and "
                        "secured amount (JSON)")
    pledges.add_argument("--by", default="", metavar="DIMENSIONS",
                         help="comma-separated: year, family, bank, region (e.g. year,family); none: totals only")
    pledges.add_argument("--from", dest="start", type=int, metavar="YYYY", help="first year of registration")
    pledges.add_argument("--to", dest="end", type=int, metavar="YYYY", help="last year of registration")
    pledges.add_argument("--unit", default="yuan", choices=["yuan", "wan", "yi"],
                         help="amounts in yuan, 万元 (wan) or 亿元 (yi), two decimals")


def run_stats(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.domain.statistics.pledges import parse_dimensions, parse_unit

    result = ws.statistics.pledges(parse_dimensions(args.by), start=args.start, end=args.end,
                                   unit=parse_unit(args.unit))
    emit(result.to_json())
    return EXIT_OK
