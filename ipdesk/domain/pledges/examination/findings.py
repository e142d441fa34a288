"""What an examination finds: one finding per ground (and right), its status, and the outcome."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from ipdesk.domain.pledges.application import WAIVABLE_CODES, Clause, Document
from ipdesk.domain.pledges.examination import messages  # noqa: F401 - the findings' words
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.messages import render

T = TypeVar("T")


class FindingStatus(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    WAIVED = "waived"  # a waivable ground applies but the parties' declaration is recorded
    CORRECTION = "correction"  # a defect the parties can cure (补正): missing document or clause


FINDING_STATUS_LABELS: dict[FindingStatus, tuple[str, str]] = {
    FindingStatus.PASSED: ("通过", "Passed"),
    FindingStatus.FAILED: ("不符合", "Failed"),
    FindingStatus.WAIVED: ("已声明放弃", "Waived"),
    FindingStatus.CORRECTION: ("需补正", "Correction needed"),
}


class Outcome(enum.StrEnum):
    REGISTER = "register"  # 予以登记
    REFUSE = "refuse"  # 不予登记
    CORRECTION = "correction"  # 补正通知


OUTCOME_LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.REGISTER: ("予以登记", "Register"),
    Outcome.REFUSE: ("不予登记", "Refuse"),
    Outcome.CORRECTION: ("通知补正", "Correction notice"),
}


@dataclass(frozen=True)
class Finding:
    """The result of one ground for one right (or for the application).

    Attributes:
        code: stable ground code (``P1``…``P12``, ``TM1``…``TM8``, ``CR1``…``CR7``, ``DOC``).
        right_number: canonical number of the right, ``""`` for application-level grounds.
        article: the legal source, e.g. "《专利权质押登记办法》第十一条第（一）项".
        params: message parameters (strings), e.g. the registered owners or the missing document.
        detail: picks a more specific message than the status alone (e.g. ``"forfeiture"`` for P7).
    """

    code: str
    status: FindingStatus
    right_number: str = ""
    article: str = ""
    params: dict[str, Any] = field(default_factory=dict, hash=False)
    detail: str = ""

    @property
    def message_code(self) -> str:
        return f"exam.{self.code}.{self.detail or self.status.value}"

    def title(self, lang: str = "zh") -> str:
        """What the ground asks, e.g. "出质人是否为登记的专利权人"."""
        return render(f"exam.{self.code}", {}, lang)

    def message(self, lang: str = "zh") -> str:
        """The reason in plain words."""
        text = render(self.message_code, self.params, lang)
        if self.status is FindingStatus.WAIVED:
            text += render("exam.waived_suffix", self.params, lang)
        elif self.status is FindingStatus.FAILED and self.code in WAIVABLE_CODES:
            text += render("exam.waivable_suffix", self.params, lang)
        return text

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": self.code,
            "status": self.status.value,
            "right": self.right_number,
            "article": self.article,
            "title": self.title(lang),
            "message": self.message(lang),
            "params": {k: str(v) for k, v in self.params.items()},
        }


def correction_items(findings: Sequence[T], code_and_params: Callable[[T], tuple[str, Mapping[str, Any]]]) -> list[T]:
    """The correction findings to list, each missing item once: a family's contract-content finding (P7:
    "合同缺少 a、b、c") only sums up the clauses the completeness check (DOC) already lists one by one, so it
    is left out of the list when those are there (it stays in the findings table)."""
    pairs = [code_and_params(f) for f in findings]
    itemised = any(code == "DOC" and "clause" in params for code, params in pairs)
    return [f for f, (code, params) in zip(findings, pairs, strict=True)
            if not (itemised and code != "DOC" and "clauses" in params)]


@dataclass(frozen=True)
class Examination:
    findings: tuple[Finding, ...]
    outcome: Outcome
    as_of: date | None = None
    #: what recording this examination changed (``PledgeService.examine``); nothing for a preview
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    @property
    def failed(self) -> list[Finding]:
        """The refusal grounds that apply (not waived)."""
        return [f for f in self.findings if f.status is FindingStatus.FAILED]

    @property
    def corrections(self) -> list[Finding]:
        """What the correction notice asks for, each missing item once (see :func:`correction_items`)."""
        found = [f for f in self.findings if f.status is FindingStatus.CORRECTION]
        return correction_items(found, lambda f: (f.code, f.params))

    @property
    def waived(self) -> list[Finding]:
        return [f for f in self.findings if f.status is FindingStatus.WAIVED]

    @property
    def missing_documents(self) -> list[Document]:
        return [
            Document(f.params["document"])
            for f in self.findings
            if f.code == "DOC" and "document" in f.params
        ]

    @property
    def missing_clauses(self) -> list[Clause]:
        return [Clause(f.params["clause"]) for f in self.findings if f.code == "DOC" and "clause" in f.params]

    def by_code(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]

    def get(self, code: str, right_number: str = "") -> Finding:
        """The finding for ``code`` (and ``right_number``); KeyError if there is none."""
        for f in self.findings:
            if f.code == code and (not right_number or f.right_number == right_number):
                return f
        raise KeyError((code, right_number))

    def status_of(self, code: str, right_number: str = "") -> FindingStatus:
        """The worst status among the findings for ``code`` (and ``right_number``)."""
        found = [
            f.status
            for f in self.findings
            if f.code == code and (not right_number or f.right_number == right_number)
        ]
        if not found:
            raise KeyError((code, right_number))
        for s in (FindingStatus.FAILED, FindingStatus.CORRECTION, FindingStatus.WAIVED):
            if s in found:
                return s
        return FindingStatus.PASSED

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "outcome_label": OUTCOME_LABELS[self.outcome][1 if lang.startswith("en") else 0],
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "findings": [f.to_json(lang) for f in self.findings],
        }


def outcome_of(findings: Iterable[Finding]) -> Outcome:
    statuses = {f.status for f in findings}
    if FindingStatus.FAILED in statuses:
        return Outcome.REFUSE
    if FindingStatus.CORRECTION in statuses:
        return Outcome.CORRECTION
    return Outcome.REGISTER
