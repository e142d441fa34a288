"""The office's loan settings, shared through the database: loan numbers, the defaults a new loan takes
(penalty surcharge, days overdue before an automatic default, allocation order) and the five-class
thresholds. Kept under their own key of the settings table, so the loans context owns them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

from sqlalchemy.orm import Session

from ipdesk.domain.loans.classification import ClassThresholds
from ipdesk.domain.loans.servicing import DEFAULT_ALLOCATION, parse_allocation
from ipdesk.domain.loans.terms import check_terms
from ipdesk.domain.shared.problems import ValidationError
from ipdesk.services import audit
from ipdesk.storage.schema import SettingRow

_KEY = "loans"


@dataclass(frozen=True)
class LoanSettings:
    loan_no_format: str = "L{year}{seq:06d}"
    penalty_surcharge: str = "50"  # per cent over the contract rate a new loan takes (30–50)
    default_after_days: int = 90  # days overdue before a new loan defaults by itself
    allocation: tuple[str, ...] = DEFAULT_ALLOCATION
    # Five-class thresholds: days overdue a loan must exceed to fall at least into the class.
    special_mention_days: int = 0
    substandard_days: int = 90
    doubtful_days: int = 270
    loss_days: int = 360

    @property
    def thresholds(self) -> ClassThresholds:
        return ClassThresholds(self.special_mention_days, self.substandard_days, self.doubtful_days, self.loss_days)

    def check(self) -> LoanSettings:
        """Raises ValidationError if a default or a threshold is out of range."""
        self.thresholds.check()
        parse_allocation(self.allocation)
        problems = check_terms(Decimal(1), Decimal(0), Decimal(self.penalty_surcharge), self.default_after_days)
        if problems:
            raise ValidationError(problems)
        return self


def load(session: Session) -> LoanSettings:
    row = session.get(SettingRow, _KEY)
    if row is None or not row.value:
        return LoanSettings()
    known = {k: v for k, v in json.loads(row.value).items() if k in LoanSettings.__dataclass_fields__}
    if "allocation" in known:
        known["allocation"] = tuple(known["allocation"])
    return replace(LoanSettings(), **known)


def store(session: Session, actor, settings: LoanSettings) -> None:
    """Save ``settings`` in the caller's transaction with an audit entry (the caller checked the permission)."""
    before = asdict(load(session))
    row = session.get(SettingRow, _KEY) or SettingRow(key=_KEY)
    row.value = audit.canonical_json(asdict(settings))
    session.add(row)
    audit.record(session, actor, "settings.loans", "settings", None, "修改贷款设置", before, asdict(settings))
