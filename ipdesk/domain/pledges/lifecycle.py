"""The pledge lifecycle, written once: which statuses each action is allowed from and where it leads.

The table (:data:`PLEDGE_LIFECYCLE`) is the only place that knows which action applies to which status.
The services guard every command with :func:`require`; the GUI enables what :func:`available_actions`
returns; :func:`current_outcome` reads the last examination off a pledge's events, knowing from the same
table which actions make it stale. Later contexts (loans, disposal) add their states and actions as data
with :meth:`Lifecycle.extended`, not by editing the code that reads the table.

The words of actions and statuses live in the message catalogue (``pledge.action.*``, ``pledge.status.*``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ipdesk.domain.shared.messages import register, render
from ipdesk.domain.shared.problems import Problem, RuleRefusal


class PledgeStatus(enum.StrEnum):
    """Life-cycle state of a pledge (application → registration → cancellation)."""

    DRAFT = "draft"  # being entered, not yet filed
    APPLIED = "applied"  # filed, awaiting examination (已受理)
    CORRECTION = "correction"  # correction notice sent, awaiting documents (补正)
    REGISTERED = "registered"  # 已登记 (pledge right exists, Civil Code 444)
    REFUSED = "refused"  # 不予登记
    CANCELLED = "cancelled"  # 已注销
    WITHDRAWN = "withdrawn"  # 撤回 (or deemed withdrawn after no correction)

    @property
    def is_read_only(self) -> bool:
        """Refused, cancelled and withdrawn pledges can no longer be changed."""
        return PLEDGE_LIFECYCLE.is_final(self)

    @property
    def is_pending(self) -> bool:
        """Still waiting for a decision (counts against the service-level clock)."""
        return PLEDGE_LIFECYCLE.is_pending(self)


@dataclass(frozen=True)
class Step:
    """One action of the lifecycle.

    Attributes:
        action: its name, as services and the GUI use it (its words: ``pledge.action.<action>``).
        allowed: the statuses it may be taken from.
        leads_to: the status it leads to where it changes one (examine: when it sends a correction notice).
        event: the pledge event it records.
        needs_outcome: the GUI offers it only after an examination with this outcome (register, refuse);
            the service re-examines anyway.
        stales_examination: it changes the application, so the last examination no longer describes it.
    """

    action: str
    allowed: frozenset[str]
    leads_to: str | None = None
    event: str = ""
    needs_outcome: str | None = None
    stales_examination: bool = False


@dataclass(frozen=True)
class Lifecycle:
    """A table of :class:`Step` plus the statuses that are final (read-only) or pending a decision."""

    steps: tuple[Step, ...]
    final: frozenset[str]
    pending: frozenset[str]
    _by_action: dict[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_action = {s.action: s for s in self.steps}
        if len(by_action) != len(self.steps):
            raise ValueError("an action appears twice in the lifecycle")
        for s in self.steps:
            if s.allowed & self.final:
                raise ValueError(f"{s.action!r} is allowed from a final status")
        object.__setattr__(self, "_by_action", by_action)

    @property
    def statuses(self) -> frozenset[str]:
        """Every status the table mentions."""
        out = set(self.final) | set(self.pending)
        for s in self.steps:
            out |= s.allowed
            if s.leads_to is not None:
                out.add(s.leads_to)
        return frozenset(out)

    def step(self, action: str) -> Step:
        try:
            return self._by_action[action]
        except KeyError:
            raise ValueError(f"unknown pledge action {action!r}") from None

    def after(self, action: str) -> str:
        """The status ``action`` leads to, as stored (a plain string)."""
        target = self.step(action).leads_to
        if target is None:
            raise ValueError(f"{action!r} does not change the status")
        return str(target)

    def is_final(self, status: str | None) -> bool:
        return status in self.final

    def is_pending(self, status: str | None) -> bool:
        return status in self.pending

    def allowed_actions(self, status: str | None) -> frozenset[str]:
        """The actions the status allows, whatever the examination said (what :meth:`require` checks)."""
        return frozenset(s.action for s in self.steps if status in s.allowed)

    def available_actions(self, status: str | None, outcome: str | None = None) -> frozenset[str]:
        """What can be done now to a pledge in ``status`` whose current examination gave ``outcome``:
        the allowed actions, less those waiting for an examination outcome that is not there."""
        return frozenset(s.action for s in self.steps
                         if status in s.allowed and (s.needs_outcome is None or s.needs_outcome == outcome))

    def require(self, action: str, status: str) -> Step:
        """The step of ``action`` if ``status`` allows it; otherwise the coded refusal the services raise
        (``pledge.read_only`` for a final status, ``pledge.wrong_state`` for any other)."""
        step = self.step(action)
        if status in step.allowed:
            return step
        value = str(status)
        params = {"status": render(f"pledge.status.{value}", {}, "zh"),
                  "status_en": render(f"pledge.status.{value}", {}, "en"),
                  "action": render(f"pledge.action.{action}", {}, "zh"),
                  "action_en": render(f"pledge.action.{action}", {}, "en")}
        code = "pledge.read_only" if self.is_final(status) else "pledge.wrong_state"
        raise RuleRefusal(Problem(code, "status", params))

    def transitions(self) -> dict[str, frozenset[str]]:
        """Which status may follow which (a step that keeps the status is no transition)."""
        return {status: frozenset(s.leads_to for s in self.steps
                                  if status in s.allowed and s.leads_to is not None and s.leads_to != status)
                for status in self.statuses}

    def current_outcome(self, events: Iterable[Mapping[str, Any]]) -> str | None:
        """The outcome of the last examination, or None if none ran since the application last changed."""
        examined = self.step("examine").event
        stale = {s.event for s in self.steps if s.stales_examination}
        outcome: str | None = None
        for event in events:
            kind = event.get("kind")
            if kind == examined:
                outcome = (event.get("payload") or {}).get("outcome")
            elif kind in stale:
                outcome = None
        return outcome

    def extended(self, steps: Iterable[Step] = (), *, final: Iterable[str] = (), pending: Iterable[str] = (),
                 also_from: Mapping[str, Iterable[str]] | None = None) -> Lifecycle:
        """This lifecycle with more steps and statuses; ``also_from`` allows existing actions from new
        statuses too (e.g. cancellation from "in disposal")."""
        widened = tuple(replace(s, allowed=s.allowed | frozenset((also_from or {}).get(s.action, ())))
                        for s in self.steps)
        return Lifecycle(widened + tuple(steps), self.final | frozenset(final), self.pending | frozenset(pending))


_DECIDING = frozenset({PledgeStatus.APPLIED, PledgeStatus.CORRECTION})  # filed, awaiting the decision
_REGISTERED = frozenset({PledgeStatus.REGISTERED})

PLEDGE_LIFECYCLE = Lifecycle(
    steps=(
        Step("file", frozenset({PledgeStatus.DRAFT}), PledgeStatus.APPLIED, "applied", stales_examination=True),
        Step("examine", _DECIDING, PledgeStatus.CORRECTION, "examined"),
        Step("cure", _DECIDING, PledgeStatus.APPLIED, "cured", stales_examination=True),
        Step("waive", _DECIDING, None, "waiver", stales_examination=True),
        Step("other_ground", _DECIDING, None, "other_ground", stales_examination=True),
        Step("register", _DECIDING, PledgeStatus.REGISTERED, "registered", needs_outcome="register"),
        Step("refuse", _DECIDING, PledgeStatus.REFUSED, "refused", needs_outcome="refuse"),
        Step("withdraw", _DECIDING, PledgeStatus.WITHDRAWN, "withdrawn"),
        Step("change", _REGISTERED, None, "changed"),
        Step("extend", _REGISTERED, None, "extended"),
        Step("cancel", _REGISTERED, PledgeStatus.CANCELLED, "cancelled"),
    ),
    final=frozenset({PledgeStatus.REFUSED, PledgeStatus.CANCELLED, PledgeStatus.WITHDRAWN}),
    pending=frozenset({PledgeStatus.DRAFT}) | _DECIDING,
)

#: Filed and awaiting the decision; of those, the ones waiting for the parties' corrections; in force.
UNDECIDED = _DECIDING
AWAITING_CORRECTION = frozenset({PledgeStatus.CORRECTION})
IN_FORCE = _REGISTERED

#: The statuses of a pledge that was once registered (still in force or cancelled since): what the
#: statistics count, in the year of registration.
EVER_REGISTERED = frozenset({PledgeStatus.REGISTERED, PledgeStatus.CANCELLED})


def available_actions(status: str | None, outcome: str | None = None) -> frozenset[str]:
    """What can be done now to a pledge in ``status`` (see :meth:`Lifecycle.available_actions`)."""
    return PLEDGE_LIFECYCLE.available_actions(status, outcome)


def allowed_actions(status: str | None) -> frozenset[str]:
    """The actions ``status`` allows, whatever the examination said."""
    return PLEDGE_LIFECYCLE.allowed_actions(status)


def require(action: str, status: str) -> Step:
    """Refuse ``action`` on a pledge in ``status`` unless the lifecycle allows it."""
    return PLEDGE_LIFECYCLE.require(action, status)


def current_outcome(events: Iterable[Mapping[str, Any]]) -> str | None:
    """The outcome of the current examination of a pledge, from its events."""
    return PLEDGE_LIFECYCLE.current_outcome(events)


register(
    {
        "pledge.read_only": ("质押{status}，不能再{action}", "the pledge is {status_en}; it cannot be {action_en}"),
        "pledge.wrong_state": (
            "质押当前状态为“{status}”，不能{action}",
            "the pledge is {status_en}; cannot {action_en}",
        ),
        "pledge.action.file": ("受理", "filed"),
        "pledge.action.examine": ("审查", "examined"),
        "pledge.action.cure": ("补正", "corrected"),
        "pledge.action.waive": ("记录声明", "waived"),
        # Adding a ground of one's own is part of the examination, and its refusal has always said so.
        "pledge.action.other_ground": ("审查", "examined"),
        "pledge.action.register": ("登记", "registered"),
        "pledge.action.refuse": ("不予登记", "refused"),
        "pledge.action.withdraw": ("撤回", "withdrawn"),
        "pledge.action.change": ("变更", "changed"),
        "pledge.action.extend": ("延期", "extended"),
        "pledge.action.cancel": ("注销", "cancelled"),
        # How a refusal names the status a pledge is in ("质押已不予登记，不能再变更").
        "pledge.status.draft": ("草稿", "draft"),
        "pledge.status.applied": ("已受理", "applied"),
        "pledge.status.correction": ("待补正", "correction"),
        "pledge.status.registered": ("已登记", "registered"),
        "pledge.status.refused": ("已不予登记", "refused"),
        "pledge.status.cancelled": ("已注销", "cancelled"),
        "pledge.status.withdrawn": ("已撤回", "withdrawn"),
    }
)
