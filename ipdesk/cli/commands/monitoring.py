"""Rights-protection custody commands: ``monitoring add`` (an entry on a right), ``close`` (its outcome), ``list``."""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    monitoring = command(sub, "monitoring", run_monitoring, help="rights-protection custody: add | close | list")
    actions = monitoring.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="record an entry on a right (an invalidation request flags it: P11)")
    add.add_argument("number", help="the right's number, any accepted form")
    add.add_argument("--kind", required=True, help="infringement | invalidation | litigation | administrative")
    add.add_argument("--on", help="when it was found or filed (default today; not after it)")
    add.add_argument("--counterparty", default="", help="the infringer, the requester, the other side")
    add.add_argument("--reference", default="", help="case or request number")
    add.add_argument("--documents", default="", help="the documents on file (names or references)")
    add.add_argument("--notes", default="")
    close = actions.add_parser("close", help="close an open entry with its outcome")
    close.add_argument("id", type=int)
    close.add_argument("--outcome", required=True,
                       help="invalidation: maintained | partially_invalidated | invalidated | withdrawn; "
                            "the others: upheld | rejected | settled | withdrawn")
    close.add_argument("--on", help="closing date (default today)")
    close.add_argument("--notes", default="")
    listing = actions.add_parser("list", help="entries newest first, of one right or of all (JSON)")
    listing.add_argument("number", nargs="?", help="only this right's entries")
    listing.add_argument("--open", action="store_true", dest="open_only", help="only the open entries")


def run_monitoring(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    if args.action == "add":
        entry = ws.monitoring.add(ws.actor, {"right": args.number, "kind": args.kind, "opened_on": args.on,
                                             "counterparty": args.counterparty, "reference": args.reference,
                                             "documents": args.documents, "notes": args.notes})
        emit({"ok": True, "entry": entry.to_json()})
    elif args.action == "close":
        entry = ws.monitoring.close(ws.actor, args.id, {"outcome": args.outcome, "closed_on": args.on,
                                                        "notes": args.notes})
        emit({"ok": True, "entry": entry.to_json()})
    else:
        right_id = ws.rights.get_by_number(args.number).id if args.number else None
        emit({"entries": [e.to_json() for e in ws.monitoring.list(right_id, open_only=args.open_only)]})
    return EXIT_OK
