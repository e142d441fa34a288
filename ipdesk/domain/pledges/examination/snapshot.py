"""The register as an examination sees it, and when a right stops being in force."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ipdesk.domain.registry import terms
from ipdesk.domain.registry.rights import STATUS_LABELS, LegalStatus, Right, RightKind
from ipdesk.domain.registry.trademark_similarity import SimilarityTable


@dataclass(frozen=True)
class RegisterSnapshot:
    """The state of the register an examination runs against (built by the service layer).

    Attributes:
        rights: Right records by canonical number — at least every right in the application.
        pledged: ``{right number: registration no.}`` of rights in a registered, uncancelled pledge.
            When re-examining an existing pledge (extension), leave that pledge's own rights out.
        marks_by_owner: for the bundling rule, every mark of each owner (party id); derived from the
            trademarks in ``rights`` when not given.
        similarity: the goods-similarity table (defaults to "same Nice class only").
        party_names: names for messages (owners' names on the Right are used first).
    """

    rights: Mapping[str, Right]
    pledged: Mapping[str, str] = field(default_factory=dict, hash=False)
    marks_by_owner: Mapping[int, tuple[Right, ...]] = field(default_factory=dict, hash=False)
    similarity: SimilarityTable = field(default_factory=SimilarityTable.same_class_only)
    party_names: Mapping[int, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if not self.marks_by_owner:
            by_owner: dict[int, list[Right]] = {}
            for r in self.rights.values():
                if r.kind is RightKind.TRADEMARK:
                    for o in r.owners:
                        by_owner.setdefault(o.party_id, []).append(r)
            object.__setattr__(self, "marks_by_owner", {k: tuple(v) for k, v in by_owner.items()})

    @classmethod
    def of(
        cls,
        rights: Iterable[Right],
        pledged: Mapping[str, str] | None = None,
        similarity: SimilarityTable | None = None,
        **kw: Any,
    ) -> RegisterSnapshot:
        """Convenience: a snapshot from a list of rights."""
        return cls(
            {r.number: r for r in rights},
            dict(pledged or {}),
            similarity=similarity or SimilarityTable.same_class_only(),
            **kw,
        )

    def party_name(self, party_id: int, right: Right | None = None) -> str:
        if right is not None:
            for o in right.owners:
                if o.party_id == party_id and o.name:
                    return o.name
        return self.party_names.get(party_id) or f"#{party_id}"


def effective_expiry(right: Right) -> date | None:
    """The last day the right is in force: the recorded expiry, else computed from the term rules.

    Patents: filing date + term (+ recorded PTA); marks: registration date + 10 years (renewals unknown,
    so the first term); copyrights: only as recorded.
    """
    if right.expiry_date is not None:
        return right.expiry_date
    return terms.compute_expiry(
        right.kind, right.filing_date, right.registration_date, None, right.term_extension_days
    )


DEAD = (LegalStatus.TERMINATED, LegalStatus.INVALIDATED, LegalStatus.EXPIRED)


def status_params(right: Right) -> dict[str, str]:
    zh, en = STATUS_LABELS[right.legal_status]
    return {"status": zh, "status_en": en}
