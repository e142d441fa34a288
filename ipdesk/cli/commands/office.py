"""Office commands: the database (upgrade, current revision, backup)."""

from __future__ import annotations

import argparse
from typing import Any

from ipdesk.cli.commands.common import ENGINE, EXIT_OK, Subparsers, command, emit
from ipdesk.config import AppConfig


def add_parsers(sub: Subparsers) -> None:
    db = command(sub, "db", run_db, needs=ENGINE, help="database: upgrade | current | backup")
    db.add_argument("action", choices=["upgrade", "current", "backup"])
    db.add_argument("--create", action="store_true",
                    help="upgrade only: create a new SQLite database when there is none at the path")


def run_db(args: argparse.Namespace, config: AppConfig, _ws: Any) -> int:
    from ipdesk.storage import migrate
    from ipdesk.storage.engine import check_connection, describe, make_engine

    engine = make_engine(config.database_url)
    check_connection(engine, create=args.action == "upgrade" and args.create)
    if args.action == "current":
        emit({"database": describe(engine), "current": migrate.current_revision(engine),
              "head": migrate.head_revision()})
    elif args.action == "upgrade":
        before = migrate.current_revision(engine)
        copy = migrate.upgrade_to_head(engine, config.backup_dir)
        emit({"database": describe(engine), "from": before, "to": migrate.current_revision(engine),
              "backup": str(copy) if copy else None})
    else:
        copy = migrate.backup(engine, config.backup_dir)
        emit({"database": describe(engine), "backup": str(copy)})
    engine.dispose()
    return EXIT_OK
