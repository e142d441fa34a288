"""Statistics commands: ``stats pledges`` (count and secured amount by year, family, bank, region, kind), ``stats
months`` / ``decisions`` / ``rights`` / ``disposal`` (JSON), ``stats report --out`` (PDF, Excel or CSV), and
``digest [--days 14]`` (what falls due, JSON)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, emit
from ipdesk.config import AppConfig


def _years(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--from", dest="start", type=int, metavar="YYYY", help=f"first year of {what}")
    parser.add_argument("--to", dest="end", type=int, metavar="YYYY", help=f"last year of {what}")


def add_parsers(sub: Subparsers) -> None:
    stats = command(sub, "stats", run_stats, help="statistics of the register: pledges, months, decisions, rights")
    actions = stats.add_subparsers(dest="action", required=True)
    pledges = actions.add_parser(
        "pledges", help="registered pledges (cancelled ones in the year they were registered): count and "
                        "secured amount (JSON)")
    pledges.add_argument("--by", default="", metavar="DIMENSIONS",
                         help="comma-separated: year, family, bank, region, kind (e.g. year,family); none: totals only")
    _years(pledges, "registration")
    pledges.add_argument("--unit", default="yuan", choices=["yuan", "wan", "yi"],
                         help="amounts in yuan, 万元 (wan) or 亿元 (yi), two decimals")
    months = actions.add_parser("months", help="registrations, changes and cancellations by month (JSON)")
    _years(months, "the events")
    decisions = actions.add_parser("decisions", help="days to decision and decisions on time, by year (JSON)")
    _years(decisions, "decision")
    actions.add_parser("rights", help="rights pledged today by kind: annual-fee status and risk flags (JSON)")
    disposal = actions.add_parser("disposal", help="closed disposal cases by year: days to close, recovery rate "
                                                   "(proceeds / secured claim of the settled ones) (JSON)")
    _years(disposal, "closing")
    report = actions.add_parser("report", help="the statistics report: .pdf (charts and tables), .xlsx or .csv")
    report.add_argument("--out", type=Path, required=True, help="the file to write (.pdf, .xlsx or .csv)")
    _years(report, "registration")
    report.add_argument("--unit", default="wan", choices=["yuan", "wan", "yi"], help="amounts (default 万元)")
    report.add_argument("--lang", default="zh", choices=["zh", "en"], help="headers of the Excel/CSV tables")

    digest = command(sub, "digest", run_digest, help="what falls due in the next N days across the office (JSON)")
    digest.add_argument("--days", default="14", help="look-ahead in days, 1-366 (default 14)")
    digest.add_argument("--out", type=Path, help="also write the list to this file (.xlsx or .csv)")


def run_stats(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.domain.statistics.pledges import Dimension, parse_dimensions, parse_unit

    st = ws.statistics
    if args.action == "pledges":
        emit(st.pledges(parse_dimensions(args.by), start=args.start, end=args.end, unit=parse_unit(args.unit))
             .to_json())
    elif args.action == "months":
        emit(st.monthly(args.start, args.end).to_json())
    elif args.action == "decisions":
        emit(st.decisions(args.start, args.end).to_json())
    elif args.action == "rights":
        emit(st.pledged_rights().to_json())
    elif args.action == "disposal":
        emit(st.disposal(args.start, args.end).to_json())
    else:
        by = st.pledges((Dimension.YEAR, Dimension.FAMILY), start=args.start, end=args.end,
                        unit=parse_unit(args.unit))
        monthly, decisions, rights = st.monthly(args.start, args.end), st.decisions(args.start, args.end), \
            st.pledged_rights()
        risk, disposal = st.risk_signals(), st.disposal(args.start, args.end)
        if args.out.suffix.lower() == ".pdf":
            from ipdesk.reports.statistics.report_pdf import render_statistics

            scope = ("全部年份" if args.start is None and args.end is None
                     else f"{args.start or '…'}–{args.end or '…'} 年")
            render_statistics(args.out, by, monthly, decisions, rights, office_name=ws.office.settings().office_name,
                              issued_at=ws.clock.local(ws.clock.now()).replace(microsecond=0), scope=scope,
                              risk=risk, disposal=disposal)
            lines = len(by.rows)
        else:
            from ipdesk.services.statistics.export import export_statistics

            lines = export_statistics(args.out, by, args.lang, monthly=monthly, decisions=decisions, rights=rights,
                                      risk=risk, disposal=disposal)
        emit({"ok": True, "out": str(args.out), "lines": lines})
    return EXIT_OK


def run_digest(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.domain.statistics.digest import parse_days

    digest = ws.digest.digest(ws.actor, parse_days(args.days))
    if args.out is not None:
        ws.digest.export(digest, args.out)
    emit(digest.to_json())
    return EXIT_OK
