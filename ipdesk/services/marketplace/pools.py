"""Patent pools (seed 004 §2): set one up with its valuation method and trust plan, members join with their
patents and their share of the income, leave, and may rejoin (a new membership period with its own share);
the pool is valued on a day from its patents' current valuations, and licence income is shared among the
members in the pool that day by the key in force then, exact to the fen — a key that does not add up to
100 % refuses the income and writes nothing. The read side is :mod:`.pool_queries`, the package pledge
:mod:`.pool_pledge`.

Every command checks ``Action.MANAGE_MARKET``, runs in one transaction and writes one audit entry on the
pool (whose rows the audit state binds: members, patents, incomes, payouts)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.marketplace.pools import PoolMethod, Share, distribute, key_problems, pool_value
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import clean
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.domain.users.scoping import owner_for_new
from ipdesk.services import audit
from ipdesk.services.marketplace import inputs
from ipdesk.services.marketplace.lots import _id_of
from ipdesk.services.marketplace.pool_pledge import PoolPledge
from ipdesk.services.marketplace.pool_queries import (
    Distribution,
    PoolListSource,
    PoolMember,
    PoolRecord,
    PoolValue,
    incomes_of,
    pool_record,
)
from ipdesk.services.office.settings import next_number
from ipdesk.services.uow import reading, transaction
from ipdesk.services.users.scoping import get_scoped, scoped
from ipdesk.services.valuation.service import valuations_of
from ipdesk.storage.marketplace.pool_tables import PoolIncomeRow, PoolMemberRow, PoolPayoutRow, PoolRightRow, PoolRow
from ipdesk.storage.schema import PartyRow, RightOwnerRow

POOL = "专利池"

register({
    "market.pool_member_twice": ("{party} 已是专利池 {pool} 的成员", "{party} is already a member of pool {pool}"),
    "market.pool_not_member": ("{party} 不是专利池 {pool} 的成员", "{party} is not a member of pool {pool}"),
    "market.pool_not_owner": ("{number} 不属于 {party}，不能由其投入专利池",
                              "{number} is not {party}'s to put in the pool"),
    "market.pool_right_taken": ("{number} 已在另一个专利池中", "{number} is already in another pool"),
    "market.pool_no_members": ("专利池 {pool} 在 {on} 没有成员", "pool {pool} has no members on {on}"),
    "market.pool_term": ("信托期限应为正整数（月）：{value}",
                         "the trust term must be a whole number of months: {value}"),
    "market.pool_rejoin_early": ("{party} 于 {left} 退出专利池 {pool}，重新加入不得早于该日",
                                 "{party} left pool {pool} on {left}: it cannot rejoin before that day"),
    "market.pool_leave_early": ("{party} 于 {joined} 加入专利池 {pool}，退出不得早于该日",
                                "{party} joined pool {pool} on {joined}: it cannot leave before that day"),
})


class PoolService(PoolPledge):
    """Pools, their members and income; with the pledge service (``pledges``) also the package pledge
    (:mod:`.pool_pledge`)."""

    def __init__(self, engine: Engine, clock: Clock | None = None, pledges: Any = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.pledges = pledges

    def _pool(self, session: Session, actor: Actor, key: int | str, lock: bool = False) -> PoolRow:
        return get_scoped(session, PoolRow, _id_of(session, PoolRow, PoolRow.pool_no, key, POOL), actor, what=POOL,
                          key=key, lock=lock)

    def _record(self, session: Session, row: PoolRow) -> PoolRecord:
        return pool_record(session, row)

    def get(self, actor: Actor, key: int | str) -> PoolRecord:
        with reading(self.engine) as session:
            return self._record(session, self._pool(session, actor, key))

    # --- commands --------------------------------------------------------------------------------------
    def create(self, actor: Actor, data: dict[str, Any]) -> PoolRecord:
        """A pool: ``name``, ``method`` (average|sum|minimum), and its trust plan: ``trustee`` (party),
        ``trust_amount``, ``trust_term_months``, ``beneficiaries``."""
        actor.require(Action.MANAGE_MARKET)
        problems: list[Problem] = []
        method = inputs.choice(data, "method", tuple(m.value for m in PoolMethod), problems,
                               default=PoolMethod.AVERAGE.value)
        amount = inputs.money(data, "trust_amount", problems, needed=False)
        term = clean(data.get("trust_term_months"))
        with transaction(self.engine, self.clock) as session:
            trustee = inputs.party(session, data, "trustee", problems, needed=False)
            if not clean(data.get("name")):
                from ipdesk.domain.shared.fields import required

                problems.append(required("name", "名称"))
            inputs.check(problems)
            year = self.clock.today().year
            row = PoolRow(pool_no=f"PL{year}{next_number(session, 'market_pool', year):06d}",
                          name=clean(data.get("name")), method=method, trustee_party_id=trustee, trust_amount=amount,
                          trust_term_months=int(term) if term.isdigit() else None,
                          trust_beneficiaries=clean(data.get("beneficiaries")), owner_party_id=owner_for_new(actor))
            session.add(row)
            session.flush()
            audit.record(session, actor, "pool.create", "pool", row.id, f"设立专利池 {row.pool_no} {row.name}", None,
                         {"name": row.name, "method": method, "trustee": trustee, "trust_amount": amount})
            return self._record(session, row)

    def join(self, actor: Actor, pool: int | str, party: str, share: Decimal, rights: list[str],
             on: date | None = None) -> PoolRecord:
        """``party`` joins with its ``rights`` (it must own them; a patent is in one pool at a time) and its
        ``share`` (per cent) of the pool's income."""
        actor.require(Action.MANAGE_MARKET)
        day = on or self.clock.today()
        problems: list[Problem] = []
        with transaction(self.engine, self.clock) as session:
            row = self._pool(session, actor, pool, lock=True)
            party_id = inputs.party(session, {"party": party}, "party", problems)
            found = inputs.rights(session, rights, problems)
            inputs.check(problems)
            assert party_id is not None
            name = session.get(PartyRow, party_id).name  # type: ignore[union-attr]
            refusals = [Problem("market.pool_share", "share", {"value": f"{share:f}"})] if not 0 <= share <= 100 else []
            # Membership periods: a member is in once at a time; one who left may come back (a new period with
            # its own share) from the day it left on, so two periods never overlap and a day has one key.
            periods = session.execute(select(PoolMemberRow).where(PoolMemberRow.pool_id == row.id,
                                                                  PoolMemberRow.party_id == party_id)).scalars().all()
            if any(p.left_on is None for p in periods):
                refusals.append(Problem("market.pool_member_twice", "party", {"party": name, "pool": row.pool_no}))
            elif periods and day < (left := max(p.left_on for p in periods if p.left_on is not None)):
                refusals.append(Problem("market.pool_rejoin_early", "on", {"party": name, "pool": row.pool_no,
                                                                           "left": left.isoformat()}))
            for r in found:
                owners = set(session.execute(select(RightOwnerRow.party_id)
                                             .where(RightOwnerRow.right_id == r.id)).scalars())
                if party_id not in owners:
                    refusals.append(Problem("market.pool_not_owner", "rights",
                                            {"number": r.display_number, "party": name}))
                if session.execute(select(PoolRightRow.id).where(PoolRightRow.active_right_id == r.id)).first():
                    refusals.append(Problem("market.pool_right_taken", "rights", {"number": r.display_number}))
            if refusals:
                raise RuleRefusal(refusals)
            member = PoolMemberRow(pool_id=row.id, party_id=party_id, share=share, joined_on=day)
            session.add(member)
            session.flush()
            for r in found:
                session.add(PoolRightRow(pool_id=row.id, member_id=member.id, right_id=r.id, active_right_id=r.id))
            row.version += 1
            session.flush()
            audit.record(session, actor, "pool.join", "pool", row.id,
                         f"{row.pool_no} 成员{'重新' if periods else ''}加入：{name}", None,
                         {"party_id": party_id, "share": share, "rights": [r.number for r in found], "on": day,
                          "period": len(periods) + 1})
            return self._record(session, row)

    def leave(self, actor: Actor, pool: int | str, party: str, on: date | None = None) -> PoolRecord:
        """The member leaves on ``on``: its patents leave the pool with it; it shares no later income."""
        actor.require(Action.MANAGE_MARKET)
        day = on or self.clock.today()
        problems: list[Problem] = []
        with transaction(self.engine, self.clock) as session:
            row = self._pool(session, actor, pool, lock=True)
            party_id = inputs.party(session, {"party": party}, "party", problems)
            inputs.check(problems)
            member = session.execute(select(PoolMemberRow).where(
                PoolMemberRow.pool_id == row.id, PoolMemberRow.party_id == party_id,
                PoolMemberRow.left_on.is_(None))).scalar_one_or_none()
            if member is None:
                raise RuleRefusal(Problem("market.pool_not_member", "party", {"party": party, "pool": row.pool_no}))
            if day < member.joined_on:
                raise RuleRefusal(Problem("market.pool_leave_early", "on", {
                    "party": party, "pool": row.pool_no, "joined": member.joined_on.isoformat()}))
            member.left_on = day
            for r in session.execute(select(PoolRightRow).where(PoolRightRow.member_id == member.id)).scalars():
                r.active_right_id = None
            row.version += 1
            session.flush()
            audit.record(session, actor, "pool.leave", "pool", row.id, f"{row.pool_no} 成员退出", None,
                         {"party_id": party_id, "on": day})
            return self._record(session, row)

    def value(self, actor: Actor, pool: int | str, on: date | None = None) -> PoolValue:
        """The pool's value on ``on`` from each patent's latest valuation of it alone, valid that day."""
        day = on or self.clock.today()
        with reading(self.engine) as session:
            row = self._pool(session, actor, pool)
            ids = list(session.execute(select(PoolRightRow.right_id).where(
                PoolRightRow.pool_id == row.id, PoolRightRow.active_right_id.is_not(None))).scalars())
            best: dict[int, Decimal] = {}
            for v in valuations_of(session, ids):  # oldest first: a later one replaces it
                if len(v.rights) == 1 and v.value_date <= day <= v.valid_until:
                    best[v.rights[0].id] = v.value
            values = [best.get(i) for i in ids]
            method = PoolMethod(row.method)
            return PoolValue(method, pool_value(method, values), len(ids), len(best))

    def record_income(self, actor: Actor, pool: int | str, amount: Decimal, *, on: date | None = None,
                      source: str = "") -> Distribution:
        """Licence income received on ``on``, shared among the members in the pool that day by their key."""
        actor.require(Action.MANAGE_MARKET)
        day = on or self.clock.today()
        if amount <= 0:
            raise RuleRefusal(Problem("market.positive", "amount", {"label": "金额", "value": f"{amount:.2f}"}))
        with transaction(self.engine, self.clock) as session:
            row = self._pool(session, actor, pool, lock=True)
            members = session.execute(
                select(PoolMemberRow, PartyRow.name).join(PartyRow, PartyRow.id == PoolMemberRow.party_id)
                .where(PoolMemberRow.pool_id == row.id, PoolMemberRow.joined_on <= day)
                .where((PoolMemberRow.left_on.is_(None)) | (PoolMemberRow.left_on > day))
                .order_by(PoolMemberRow.id)).all()
            if not members:
                raise RuleRefusal(Problem("market.pool_no_members", "pool", {"pool": row.pool_no,
                                                                             "on": day.isoformat()}))
            shares = [Share(m.id, name, m.share) for m, name in members]
            problems = key_problems(shares)
            if problems:
                raise RuleRefusal(problems)
            income = PoolIncomeRow(pool_id=row.id, amount=amount, received_on=day, source=source,
                                   actor=actor.username)
            session.add(income)
            session.flush()
            parts = distribute(amount, shares)
            lines = tuple((s.name, s.percent, part) for s, (_m, part) in zip(shares, parts, strict=True))
            for share, (member_id, part) in zip(shares, parts, strict=True):
                session.add(PoolPayoutRow(pool_id=row.id, income_id=income.id, member_id=member_id,
                                          share=share.percent, amount=part))
            row.version += 1
            session.flush()
            audit.record(session, actor, "pool.income", "pool", row.id,
                         f"{row.pool_no} 许可收入 {amount:.2f} 元分配", None,
                         {"amount": amount, "on": day, "source": source,
                          "payouts": [[name, f"{pc:f}", f"{part:.2f}"] for name, pc, part in lines]})
            return Distribution(income.id, amount, lines, day, source)

    def set_trust(self, actor: Actor, pool: int | str, data: dict[str, Any]) -> PoolRecord:
        """The trust plan changed: those of ``trustee``, ``trust_amount``, ``trust_term_months`` and
        ``beneficiaries`` given (an empty string clears one)."""
        actor.require(Action.MANAGE_MARKET)
        problems: list[Problem] = []
        with transaction(self.engine, self.clock) as session:
            row = self._pool(session, actor, pool, lock=True)
            before = {"trustee": row.trustee_party_id, "trust_amount": row.trust_amount,
                      "trust_term_months": row.trust_term_months, "beneficiaries": row.trust_beneficiaries}
            if "trustee" in data:
                row.trustee_party_id = inputs.party(session, data, "trustee", problems, needed=False)
            if "trust_amount" in data:
                row.trust_amount = inputs.money(data, "trust_amount", problems, needed=False)
            if "trust_term_months" in data:
                term = clean(data.get("trust_term_months"))
                if term and not (term.isdigit() and 0 < int(term) < 1200):
                    problems.append(Problem("market.pool_term", "trust_term_months", {"value": term}))
                row.trust_term_months = int(term) if term.isdigit() else None
            if "beneficiaries" in data:
                row.trust_beneficiaries = clean(data.get("beneficiaries"))
            inputs.check(problems)
            row.version += 1
            session.flush()
            audit.record(session, actor, "pool.trust", "pool", row.id, f"{row.pool_no} 信托计划变更", before,
                         {"trustee": row.trustee_party_id, "trust_amount": row.trust_amount,
                          "trust_term_months": row.trust_term_months, "beneficiaries": row.trust_beneficiaries})
            return self._record(session, row)

    # --- queries ---------------------------------------------------------------------------------------
    def list_pools(self, actor: Actor) -> list[PoolRecord]:
        """The pools the actor may see, latest first."""
        with reading(self.engine) as session:
            rows = session.execute(scoped(select(PoolRow).order_by(PoolRow.id.desc()), PoolRow.owner_party_id,
                                          actor)).scalars().all()
            return [self._record(session, r) for r in rows]

    def incomes(self, actor: Actor, pool: int | str) -> list[Distribution]:
        """The pool's licence incomes, latest first, with how each was distributed."""
        with reading(self.engine) as session:
            return incomes_of(session, self._pool(session, actor, pool).id)

    def pool_source(self, actor: Actor) -> PoolListSource:
        """The pool register for a lazy table, within ``actor``'s scope."""
        return PoolListSource(self.engine, actor)


__all__ = ["Distribution", "PoolMember", "PoolRecord", "PoolService", "PoolValue"]
