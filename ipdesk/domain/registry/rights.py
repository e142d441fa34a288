"""IP rights as the register knows them: kinds, legal status, flags, owners with shares."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.messages import register_labels


class RightKind(enum.StrEnum):
    """What kind of right; the value is stored in the database and used in files and JSON."""

    INVENTION = "invention"
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"  # a work (作品)
    SOFTWARE = "software"  # software copyright (计算机软件著作权)

    @property
    def is_patent(self) -> bool:
        return self in (RightKind.INVENTION, RightKind.UTILITY_MODEL, RightKind.DESIGN)

    @property
    def is_copyright(self) -> bool:
        return self in (RightKind.COPYRIGHT, RightKind.SOFTWARE)


KIND_LABELS: dict[RightKind, tuple[str, str]] = {
    RightKind.INVENTION: ("发明专利", "Invention patent"),
    RightKind.UTILITY_MODEL: ("实用新型", "Utility model"),
    RightKind.DESIGN: ("外观设计", "Design"),
    RightKind.TRADEMARK: ("注册商标", "Trademark"),
    RightKind.COPYRIGHT: ("作品著作权", "Copyright (work)"),
    RightKind.SOFTWARE: ("软件著作权", "Software copyright"),
}


class LegalStatus(enum.StrEnum):
    """Legal status as recorded in the register."""

    PENDING = "pending"  # filed, not yet granted / registered
    IN_FORCE = "in_force"
    LATE_FEE = "late_fee"  # in the 6-month annual-fee late-payment period (滞纳期)
    TERMINATED = "terminated"  # e.g. annual fee not paid, abandoned
    INVALIDATED = "invalidated"  # declared invalid
    EXPIRED = "expired"  # term ended (mark: not renewed)


STATUS_LABELS: dict[LegalStatus, tuple[str, str]] = {
    LegalStatus.PENDING: ("审查中", "Pending"),
    LegalStatus.IN_FORCE: ("有效", "In force"),
    LegalStatus.LATE_FEE: ("年费滞纳期", "Annual-fee late period"),
    LegalStatus.TERMINATED: ("已终止", "Terminated"),
    LegalStatus.INVALIDATED: ("已宣告无效", "Invalidated"),
    LegalStatus.EXPIRED: ("已届满", "Expired"),
}


@dataclass(frozen=True)
class Owner:
    """A (co-)owner of a right; ``share`` is a percentage (Decimal, 2 places), shares sum to 100."""

    party_id: int
    share: Decimal
    name: str = ""


@dataclass(frozen=True)
class Right:
    """An IP right in the register (a plain value: what storage returns and services pass around).

    Attributes:
        number: canonical form (patents: 13-char list form ``2017106018623``; marks: ``12345678``;
            copyrights: the registration number as normalised by :mod:`ipdesk.domain.registry.identifiers`).
        display_number: the form shown to people (``ZL 201710601862.3``).
        expiry_date: for patents and marks computed from the term rules; for copyrights stored as given.
        nice_classes: Nice classes of a mark (empty otherwise).
        similarity_group: for marks, the similarity group (from the data table) used by the bundling rule.
        product: the product the right is bound to (seed 004's project-based pledge).
        same_day_twin: for a utility model, the number of the same-day invention by the same applicant.
        fees_paid_through: ``None`` when the fees are not tracked (the stored legal status stands); else the
            legal status of an in-force patent follows the annual-fee engine (ipdesk.domain.fees).
    """

    id: int | None
    kind: RightKind
    number: str
    display_number: str
    title: str
    legal_status: LegalStatus = LegalStatus.IN_FORCE
    filing_date: date | None = None
    grant_date: date | None = None  # patents: grant announcement date (授权公告日)
    registration_date: date | None = None  # marks: registration approval; copyrights: registration
    publication_date: date | None = None  # patents: application publication; works: first publication
    expiry_date: date | None = None
    term_extension_days: int = 0  # patent term adjustment (PTA), recorded in days
    renewals: int = 0  # trademark renewals recorded
    invalidation_requested: bool = False
    ownership_dispute: bool = False  # ownership-dispute suspension (中止)
    court_preservation: bool = False  # court preservation / seizure / freeze
    nice_classes: tuple[int, ...] = ()
    similarity_group: str = ""
    ipc_main: str = ""
    product: str = ""
    same_day_twin: str = ""
    fee_reduction: int | None = None  # patents: 费减 85 (single qualifying owner) or 70 (co-owners)
    fees_paid_through: int | None = None  # patents: the last patent year whose annual fee is paid
    terminated_on: date | None = None  # set by the fee engine when the patent lapsed (retroactive)
    owners: tuple[Owner, ...] = ()
    notes: str = ""
    version: int = 1
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    #: What the command that returned this record changed (empty when read).
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

# How refusals name a right ("未找到权利：7"): the catalogue says it in English too ("right not found: 7").
register_labels({"权利": "right"})
