"""What every command shares: the exit codes, the JSON printer, date and JSON-file arguments, and how a
subcommand names the function that runs it."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ipdesk.config import AppConfig
from ipdesk.domain.shared.clock import Clock

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_SIGN_IN = 0, 1, 2, 3, 4

# What a command needs before it runs (main.dispatch provides it):
NOTHING = "nothing"  # pure rules: no database, not even the services imported
ENGINE = "engine"  # the command opens the database itself (migrations must run before the services do)
WORKSTATION = "workstation"  # the services on an opened, migrated database (passed as ``ws``)

Handler = Callable[[argparse.Namespace, AppConfig, Any], int]
Subparsers = Any  # argparse's _SubParsersAction (private)
Needs = Callable[[argparse.Namespace], str]


def emit(obj: Any) -> None:
    """Print a command's result: JSON, Chinese as is, dates and Decimals as text."""
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def command(sub: Subparsers, name: str, handler: Handler, *, needs: str | Needs = WORKSTATION,
            **kwargs: Any) -> argparse.ArgumentParser:
    """Add subcommand ``name``, run by ``handler(args, config, ws)`` (``ws`` is None unless it needs one);
    ``needs`` may be a function of the parsed arguments (a command that needs more with some of them)."""
    parser: argparse.ArgumentParser = sub.add_parser(name, **kwargs)
    parser.set_defaults(handler=handler, needs=needs)
    return parser


def date_arg(text: str | None, clock: Clock):
    """A date option (ISO or the other forms the forms accept); today on ``clock`` (the workstation's
    office clock, which ``--now`` sets) when not given."""
    from ipdesk.domain.shared.fields import parse_date
    from ipdesk.domain.shared.problems import ValidationError

    if not text:
        return clock.today()
    value, problems = parse_date(text, "on", "日期")
    if problems:
        raise ValidationError(problems)
    return value


def load_json(path: Path) -> Any:
    """An application JSON file; unreadable, malformed, nested too deeply or holding text no database can
    store (NUL, lone surrogates) is bad input, refused before anything is opened or written."""
    from ipdesk.domain.shared.problems import Problem, ValidationError
    from ipdesk.domain.shared.safe_text import MAX_JSON_DEPTH, json_problems

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except RecursionError:
        raise ValidationError(Problem("input.too_deep", "file", {"where": path.name, "max": MAX_JSON_DEPTH})) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(Problem("import.unreadable", "file", {"reason": _reason(exc)})) from exc
    problems = json_problems(data, path.name)
    if problems:
        raise ValidationError(problems)
    return data


def _reason(exc: Exception) -> Any:
    """Why a file could not be read, without Python's class names (the OS text names the file)."""
    if isinstance(exc, OSError):
        from ipdesk.domain.shared.files import os_error_text

        return os_error_text(exc, named=True)
    return str(exc)
