"""User commands (add, list, lock, unlock, passwd) and the sign-in every command needs once users exist."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

# the module registering the sign-in codes raised here (the user service loads only when first used: the
# window's start paints its sign-in dialog before SQLAlchemy is imported)
import ipdesk.domain.users.signin_messages  # noqa: F401
from ipdesk.cli.commands.common import EXIT_OK, Subparsers, command, emit
from ipdesk.config import AppConfig
from ipdesk.domain.shared.messages import register

register({
    "signin.must_change": (
        "账户 {name} 由管理员创建，须先修改密码：ipdesk --user {name} user passwd {name}",
        "account {name} was created by an administrator and must change its password first: "
        "ipdesk --user {name} user passwd {name}",
    ),
})


def add_parsers(sub: Subparsers) -> None:
    user = command(sub, "user", run_user, help="users: add | list | lock | unlock | passwd")
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a user (the first one must be an admin: the bootstrap)")
    add.add_argument("name")
    add.add_argument("--role", required=True, help="clerk, approver, agency, custodian, insurer, auditor, admin")
    add.add_argument("--party", help="the party an agency or insurer officer acts for (id or USCC)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    actions.add_parser("list", help="list the users")
    for name in ("lock", "unlock"):
        actions.add_parser(name, help=f"{name} an account").add_argument("name")
    passwd = actions.add_parser("passwd", help="set a password (your own, or anyone's as an administrator)")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")


def _new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass(f"{args.name} 的新密码 / new password: ")


def _party_id(ws: Any, text: str | None) -> int | None:
    if text is None or text.strip().isdigit():
        return int(text) if text is not None else None
    from ipdesk.domain.shared.problems import NotFound, Problem

    party = ws.parties.by_uscc(text.strip().upper())
    if party is None:
        raise NotFound(Problem("not_found", "party", {"what": "当事人", "key": text}))
    return party.id


def run_user(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    if args.action == "list":
        emit({"users": [u.to_json() for u in ws.users.list(ws.actor)]})
        return EXIT_OK
    if args.action == "add":
        user = ws.users.add(ws.actor, args.name, args.role, _new_password(args), _party_id(ws, args.party))
    elif args.action == "passwd":
        user = ws.users.change_password(ws.actor, args.name, _new_password(args))
    elif args.action == "lock":
        user = ws.users.lock(ws.actor, args.name)
    else:
        user = ws.users.unlock(ws.actor, args.name)
    emit({"ok": True, "user": user.to_json()})
    return EXIT_OK


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    """Who signs in: ``--user`` or IPDESK_USER; the password from IPDESK_PASSWORD or a prompt without echo.

    Raises:
        SignInFailed: no user name, or no password to be had (exit code 4).
    """
    from ipdesk.domain.shared.problems import Problem, SignInFailed

    name = getattr(args, "user", None) or os.environ.get("IPDESK_USER", "")
    if not name:
        raise SignInFailed(Problem("signin.required", "user"))
    password = os.environ.get("IPDESK_PASSWORD")
    if password is None:
        try:
            password = getpass.getpass(f"{name} 的密码 / password: ")
        except (EOFError, OSError):  # no terminal and nothing on stdin
            raise SignInFailed(Problem("signin.required", "user")) from None
    return name, password


def sign_in(ws: Any, args: argparse.Namespace) -> None:
    """Once the database has users, every command runs as a signed-in one (``ws.actor``). Before the first
    user exists only the bootstrap runs (``user add NAME --role admin``, as the workstation's default actor),
    and the demo data (which makes one account per role); anything else is a missing sign-in (exit 4)."""
    from ipdesk.storage.engine import set_application_name

    if not ws.users.has_users():
        if _runs_before_the_first_user(args):
            return
        from ipdesk.domain.shared.problems import Problem, SignInFailed

        raise SignInFailed(Problem("signin.no_users", "user"))
    name, password = credentials(args)
    user = ws.users.authenticate(name, password)
    if user.must_change_password and not _changes_own_password(args, user.name):
        from ipdesk.domain.shared.problems import Problem, SignInFailed

        # First sign-in of an account an administrator created: the password someone else chose is
        # good for one thing only, choosing one's own.
        raise SignInFailed(Problem("signin.must_change", "user", {"name": user.name}))
    ws.actor = user.actor
    set_application_name(ws.engine, user.name)


def sign_in_engine(config: AppConfig, args: argparse.Namespace, clock: Any) -> None:
    """The sign-in of a command that opens the database itself (``db``): checked when the database already
    holds users (a database not migrated that far has none to check)."""
    from sqlalchemy import inspect

    from ipdesk.domain.shared.clock import OfficeClock
    from ipdesk.services.users.service import UserService
    from ipdesk.storage.engine import check_connection, make_engine, sqlite_file

    engine = make_engine(config.database_url)
    try:
        path = sqlite_file(engine)
        if path is not None and not path.exists():
            return  # no database, no users: the command itself says there is none (or creates it)
        check_connection(engine)
        if "users" not in inspect(engine.execution_options(readonly=True)).get_table_names():  # no write lock
            return
        service = UserService(engine, OfficeClock(clock))
        if service.has_users():
            service.authenticate(*credentials(args))
    finally:
        engine.dispose()


def _runs_before_the_first_user(args: argparse.Namespace) -> bool:
    command = getattr(args, "command", None)
    # ``user add`` of another role is the service's to refuse (its message says the first must be an admin)
    return (command == "user" and getattr(args, "action", None) == "add") or command == "demo-data"


def _changes_own_password(args: argparse.Namespace, name: str) -> bool:
    from ipdesk.domain.users.rules import normalise_name

    return (getattr(args, "command", None) == "user" and getattr(args, "action", None) == "passwd"
            and normalise_name(getattr(args, "name", "")) == name)
