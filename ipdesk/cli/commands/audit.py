"""Audit commands: verify the hash chain of the audit log (exit 1 when it is broken)."""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, EXIT_REFUSED, Subparsers, command, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    audit = command(sub, "audit", run_audit, help="audit log")
    audit.add_argument("action", choices=["verify"])


def run_audit(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    report = ws.audit.verify()
    emit(report.to_json())
    return EXIT_OK if report.ok else EXIT_REFUSED
