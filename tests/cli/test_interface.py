"""The command line's interface (commands, options, choices, defaults) is what office scripts call: it
changes only on purpose, by updating ``interface.json`` with the change."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ipdesk.cli.main import build_parser

SNAPSHOT = Path(__file__).with_name("interface.json")


def describe(parser: argparse.ArgumentParser) -> dict[str, Any]:
    """Every argument of ``parser`` and, recursively, of its subcommands (help texts left out)."""
    options: dict[str, Any] = {}
    commands: dict[str, Any] = {}
    for action in parser._actions:  # argparse keeps no public list of its arguments
        if isinstance(action, argparse._SubParsersAction):
            commands = {name: describe(sub) for name, sub in sorted(action.choices.items())}
            options["<command>"] = {"dest": action.dest, "required": action.required}
            continue
        if isinstance(action, argparse._HelpAction):
            continue
        key = "/".join(action.option_strings) or action.dest
        options[key] = {
            "dest": action.dest, "action": type(action).__name__, "required": action.required,
            "nargs": action.nargs, "choices": list(action.choices) if action.choices else None,
            "default": None if action.default is None else str(action.default),
            "type": getattr(action.type, "__name__", None),
        }
    return {"options": options, "commands": commands}


def test_the_interface_is_unchanged() -> None:
    assert describe(build_parser()) == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_every_command_has_a_handler() -> None:
    """Dispatch never falls through: each command but the GUI (the default) names what runs it and needs."""
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    missing = [name for name, sub in commands.items()
               if name != "gui" and not (callable(sub.get_default("handler")) and sub.get_default("needs"))]
    assert missing == []
    assert commands["gui"].get_default("handler") is None
