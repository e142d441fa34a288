"""What a command changed (Anki's ``OpChanges``): the GUI refreshes only the pages that watch it.

Every service command that writes collects its changes in the unit of work (``ipdesk.services.uow``)
and returns them with its value (:class:`Changed`). A page declares the kinds it watches (``"pledges"``,
``"audit"`` …) and refreshes when a broadcast :class:`Changes` touches one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

T = TypeVar("T")

#: The kinds a page can watch; each is a field of :class:`Changes`.
KINDS = ("pledges", "rights", "parties", "notices", "loans", "cases", "funds", "lots", "policies", "signals",
         "settings", "keys", "audit", "decisions")


@dataclass(frozen=True)
class Changes:
    """The records one operation changed, by kind.

    Attributes:
        pledges, rights, parties: ids of the rows written.
        notices: serials of the notices issued, reprinted or revoked.
        loans: ids of the loans booked or serviced.
        cases: ids of the disposal cases opened, advanced, undone or settled.
        funds: ids of the compensation funds whose ledger changed.
        lots: ids of the marketplace lots listed, auctioned, bid on or sold.
        policies: ids of the insurance policies entered or whose claims moved.
        signals: ids of the risk signals raised, cleared or acted on.
        settings: office settings or the holiday calendar changed.
        keys: the signing key or a trusted key changed.
        audit: at least one audit entry was written (the audit page watches this).
        decisions: a decision was prepared, confirmed or returned (maker-checker: the approver's workbench).
        bulk: id kinds changed in too many rows to list (a demo load writes a million rights).
    """

    pledges: frozenset[int] = field(default_factory=frozenset)
    rights: frozenset[int] = field(default_factory=frozenset)
    parties: frozenset[int] = field(default_factory=frozenset)
    notices: frozenset[str] = field(default_factory=frozenset)
    loans: frozenset[int] = field(default_factory=frozenset)
    cases: frozenset[int] = field(default_factory=frozenset)
    funds: frozenset[int] = field(default_factory=frozenset)
    lots: frozenset[int] = field(default_factory=frozenset)
    policies: frozenset[int] = field(default_factory=frozenset)
    signals: frozenset[int] = field(default_factory=frozenset)
    settings: bool = False
    keys: bool = False
    audit: bool = False
    decisions: bool = False
    bulk: frozenset[str] = field(default_factory=frozenset)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            pledges=self.pledges | other.pledges, rights=self.rights | other.rights,
            parties=self.parties | other.parties, notices=self.notices | other.notices,
            loans=self.loans | other.loans, cases=self.cases | other.cases, funds=self.funds | other.funds,
            lots=self.lots | other.lots,
            policies=self.policies | other.policies, signals=self.signals | other.signals,
            settings=self.settings or other.settings, keys=self.keys or other.keys,
            audit=self.audit or other.audit, decisions=self.decisions or other.decisions,
            bulk=self.bulk | other.bulk,
        )

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds this change touches (``{"pledges", "audit"}`` for a registration)."""
        listed = frozenset(f.name for f in fields(self) if f.name != "bulk" and getattr(self, f.name))
        return listed | self.bulk

    def touches(self, watched: Iterable[str]) -> bool:
        """True if any of the ``watched`` kinds changed (``"*"`` watches everything)."""
        watched = set(watched)
        return bool(self.kinds) and ("*" in watched or bool(self.kinds & watched))

    def __bool__(self) -> bool:
        return bool(self.kinds)


NO_CHANGES = Changes()


@dataclass(frozen=True)
class Changed(Generic[T]):
    """A command's value together with what it changed (Anki's ``OpChangesWith…``)."""

    value: T
    changes: Changes = NO_CHANGES


class ChangeSet:
    """The mutable collector a unit of work fills in while a command runs; frozen at commit."""

    def __init__(self) -> None:
        self._ids: dict[str, set[object]] = {k: set() for k in ("pledges", "rights", "parties", "notices", "loans",
                                                                "cases", "funds", "lots", "policies",
                                                                "signals")}
        self._flags: dict[str, bool] = {"settings": False, "keys": False, "audit": False, "decisions": False}
        self._bulk: set[str] = set()

    def add(self, kind: str, *ids: object) -> None:
        """Record that rows of ``kind`` changed (``add("settings")`` for the flag kinds)."""
        if kind in self._flags:
            self._flags[kind] = True
        elif kind in self._ids:
            self._ids[kind].update(i for i in ids if i is not None)
        else:
            raise ValueError(f"unknown change kind {kind!r}; known: {', '.join(KINDS)}")

    def add_all(self, kind: str) -> None:
        """Record that many rows of the id kind ``kind`` changed, too many to list them."""
        if kind not in self._ids:
            raise ValueError(f"not an id kind: {kind!r}")
        self._bulk.add(kind)

    def freeze(self) -> Changes:
        return Changes(
            pledges=frozenset(self._ids["pledges"]),  # type: ignore[arg-type]
            rights=frozenset(self._ids["rights"]),  # type: ignore[arg-type]
            parties=frozenset(self._ids["parties"]),  # type: ignore[arg-type]
            notices=frozenset(self._ids["notices"]),  # type: ignore[arg-type]
            loans=frozenset(self._ids["loans"]),  # type: ignore[arg-type]
            cases=frozenset(self._ids["cases"]),  # type: ignore[arg-type]
            funds=frozenset(self._ids["funds"]),  # type: ignore[arg-type]
            lots=frozenset(self._ids["lots"]),  # type: ignore[arg-type]
            policies=frozenset(self._ids["policies"]),  # type: ignore[arg-type]
            signals=frozenset(self._ids["signals"]),  # type: ignore[arg-type]
            bulk=frozenset(self._bulk), **self._flags,
        )
