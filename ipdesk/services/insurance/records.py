"""A policy and its claims as the front ends see them, with the JSON the CLI prints (money as decimal
strings with two places)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.insurance.amounts import ClaimAmounts, remaining
from ipdesk.domain.insurance.products import ClaimStatus, Product
from ipdesk.storage.insurance.tables import ClaimRow, PolicyRightRow, PolicyRow
from ipdesk.storage.schema import PartyRow, PledgeRow, RightRow


def m(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _pct(value: Decimal) -> str:
    """A percentage without trailing zeros and never in exponent form (100, 87.5)."""
    return f"{value.normalize():f}"


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True)
class ClaimRecord:
    id: int
    claim_no: str
    policy_id: int
    policy_no: str
    right_id: int | None
    right: str | None
    status: ClaimStatus
    filed_on: date
    case_text: str
    documents: str
    claimed: Decimal
    assessed: Decimal | None
    approved: Decimal | None
    paid: Decimal | None
    checked_on: date | None
    decided_on: date | None
    paid_on: date | None
    reason: str

    @property
    def amounts(self) -> ClaimAmounts:
        return ClaimAmounts(self.status, self.right_id, self.claimed, self.approved, self.paid)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "claim_no": self.claim_no, "policy_no": self.policy_no, "right": self.right,
                "status": self.status.value, "on": self.filed_on.isoformat(), "case": self.case_text,
                "documents": self.documents, "claimed": m(self.claimed), "assessed": m(self.assessed),
                "approved": m(self.approved), "paid": m(self.paid), "checked_on": _d(self.checked_on),
                "decided_on": _d(self.decided_on), "paid_on": _d(self.paid_on), "reason": self.reason}


@dataclass(frozen=True)
class PolicyRecord:
    """A policy, its rights (id, display number) and claims, and its status on ``as_of``."""

    id: int
    policy_no: str
    product: Product
    insurer_id: int
    insurer_name: str
    holder_id: int
    holder_name: str
    insured_id: int
    insured_name: str
    pledge_id: int | None
    pledge_no: str | None
    rights: tuple[tuple[int, str], ...]
    limit_total: Decimal
    limit_per_right: Decimal | None
    deductible: Decimal
    premium: Decimal
    subsidy_class: str
    subsidy_nth: int
    subsidy_rate: Decimal
    subsidy: Decimal
    insured_pays: Decimal
    start: date
    end: date
    retroactive: date | None
    coinsurance: Decimal | None
    consent: bool
    notes: str
    claims: tuple[ClaimRecord, ...]
    as_of: date
    version: int

    @property
    def status(self) -> str:
        """``pending`` before its start, ``active`` in its term, ``expired`` after it."""
        if self.as_of < self.start:
            return "pending"
        return "expired" if self.as_of > self.end else "active"

    def remaining(self, right_id: int | None = None, *, other_than: int | None = None) -> Decimal:
        """The limit left (of the aggregate, or with ``right_id`` also of that right's)."""
        claims = [c.amounts for c in self.claims if c.id != other_than]
        return remaining(self.limit_total, claims, right_id, self.limit_per_right)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "policy_no": self.policy_no, "product": self.product.value,
            "insurer": {"id": self.insurer_id, "name": self.insurer_name},
            "holder": {"id": self.holder_id, "name": self.holder_name},
            "insured": {"id": self.insured_id, "name": self.insured_name},
            "pledge": self.pledge_no, "rights": [display for _, display in self.rights],
            "limit": m(self.limit_total), "limit_per_right": m(self.limit_per_right),
            "deductible": m(self.deductible), "premium": m(self.premium),
            "subsidy_class": self.subsidy_class or None, "subsidy_application": self.subsidy_nth or None,
            "subsidy_rate": _pct(self.subsidy_rate) if self.subsidy_class else None,
            "subsidy": m(self.subsidy), "insured_pays": m(self.insured_pays),
            "from": self.start.isoformat(), "to": self.end.isoformat(), "retroactive": _d(self.retroactive),
            "coinsurance": None if self.coinsurance is None else _pct(self.coinsurance),
            "consent": self.consent, "status": self.status, "as_of": self.as_of.isoformat(),
            "remaining_limit": m(self.remaining()), "claims": [c.to_json() for c in self.claims],
        }


def claim_of(row: ClaimRow, policy_no: str, displays: dict[int, str]) -> ClaimRecord:
    return ClaimRecord(row.id, row.claim_no, row.policy_id, policy_no, row.right_id,
                       displays.get(row.right_id) if row.right_id is not None else None, ClaimStatus(row.status),
                       row.filed_on, row.case_text, row.documents, row.claimed, row.assessed, row.approved, row.paid,
                       row.checked_on, row.decided_on, row.paid_on, row.reason)


def records_of(session: Session, rows: list[PolicyRow], as_of: date) -> list[PolicyRecord]:
    """``rows`` read back with their rights, claims and names: a few queries for any number of policies."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    links: dict[int, list[tuple[int, str]]] = {}
    displays: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        for pid, rid, display in session.execute(
                select(PolicyRightRow.policy_id, PolicyRightRow.right_id, RightRow.display_number)
                .join(RightRow, RightRow.id == PolicyRightRow.right_id)
                .where(PolicyRightRow.policy_id.in_(ids[i:i + 500]))
                .order_by(PolicyRightRow.policy_id, PolicyRightRow.position)):
            links.setdefault(pid, []).append((rid, display))
            displays[rid] = display
    claims: dict[int, list[ClaimRow]] = {}
    for i in range(0, len(ids), 500):
        for c in session.execute(select(ClaimRow).where(ClaimRow.policy_id.in_(ids[i:i + 500]))
                                 .order_by(ClaimRow.id)).scalars():
            claims.setdefault(c.policy_id, []).append(c)
    party_ids = {p for r in rows for p in (r.insurer_id, r.holder_id, r.insured_id)}
    names = dict(session.execute(select(PartyRow.id, PartyRow.name).where(PartyRow.id.in_(party_ids))).all())
    pledge_ids = {r.pledge_id for r in rows if r.pledge_id is not None}
    pledges = dict(session.execute(select(PledgeRow.id, PledgeRow.registration_no)
                                   .where(PledgeRow.id.in_(pledge_ids))).all()) if pledge_ids else {}
    out = []
    for r in rows:
        out.append(PolicyRecord(
            r.id, r.policy_no, Product(r.product), r.insurer_id, names.get(r.insurer_id, ""), r.holder_id,
            names.get(r.holder_id, ""), r.insured_id, names.get(r.insured_id, ""), r.pledge_id,
            pledges.get(r.pledge_id) if r.pledge_id is not None else None, tuple(links.get(r.id, ())),
            r.limit_total, r.limit_per_right, r.deductible, r.premium, r.subsidy_class, r.subsidy_nth,
            r.subsidy_rate, r.subsidy, r.insured_pays, r.starts_on, r.ends_on, r.retroactive_on,
            r.coinsurance_share, r.consent, r.notes,
            tuple(claim_of(c, r.policy_no, displays) for c in claims.get(r.id, ())), as_of, r.version))
    return out


def record_of(session: Session, row: PolicyRow, as_of: date) -> PolicyRecord:
    return records_of(session, [row], as_of)[0]
