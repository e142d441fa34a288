"""Maker-checker on the register's decisions: a clerk prepares, another person (an approver) confirms.

With the office setting ``maker_checker`` on (a new office's default), registering, refusing, cancelling a
pledge and revoking a notice are stored as a :class:`PendingDecision` that changes nothing in the register;
the decision runs only when someone other than its preparer confirms it, or is returned with a reason.
One pending decision per pledge at a time: a second would decide on a state the first may change.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

register({
    "decision.own": ("不能审核自己提交的决定（{kind}，提交人 {user}）",
                     "you cannot confirm or return a decision you prepared ({kind}, prepared by {user})"),
    "decision.already_pending": ("该质押已有待审核的决定（#{id}，{kind}，提交人 {user}）",
                                 "the pledge already has a decision awaiting approval (#{id}, {kind}, by {user})"),
    "decision.closed": ("决定 #{id} 已{status}，不能再处理", "decision #{id} is already {status}"),
    "decision.reason_required": ("退回须说明理由", "returning a decision needs a reason"),
    "decision.kind.register": ("准予登记", "registration"),
    "decision.kind.refuse": ("不予登记", "refusal"),
    "decision.kind.cancel": ("注销登记", "cancellation"),
    "decision.kind.revoke_notice": ("撤销通知书", "notice revocation"),
    "decision.status.pending": ("待审核", "pending"),
    "decision.status.confirmed": ("确认", "confirmed"),
    "decision.status.returned": ("退回", "returned"),
})


class DecisionKind(enum.StrEnum):
    """The decisions maker-checker covers (its words: ``decision.kind.<value>``)."""

    REGISTER = "register"
    REFUSE = "refuse"
    CANCEL = "cancel"
    REVOKE_NOTICE = "revoke_notice"


class DecisionStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    RETURNED = "returned"


@dataclass(frozen=True)
class PendingDecision:
    """A prepared decision: what exactly (kind and params), on which pledge, who prepared it and when,
    and — once closed — who confirmed or returned it, when and why."""

    id: int
    pledge_id: int | None  # None: a search certificate's revocation
    kind: DecisionKind
    params: dict[str, Any]
    prepared_by: str
    prepared_at: datetime
    status: DecisionStatus = DecisionStatus.PENDING
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str = ""
    label: str = field(default="", compare=False)  # the pledge's number, for lists

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "pledge_id": self.pledge_id, "pledge": self.label, "kind": self.kind.value,
                "params": self.params, "prepared_by": self.prepared_by, "prepared_at": self.prepared_at.isoformat(),
                "status": self.status.value, "decided_by": self.decided_by,
                "decided_at": self.decided_at.isoformat() if self.decided_at else None, "reason": self.reason}


def needs_approval(maker_checker: bool) -> bool:
    """Whether a decision is prepared for approval rather than taken at once (the office setting)."""
    return maker_checker


def kind_problem(kind: DecisionKind) -> Problem:
    """The decision's kind as a message parameter (rendered in the reader's language)."""
    return Problem(f"decision.kind.{kind.value}")


def second_decision_problems(pending: PendingDecision | None) -> list[Problem]:
    """A pledge with a decision awaiting approval takes no second one."""
    if pending is None:
        return []
    return [Problem("decision.already_pending", "pledge",
                    {"id": pending.id, "kind": kind_problem(pending.kind), "user": pending.prepared_by})]


def closing_problems(decision: PendingDecision, username: str, reason: str | None = None) -> list[Problem]:
    """Why ``username`` may not confirm (``reason`` None) or return (with ``reason``) ``decision``: it is
    closed already, it is their own (nobody checks their own work), or a return states no reason."""
    if decision.status is not DecisionStatus.PENDING:
        return [Problem("decision.closed", "decision",
                        {"id": decision.id, "status": Problem(f"decision.status.{decision.status.value}")})]
    if decision.prepared_by.strip().lower() == username.strip().lower():
        return [Problem("decision.own", "decision", {"kind": kind_problem(decision.kind), "user": username})]
    if reason is not None and not reason.strip():
        return [Problem("decision.reason_required", "reason")]
    return []


def both_names(prepared_by: str, confirmed_by: str) -> dict[str, str]:
    """What a confirmed decision's history event and audit entry add: who prepared it, who confirmed it."""
    return {"prepared_by": prepared_by, "confirmed_by": confirmed_by}
