"""The annual-fee engine as the register's source of legal status for patents whose fees are tracked."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from ipdesk.domain.fees.schedule import FeeState, PatentFees, state_bounds, state_of
from ipdesk.domain.fees.tables import FeeRules
from ipdesk.domain.registry.rights import LegalStatus, RightKind
from ipdesk.resources import resource_path
from ipdesk.services.office.settings import OfficeService
from ipdesk.services.registry.status import FeeBounds, StatusFacts

#: Stored statuses the fees decide; pending, invalidated, expired or otherwise terminated patents keep theirs.
FEE_DECIDED = (LegalStatus.IN_FORCE, LegalStatus.LATE_FEE)
_STATE_STATUS = {
    FeeState.IN_FORCE: LegalStatus.IN_FORCE,
    FeeState.LATE: LegalStatus.LATE_FEE,
    FeeState.TERMINATED: LegalStatus.TERMINATED,
}


@lru_cache(maxsize=1)
def shipped_rules() -> FeeRules:
    """The fee tables and rules shipped in ``resources/data/annual_fees_cn.json``."""
    with open(resource_path("data", "annual_fees_cn.json"), encoding="utf-8") as fh:
        return FeeRules.from_json(json.load(fh))


def fee_status(facts: StatusFacts, today: date, calendar, rules: FeeRules) -> tuple[LegalStatus, date | None]:
    """The legal status of one right: the fee engine's for a tracked patent in force or late, else stored."""
    if (not facts.kind.is_patent or facts.stored not in FEE_DECIDED or facts.filing_date is None
            or facts.fees_paid_through is None):
        return facts.stored, None
    p = PatentFees(facts.kind, facts.filing_date, facts.grant_date, paid_through=facts.fees_paid_through)
    state, terminated = state_of(p, today, calendar, rules)
    if state is FeeState.IN_FORCE and facts.stored is LegalStatus.LATE_FEE:
        # A late fee recorded by hand stands until a payment through the fee service clears it.
        return LegalStatus.LATE_FEE, None
    return _STATE_STATUS[state], terminated


class FeeStatus:
    """:class:`ipdesk.services.registry.status.StatusSource` backed by the fee engine and the office calendar."""

    def __init__(self, office: OfficeService, rules: FeeRules | None = None):
        self.office = office
        self.rules = rules or shipped_rules()

    def bounds(self, today: date) -> FeeBounds:
        """The anniversaries before which a tracked patent reads as terminated or late on ``today`` (the
        register's legal-status filter asks SQL with them, so it agrees with :func:`fee_status`)."""
        terminated, late = state_bounds(today, self.office.calendar(), self.rules)
        return FeeBounds(terminated, late, FEE_DECIDED, tuple(k for k in RightKind if k.is_patent))

    def statuses(self, facts: Sequence[StatusFacts], today: date) -> list[tuple[LegalStatus, date | None]]:
        if not any(f.kind.is_patent and f.fees_paid_through is not None for f in facts):
            return [(f.stored, None) for f in facts]
        calendar = self.office.calendar()  # once per batch: a page of rights reads the table once
        return [fee_status(f, today, calendar, self.rules) for f in facts]
