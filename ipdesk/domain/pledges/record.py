"""A pledge as the register holds it: the application plus its state, numbers and legal dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ipdesk.domain.pledges.application import CancellationTrigger, PledgeApplication, PledgeStatus
from ipdesk.domain.pledges.maker_checker import PendingDecision
from ipdesk.domain.shared.changes import NO_CHANGES, Changes


@dataclass(frozen=True)
class PledgedRight:
    right_id: int
    number: str
    display_number: str
    title: str
    kind: str


@dataclass(frozen=True)
class PledgeRecord:
    """Read model of one pledge (what services return; never an ORM object).

    Attributes:
        registration_no: set once registered (登记号); ``application_no`` from filing.
        registered_on: the effect date (登记生效日 = registration date, Civil Code 444).
        sla_deadline: decision due date; restarts when defects are cured.
        pending: the decision on it awaiting approval (maker-checker), if any.
        changes: what the command that returned this record changed (nothing for a query).
    """

    id: int
    application_no: str
    registration_no: str | None
    status: PledgeStatus
    family: str
    application: PledgeApplication
    rights: tuple[PledgedRight, ...]
    pledgor_names: tuple[str, ...]
    pledgee_name: str
    debtor_name: str
    sla_deadline: date | None
    correction_deadline: date | None
    registered_on: date | None
    refused_on: date | None
    cancelled_on: date | None
    cancellation_trigger: CancellationTrigger | None
    version: int
    created_at: datetime | None = None
    pending: PendingDecision | None = field(default=None, compare=False)
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    @property
    def secured_amount(self) -> Decimal:
        return self.application.secured_amount

    @property
    def is_read_only(self) -> bool:
        return self.status.is_read_only
