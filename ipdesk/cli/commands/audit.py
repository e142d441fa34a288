"""Audit commands: verify the keyed chain, the register against its audited state and the anchors (exit 1
when anything differs); export the signed checkpoints of the chain head."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, EXIT_REFUSED, Subparsers, command, emit
from ipdesk.config import AppConfig
from ipdesk.domain.shared.problems import Problem, ValidationError


def add_parsers(sub: Subparsers) -> None:
    audit = command(sub, "audit", run_audit, help="audit log")
    audit.add_argument("action", choices=["verify", "checkpoints"],
                       help="verify: chain, register and anchors; checkpoints: export the signed heads")
    audit.add_argument("--anchor", type=Path, action="append", default=[],
                       help="verify against this notice PDF or checkpoint export too (repeatable)")
    audit.add_argument("--out", type=Path, help="checkpoints: the file to write (JSON)")


def run_audit(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    if args.action == "checkpoints":
        if args.out is None:
            raise ValidationError(Problem("required", "--out", {"label": "--out"}))
        emit({"ok": True, **ws.audit.export_checkpoints(args.out)})
        return EXIT_OK
    report = ws.audit.verify(args.anchor)
    emit(report.to_json())
    return EXIT_OK if report.ok else EXIT_REFUSED
