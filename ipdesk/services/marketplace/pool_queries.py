"""Patent pools, read side: a pool with its members' periods and patents, its incomes with their payouts, and
the pool register as a page source for lazy tables (counted, searched and sorted in SQL, within the scope)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from ipdesk.domain.marketplace.pools import PoolMethod
from ipdesk.domain.shared.permissions import Actor
from ipdesk.services.paging import Column, Query
from ipdesk.services.uow import reading
from ipdesk.services.users.scoping import scoped
from ipdesk.storage.marketplace.pool_tables import PoolIncomeRow, PoolMemberRow, PoolPayoutRow, PoolRightRow, PoolRow
from ipdesk.storage.schema import PartyRow, RightRow


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"


@dataclass(frozen=True)
class PoolMember:
    """One membership period of a party (a party that left and rejoined has two, each with its own share)."""

    id: int
    party_id: int
    name: str
    share: Decimal
    joined_on: date
    left_on: date | None
    rights: tuple[str, ...]

    @property
    def current(self) -> bool:
        return self.left_on is None

    def in_force(self, on: date) -> bool:
        return self.joined_on <= on and (self.left_on is None or self.left_on > on)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "party_id": self.party_id, "name": self.name, "share": _percent(self.share),
                "joined_on": self.joined_on.isoformat(),
                "left_on": None if self.left_on is None else self.left_on.isoformat(), "rights": list(self.rights)}


@dataclass(frozen=True)
class PoolRecord:
    id: int
    pool_no: str
    name: str
    method: PoolMethod
    trustee: str
    trust_amount: Decimal | None
    trust_term_months: int | None
    members: tuple[PoolMember, ...]
    trustee_party_id: int | None = None
    beneficiaries: str = ""

    @property
    def current_members(self) -> tuple[PoolMember, ...]:
        return tuple(m for m in self.members if m.current)

    @property
    def rights(self) -> tuple[str, ...]:
        """The patents in the pool now (those of its current members), in the order they came in."""
        return tuple(n for m in self.current_members for n in m.rights)

    def to_json(self) -> dict[str, Any]:
        return {"pool": self.pool_no, "id": self.id, "name": self.name, "method": self.method.value,
                "trust": {"trustee": self.trustee or None, "amount": _money(self.trust_amount),
                          "term_months": self.trust_term_months, "beneficiaries": self.beneficiaries},
                "members": [m.to_json() for m in self.members], "rights": list(self.rights)}


@dataclass(frozen=True)
class PoolValue:
    method: PoolMethod
    value: Decimal | None
    patents: int
    valued: int

    def to_json(self) -> dict[str, Any]:
        return {"method": self.method.value, "value": _money(self.value), "patents": self.patents,
                "valued": self.valued}


@dataclass(frozen=True)
class Distribution:
    """An income and its payouts: (member name, share %, amount), adding up to the amount exactly."""

    income_id: int
    amount: Decimal
    payouts: tuple[tuple[str, Decimal, Decimal], ...]
    received_on: date | None = None
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"income": self.income_id, "amount": _money(self.amount),
                "received_on": None if self.received_on is None else self.received_on.isoformat(),
                "source": self.source,
                "payouts": [{"member": n, "share": _percent(s), "amount": _money(a)} for n, s, a in self.payouts]}


def pool_record(session: Session, row: PoolRow) -> PoolRecord:
    members = session.execute(select(PoolMemberRow, PartyRow.name).join(PartyRow, PartyRow.id ==
                              PoolMemberRow.party_id).where(PoolMemberRow.pool_id == row.id)
                              .order_by(PoolMemberRow.id)).all()
    # A period's patents: those still in (a current member's) or those it took out when it left.
    rights = session.execute(select(PoolRightRow.member_id, RightRow.display_number)
                             .join(RightRow, RightRow.id == PoolRightRow.right_id)
                             .where(PoolRightRow.pool_id == row.id).order_by(PoolRightRow.id)).all()
    trustee = session.get(PartyRow, row.trustee_party_id) if row.trustee_party_id else None
    return PoolRecord(row.id, row.pool_no, row.name, PoolMethod(row.method), trustee.name if trustee else "",
                      row.trust_amount, row.trust_term_months,
                      tuple(PoolMember(m.id, m.party_id, name, m.share, m.joined_on, m.left_on,
                                       tuple(n for mid, n in rights if mid == m.id)) for m, name in members),
                      row.trustee_party_id, row.trust_beneficiaries or "")


def incomes_of(session: Session, pool_id: int) -> list[Distribution]:
    """The pool's incomes, latest first, each with its payouts in the members' order."""
    payouts = session.execute(select(PoolPayoutRow, PartyRow.name)
                              .join(PoolMemberRow, PoolMemberRow.id == PoolPayoutRow.member_id)
                              .join(PartyRow, PartyRow.id == PoolMemberRow.party_id)
                              .where(PoolPayoutRow.pool_id == pool_id).order_by(PoolPayoutRow.id)).all()
    by_income: dict[int, list[tuple[str, Decimal, Decimal]]] = {}
    for p, name in payouts:
        by_income.setdefault(p.income_id, []).append((name, p.share, p.amount))
    incomes = session.execute(select(PoolIncomeRow).where(PoolIncomeRow.pool_id == pool_id)
                              .order_by(PoolIncomeRow.received_on.desc(), PoolIncomeRow.id.desc())).scalars()
    return [Distribution(i.id, i.amount, tuple(by_income.get(i.id, ())), i.received_on, i.source or "")
            for i in incomes]


class PoolListSource:
    """The pools the actor may see, for a lazy table."""

    columns = (
        Column("pool_no", "专利池编号", "Pool"),
        Column("name", "名称", "Name"),
        Column("method", "估值方法", "Valuation method"),
        Column("members", "成员数", "Members", sortable=False, align_right=True),
        Column("trustee", "受托人", "Trustee", sortable=False),
        Column("trust_amount", "信托金额（元）", "Trust amount (yuan)", align_right=True),
        Column("trust_term_months", "信托期限（月）", "Term (months)", align_right=True),
    )
    _sortable = {"pool_no": PoolRow.pool_no, "name": PoolRow.name, "method": PoolRow.method,
                 "trust_amount": PoolRow.trust_amount, "trust_term_months": PoolRow.trust_term_months}

    def __init__(self, engine: Engine, actor: Actor):
        self.engine = engine
        self.actor = actor

    def _filtered(self, query: Query, cols: list[Any]) -> Any:
        stmt = scoped(select(*cols), PoolRow.owner_party_id, self.actor)
        text = query.search.strip()
        if text:
            like = f"%{text}%"
            stmt = stmt.where(or_(PoolRow.pool_no.like(like), PoolRow.name.like(like)))
        return stmt

    def count(self, query: Query) -> int:
        with reading(self.engine) as session:
            sub = self._filtered(query, [PoolRow.id]).subquery()
            return int(session.execute(select(func.count()).select_from(sub)).scalar_one())

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        key = self._sortable.get(query.sort_key)
        order = [PoolRow.id.desc()] if key is None else [key.desc() if query.descending else key.asc(), PoolRow.id]
        current = (select(func.count()).where(PoolMemberRow.pool_id == PoolRow.id, PoolMemberRow.left_on.is_(None))
                   .correlate(PoolRow).scalar_subquery())
        stmt = (self._filtered(query, [PoolRow, PartyRow.name, current])
                .outerjoin(PartyRow, PartyRow.id == PoolRow.trustee_party_id)
                .order_by(*order).offset(offset).limit(limit))
        with reading(self.engine) as session:
            return [{"id": r.id, "pool_no": r.pool_no, "name": r.name, "method": r.method, "members": int(n),
                     "trustee": trustee or "", "trust_amount": r.trust_amount,
                     "trust_term_months": r.trust_term_months}
                    for r, trustee, n in session.execute(stmt).all()]
