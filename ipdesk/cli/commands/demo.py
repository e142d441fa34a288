"""The demo data command: a deterministic data set loaded into an empty register."""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    demo = command(sub, "demo-data", run_demo_data,
                   help="load a deterministic demo data set into an empty register")
    demo.add_argument("--rights", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--pledges", type=int, default=40,
                      help="demo pledge applications filed through the services")


def run_demo_data(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.demo.generator import load_demo_data

    summary = load_demo_data(ws.engine, ws.actor, rights=args.rights, seed=args.seed, pledges=args.pledges,
                             clock=ws.clock)
    emit(summary.to_json())
    return EXIT_OK
