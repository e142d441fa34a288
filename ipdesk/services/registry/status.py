"""Where a right's legal status comes from: the stored value, or a source a later context plugs in.

The register stores the legal status it was given. For patents whose fees are tracked, the annual-fee
context (ipdesk.services.fees.status) is the one source: a patent past its late period reads as terminated
with the date, whatever was stored. The register cannot import that later context, so the workstation hands
its source to the register and the pledge services (dependency inversion); without one the stored value
stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from ipdesk.domain.registry.rights import LegalStatus, Right, RightKind


@dataclass(frozen=True)
class StatusFacts:
    """What decides a right's legal status (a list page has these columns, not whole rights)."""

    kind: RightKind
    stored: LegalStatus
    filing_date: date | None
    grant_date: date | None
    fees_paid_through: int | None


@dataclass(frozen=True)
class FeeBounds:
    """How a source derives a status from the stored columns on one day, for a filter in SQL.

    A right is *tracked* when it is a patent (``kinds``) whose stored status is one the fees decide
    (``decided``) and whose next unpaid fee has an anniversary (``rights.fees_next_due``, N). A tracked right
    is terminated when N <= ``terminated_through``, late when N <= ``late_through``; otherwise, like every
    untracked right, it keeps its stored status (a late fee recorded by hand included).
    """

    terminated_through: date
    late_through: date
    decided: tuple[LegalStatus, ...]
    kinds: tuple[RightKind, ...]


class StatusSource(Protocol):
    def statuses(self, facts: Sequence[StatusFacts], today: date) -> list[tuple[LegalStatus, date | None]]:
        """(legal status, terminated on) for each of ``facts`` on ``today``."""
        ...

    def bounds(self, today: date) -> FeeBounds | None:
        """What a legal-status filter must ask of the stored columns to agree with :meth:`statuses` on
        ``today`` (None: the stored status is the status)."""
        ...


class StoredStatus:
    """The stored legal status, never a termination date (the register on its own)."""

    def statuses(self, facts: Sequence[StatusFacts], today: date) -> list[tuple[LegalStatus, date | None]]:
        return [(f.stored, None) for f in facts]

    def bounds(self, today: date) -> FeeBounds | None:
        return None


STORED = StoredStatus()


def facts_of(right: Right) -> StatusFacts:
    return StatusFacts(right.kind, right.legal_status, right.filing_date, right.grant_date, right.fees_paid_through)


def resolve(source: StatusSource, rights: Sequence[Right], today: date) -> list[Right]:
    """``rights`` with the legal status (and termination date) ``source`` gives them on ``today``."""
    if isinstance(source, StoredStatus) or not rights:
        return list(rights)
    out = []
    for right, (status, terminated) in zip(rights, source.statuses([facts_of(r) for r in rights], today),
                                           strict=True):
        changed = status is not right.legal_status or terminated != right.terminated_on
        out.append(replace(right, legal_status=status, terminated_on=terminated) if changed else right)
    return out


def resolve_one(source: StatusSource, right: Right, today: date) -> Right:
    return resolve(source, [right], today)[0]
