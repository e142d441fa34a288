"""Problems found in user input or by a rule: a stable code, the field, parameters and a bilingual message.

The domain never raises bare English sentences. Every problem carries a code (stable, for tests and
scripts) and parameters; the text comes from :mod:`ipdesk.domain.shared.messages`, which holds the Chinese
(primary) and English wording in one place so the GUI, the CLI and the reports say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input value or a request.

    Attributes:
        code: stable identifier, e.g. ``"patent.check_digit"``; looked up in the message catalogue.
        field: the input field (or CSV column) the problem is about, or ``""``.
        params: values substituted into the message template.
        row: for bulk imports, the 1-based data row; ``None`` otherwise.
    """

    code: str
    field: str = ""
    params: dict[str, Any] = dc_field(default_factory=dict)
    row: int | None = None

    def message(self, lang: str = "zh") -> str:
        from ipdesk.domain.shared.messages import render

        return render(self.code, self.params, lang)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        from ipdesk.domain.shared.messages import param_text

        out: dict[str, Any] = {"code": self.code, "field": self.field, "message": self.message(lang)}
        if self.row is not None:
            out["row"] = self.row
        if self.params:
            out["params"] = {k: param_text(v, lang) for k, v in self.params.items()}
        return out


class DomainError(Exception):
    """Base of every error a rule or a service raises on purpose (never a crash)."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("; ".join(p.message("en") for p in self.problems))

    def messages(self, lang: str = "zh") -> list[str]:
        return [p.message(lang) for p in self.problems]


class ValidationError(DomainError):
    """The input is malformed: nothing was written (CLI exit code 2)."""

    exit_code = 2


class RuleRefusal(DomainError):
    """The input is well formed but a rule refuses the action (CLI exit code 1)."""

    exit_code = 1


class NotFound(DomainError):
    """The record asked for does not exist (CLI exit code 2: the input named nothing)."""

    exit_code = 2


class PermissionDenied(DomainError):
    """The acting user's role may not do this (CLI exit code 1)."""

    exit_code = 1


class SignInFailed(DomainError):
    """No sign-in, a wrong user name or password, or a locked account (CLI exit code 4)."""

    exit_code = 4


class ConcurrentModification(DomainError):
    """The record changed since it was read (optimistic locking); reload and retry."""

    exit_code = 1
