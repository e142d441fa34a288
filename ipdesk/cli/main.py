"""The command line on the same services as the GUI: the parser, the global options and dispatch.

Each bounded context adds its subcommands (``ipdesk.cli.commands.<context>``); every command prints JSON.
Exit codes: 0 ok, 1 refused by a rule or a permission, 2 bad input (nothing written; argparse's usage errors
too, in the reader's language), 3 internal error (a bug: reported as JSON with the exception, never as a bare
traceback), 4 a failed or missing sign-in or a locked account (once the database has users every command that
opens it signs in: ``--user`` / IPDESK_USER), 130 interrupted (Ctrl+C: one line, no traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ipdesk import __version__
from ipdesk.cli.commands import (
    audit,
    custody,
    demo,
    disposal,
    fees,
    funds,
    insurance,
    loans,
    market,
    matchmaking,
    monitoring,
    notices,
    office,
    pledges,
    registry,
    risk,
    statistics,
    users,
    valuation,
)
from ipdesk.cli.commands.common import (
    ENGINE,
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_SIGN_IN,
    NOTHING,
    emit,
)
from ipdesk.cli.usage import language_of, messages_in
from ipdesk.config import AppConfig
from ipdesk.domain.shared.clock import Clock, FixedClock, parse_instant
from ipdesk.domain.shared.messages import Message, register
from ipdesk.domain.shared.problems import DomainError, Problem, ValidationError
from ipdesk.domain.shared.safe_text import text_problem

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_OK", "EXIT_REFUSED", "EXIT_SIGN_IN", "build_parser", "emit", "main"]

#: Ctrl+C, as a shell reports a command ended by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130
#: Longer than any path or name the register holds: an argument beyond it is a mistake or an attack.
MAX_ARGUMENT = 4096
#: Options that name a file the command writes (checked before the command does its work).
OUTPUT_OPTIONS = ("out", "export", "certificate")

register({
    "cli.argument": ("第 {n} 个参数", "argument {n}"),
    "cli.bad_now": ("--now 应为 ISO 时间（含时区，例如 2026-12-01T17:58:00Z 或 2026-12-02T01:58:00+08:00）：{value}",
                    "--now must be an ISO timestamp (e.g. 2026-12-01T17:58:00Z or 2026-12-02T01:58:00+08:00): {value}"),
})


def add_global_options(p: argparse.ArgumentParser) -> None:
    """Options before the command, for every command (they decide the configuration: see config_from)."""
    p.add_argument("--version", action="version", version=f"ipdesk {__version__}")
    p.add_argument("--database", help="SQLAlchemy URL (default: IPDESK_DATABASE_URL or SQLite in the data folder)")
    p.add_argument("--data-dir", type=Path, help="data folder (default: IPDESK_DATA_DIR or the user data folder)")
    p.add_argument("--lang", choices=["zh", "en"], help="message language (default zh)")
    p.add_argument("--now", metavar="TIMESTAMP",
                   help="run as if it were this instant (ISO, Z or an offset, e.g. 2026-12-01T17:58:00Z); "
                        "dates are days in the office timezone. For reproducible runs")
    p.add_argument("--self-check", action="store_true",
                   help="open the database and the main window offscreen, then exit")
    p.add_argument("--user", metavar="NAME",
                   help="sign in as NAME once the database has users (default: IPDESK_USER); the password "
                        "comes from IPDESK_PASSWORD or a prompt without echo")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ipdesk", description="知识产权质押登记与处置工作站 / IP pledge workstation")
    add_global_options(p)
    sub = p.add_subparsers(dest="command")

    # No handler: the GUI is the default command (dispatch also starts it when no command is given).
    gui = sub.add_parser("gui", help="start the workstation (default)")
    gui.add_argument("--demo-if-empty", action="store_true", help="load demo data when the register is empty")
    gui.add_argument("--self-check", action="store_true", dest="self_check_gui")

    # `ipdesk --help` lists the commands in this order.
    office.add_parsers(sub)
    demo.add_parsers(sub)
    registry.add_parsers(sub)
    audit.add_parsers(sub)
    pledges.add_parsers(sub)
    notices.add_parsers(sub)
    loans.add_parsers(sub)
    disposal.add_parsers(sub)
    funds.add_parsers(sub)
    market.add_parsers(sub)
    matchmaking.add_parsers(sub)
    registry.add_import_parser(sub)
    users.add_parsers(sub)
    valuation.add_parsers(sub)
    monitoring.add_parsers(sub)
    fees.add_parsers(sub)
    custody.add_parsers(sub)
    insurance.add_parsers(sub)
    risk.add_parsers(sub)
    statistics.add_parsers(sub)
    return p


def config_from(args: argparse.Namespace) -> AppConfig:
    base = AppConfig.from_env(database_url=args.database, data_dir=args.data_dir)
    if args.lang:
        return AppConfig(base.data_dir, base.database_url, args.lang)
    return base


def clock_from(args: argparse.Namespace) -> Clock | None:
    """The clock ``--now`` stands still at (``None``: the system clock).

    Raises:
        ValidationError: not an ISO timestamp (``cli.bad_now``); nothing has been opened or written.
    """
    if not getattr(args, "now", None):
        return None
    try:
        return FixedClock(parse_instant(args.now))
    except ValueError:
        raise ValidationError(Problem("cli.bad_now", "now", {"value": args.now})) from None


def check_arguments(argv: list[str]) -> None:
    """Refuse arguments no command can use: over :data:`MAX_ARGUMENT` characters, or not text (bytes that
    are not UTF-8 arrive as lone surrogates; they could be neither stored nor printed).

    Raises:
        ValidationError: ``input.too_long`` / ``input.surrogate`` / ``input.nul``, naming the argument.
    """
    problems = []
    for i, arg in enumerate(argv, start=1):
        # Named as the reader typed it: the option it belongs to, else its position.
        before = argv[i - 2] if i > 1 else ""
        if arg.startswith("--") and "=" in arg:
            where: Any = arg.split("=", 1)[0][:40]
        elif before.startswith("--") and "=" not in before:
            where = before[:40]
        else:
            where = Message("cli.argument", {"n": i})
        if len(arg) > MAX_ARGUMENT:
            problems.append(Problem("input.too_long", "argv", {"where": where, "length": len(arg),
                                                               "max": MAX_ARGUMENT}))
        elif (p := text_problem(arg, where, "argv")) is not None:
            problems.append(p)
    if problems:
        raise ValidationError(problems)


def check_outputs(args: argparse.Namespace) -> None:
    """The files the command would write can be written (not a folder, a folder we may write in), checked
    before it signs, numbers or logs anything."""
    from ipdesk.domain.shared.files import output_problem

    names = [*OUTPUT_OPTIONS, "file"] if getattr(args, "command", None) == "key" else OUTPUT_OPTIONS
    if getattr(args, "all", False) is True:  # notice print --all: --out is the folder it fills
        names = [n for n in names if n != "out"]
    problems = [p for name in names if isinstance(value := getattr(args, name, None), Path)
                and (p := output_problem(value, name)) is not None]
    if problems:
        raise ValidationError(problems)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = language_of(argv)
    try:
        with messages_in(lang):  # usage errors (exit 2) in the reader's language too
            args = build_parser().parse_args(argv)
    except KeyboardInterrupt:
        return _interrupted(lang)
    config = config_from(args)
    _name_the_writer(args, config, sys.argv[1:] if argv is None else argv)
    try:
        check_arguments(argv)
        check_outputs(args)
        return dispatch(args, config, clock_from(args))
    except KeyboardInterrupt:
        return _interrupted(config.lang)
    except BrokenPipeError:
        return _reader_went_away()
    except DomainError as err:
        return _refused(err, config)
    except OSError as exc:
        if not exc.filename:
            return _internal(exc, config)
        from ipdesk.domain.shared.files import os_error_problem

        return _refused(ValidationError(os_error_problem(exc)), config)
    except Exception as exc:
        return _internal(exc, config)


def _refused(err: DomainError, config: AppConfig) -> int:
    try:
        emit({"ok": False, "errors": [p.to_json(config.lang) for p in err.problems]})
    except BrokenPipeError:
        _reader_went_away()
    return err.exit_code


def _internal(exc: Exception, config: AppConfig) -> int:
    import traceback

    message = "内部错误" if config.lang == "zh" else "internal error"
    try:
        emit({"ok": False, "internal_error": True, "error": f"{message}: {type(exc).__name__}: {exc}",
              "traceback": traceback.format_exc().splitlines()[-6:]})
    except BrokenPipeError:
        _reader_went_away()
    return EXIT_INTERNAL


def _name_the_writer(args: argparse.Namespace, config: AppConfig, argv: list[str]) -> None:
    """Writers of this process call themselves by the command line (the write lock's holder record), and a
    write that waits for another's lock says so on stderr (stdout stays the JSON result)."""
    if getattr(args, "needs", None) == NOTHING:
        return
    from ipdesk.storage import writelock

    words = [w for w in argv if not w.startswith("--database=")]
    if "--database" in words:  # a PostgreSQL URL may carry a password
        i = words.index("--database")
        del words[i:i + 2]
    writelock.set_identity(" ".join(["ipdesk", *words])[:200])
    _wait_notice["lang"] = config.lang
    if not _wait_notice.get("on"):
        _wait_notice["on"] = "yes"
        writelock.on_wait(_say_we_wait)


_wait_notice: dict[str, str] = {}


def _say_we_wait(holder: object, seconds: float) -> None:
    from ipdesk.storage import writelock

    message = writelock.wait_problem(holder, seconds).message(_wait_notice.get("lang", "zh"))  # type: ignore[arg-type]
    print(message, file=sys.stderr, flush=True)


def _interrupted(lang: str) -> int:
    """Ctrl+C: one line, no traceback. A transaction under way was rolled back by its context; what was
    committed before stays committed."""
    message = ("ipdesk：已中断（未完成的操作没有写入）" if lang == "zh"
               else "ipdesk: interrupted (the unfinished operation wrote nothing)")
    try:
        print(message, file=sys.stderr)
    except (OSError, ValueError):
        pass
    return EXIT_INTERRUPTED


def _reader_went_away() -> int:
    """The reader of our output closed it (``ipdesk … | head``): what was done is done and committed;
    say nothing more, and keep Python from printing a traceback when it flushes stdout at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (tests capture it)
        pass
    return EXIT_OK


def dispatch(args: argparse.Namespace, config: AppConfig, clock: Clock | None = None) -> int:
    """Run the command with what it needs: nothing, its own engine, or an opened workstation (on ``clock``)."""
    handler = getattr(args, "handler", None)
    needs = getattr(args, "needs", None)
    if callable(needs):  # a command whose needs depend on its arguments (``settle`` with or without a case)
        needs = needs(args)
    if handler is not None and needs == NOTHING:
        return handler(args, config, None)

    if handler is None:
        if args.command not in (None, "gui"):
            return EXIT_BAD_INPUT
        from ipdesk.gui.launch import run_gui  # Qt and the sign-in dialog; the core loads behind it

        self_check = bool(args.self_check or getattr(args, "self_check_gui", False))
        return run_gui(config, self_check=self_check, demo_if_empty=getattr(args, "demo_if_empty", False),
                       clock=clock)
    from ipdesk.services.workstation import open_workstation  # the services (and their messages) load here

    if needs == ENGINE:
        users.sign_in_engine(config, args, clock)
        return handler(args, config, None)

    ws = open_workstation(config, clock=clock)
    try:
        users.sign_in(ws, args)
        return handler(args, config, ws)
    finally:
        ws.close()


if __name__ == "__main__":
    sys.exit(main())
