"""Registry commands: check a right number, show a right, import parties or rights."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ipdesk.cli.commands.common import EXIT_BAD_INPUT, EXIT_OK, NOTHING, Subparsers, command, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    number = command(sub, "number", run_number, needs=NOTHING, help="identifiers")
    number_sub = number.add_subparsers(dest="number_command", required=True)
    check = number_sub.add_parser("check", help="validate and normalise a right number (JSON)")
    check.add_argument("value")
    check.add_argument("--kind", help="invention | utility_model | design | trademark | copyright | software")

    right = command(sub, "right", run_right, help="rights register")
    right_sub = right.add_subparsers(dest="right_command", required=True)
    show = right_sub.add_parser("show", help="a right as JSON")
    show.add_argument("number")


def add_import_parser(sub: Subparsers) -> None:
    imp = command(sub, "import", run_import, help="import parties or rights from CSV / XLSX (all or nothing)")
    imp.add_argument("kind", choices=["parties", "rights"])
    imp.add_argument("file", type=Path)


def run_number(args: argparse.Namespace, config: AppConfig, _ws: Any) -> int:
    from ipdesk.domain.registry.identifiers import describe_number
    from ipdesk.domain.registry.rights import RightKind

    kind = None
    if args.kind:
        try:
            kind = RightKind(args.kind)
        except ValueError:
            emit({"valid": False, "input": args.value, "error": f"unknown kind: {args.kind}"})
            return EXIT_BAD_INPUT
    result = describe_number(args.value, kind, config.lang)
    emit(result)
    return EXIT_OK if result.get("valid") else EXIT_BAD_INPUT


def run_right(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    right = ws.rights.get_by_number(args.number)
    emit(right_json(right))
    return EXIT_OK


def run_import(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.services.registry.imports import ImportService

    report = ImportService(ws.engine, clock=ws.clock).import_file(ws.actor, args.kind, args.file)
    emit({**report.to_json(), "problems": [p.to_json(config.lang) for p in report.problems]})
    return EXIT_OK if report.ok else EXIT_BAD_INPUT


def right_json(right: Any) -> dict[str, Any]:
    """A right as ``right show`` prints it."""
    from ipdesk.domain.registry.rights import KIND_LABELS, STATUS_LABELS

    return {
        "id": right.id,
        "kind": right.kind.value,
        "kind_label": KIND_LABELS[right.kind][0],
        "number": right.number,
        "display_number": right.display_number,
        "title": right.title,
        "legal_status": right.legal_status.value,
        "legal_status_label": STATUS_LABELS[right.legal_status][0],
        "filing_date": right.filing_date,
        "grant_date": right.grant_date,
        "registration_date": right.registration_date,
        "publication_date": right.publication_date,
        "expiry_date": right.expiry_date,
        "term_extension_days": right.term_extension_days,
        "flags": {
            "invalidation_requested": right.invalidation_requested,
            "ownership_dispute": right.ownership_dispute,
            "court_preservation": right.court_preservation,
        },
        "nice_classes": list(right.nice_classes),
        "ipc_main": right.ipc_main,
        "product": right.product,
        "owners": [{"party_id": o.party_id, "name": o.name, "share": str(o.share)} for o in right.owners],
        "version": right.version,
    }
