"""The pool's patents pledged as one package (seed 004 §2: the trust plan finances the pool on its patents):
one pledge application, filed through the pledge register's own service and examined there as any other,
pre-filled with every patent in the pool that day.

Who pledges: the patentees. The members keep their patents (the pool holds no title), so the pledgors are
the registered owners of the pool's patents — every co-owner of a co-owned one — in the order the members
joined; the pledgee is by default the trustee whose trust plan finances the pool, the secured amount the
trust amount and the performance deadline the end of the trust term."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from sqlalchemy import select

from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.domain.shared.fields import clean
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal, ValidationError
from ipdesk.storage.marketplace.pool_tables import PoolMemberRow, PoolRightRow
from ipdesk.storage.schema import RightOwnerRow, RightRow

register({
    "market.pool_no_patents": ("专利池 {pool} 中没有专利，无法打包出质", "pool {pool} has no patents to pledge"),
    "market.pool_no_pledgee": ("请指定质权人（专利池 {pool} 未设受托人）",
                               "name the pledgee (pool {pool} has no trustee)"),
    "market.pool_no_deadline": ("请指定债务履行期限（专利池 {pool} 未设信托期限）",
                                "give the performance deadline (pool {pool} has no trust term)"),
    "market.pool_no_amount": ("请指定担保债权数额（专利池 {pool} 未设信托金额）",
                              "give the secured amount (pool {pool} has no trust amount)"),
})


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the 31st of a shorter month: its last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class PoolPledge:
    """Mixin of :class:`~ipdesk.services.marketplace.pools.PoolService`: needs ``engine``, ``clock``,
    ``pledges`` (the pledge service) and ``_pool``."""

    def pledge_package(self, actor: Actor, pool: int | str, data: dict[str, Any] | None = None,
                       on: date | None = None) -> PledgeRecord:
        """File one pledge application (已受理) of all the pool's current patents; ``data`` may give the
        ``pledgee``, ``amount``, ``performance_deadline``, ``debt_type``, ``debtor``, ``documents``,
        ``clauses`` (what was received with it; the examination asks for the rest). The filing is the pledge
        register's command (``Action.REGISTER_PLEDGE``, its audit entry); nothing is written when refused."""
        from ipdesk.services.uow import reading
        from ipdesk.storage.marketplace.pool_tables import PoolRow

        actor.require(Action.REGISTER_PLEDGE)  # the filing is the register's; refused before anything is read
        data = dict(data or {})
        day = on or self.clock.today()  # type: ignore[attr-defined]
        if self.pledges is None:  # type: ignore[attr-defined]
            raise RuntimeError("PoolService was built without the pledge service")
        with reading(self.engine) as session:  # type: ignore[attr-defined]
            row: PoolRow = self._pool(session, actor, pool)  # type: ignore[attr-defined]
            rights = session.execute(
                select(RightRow.id, RightRow.display_number)
                .join(PoolRightRow, PoolRightRow.active_right_id == RightRow.id)
                .join(PoolMemberRow, PoolMemberRow.id == PoolRightRow.member_id)
                .where(PoolRightRow.pool_id == row.id)
                .order_by(PoolMemberRow.joined_on, PoolMemberRow.id, PoolRightRow.id)).all()
            if not rights:
                raise RuleRefusal(Problem("market.pool_no_patents", "pool", {"pool": row.pool_no}))
            owners = session.execute(select(RightOwnerRow.right_id, RightOwnerRow.party_id)
                                     .where(RightOwnerRow.right_id.in_([r.id for r in rights]))
                                     .order_by(RightOwnerRow.position, RightOwnerRow.party_id)).all()
            pledgors: list[int] = []
            for right_id, _number in rights:
                for rid, party_id in owners:
                    if rid == right_id and party_id not in pledgors:
                        pledgors.append(party_id)
            problems: list[Problem] = []
            pledgee = clean(data.get("pledgee")) or (f"#{row.trustee_party_id}" if row.trustee_party_id else "")
            if not pledgee:
                problems.append(Problem("market.pool_no_pledgee", "pledgee", {"pool": row.pool_no}))
            amount = clean(data.get("amount")) or (f"{row.trust_amount:.2f}" if row.trust_amount else "")
            if not amount:
                problems.append(Problem("market.pool_no_amount", "amount", {"pool": row.pool_no}))
            deadline = clean(data.get("performance_deadline")) or (
                add_months(day, row.trust_term_months).isoformat() if row.trust_term_months else "")
            if not deadline:
                problems.append(Problem("market.pool_no_deadline", "performance_deadline", {"pool": row.pool_no}))
            if problems:
                raise ValidationError(problems)
        application = {
            "application_date": day.isoformat(),
            "pledgors": pledgors,
            "pledgee": pledgee,
            "debt": {"type": clean(data.get("debt_type")) or "loan", "amount": amount,
                     "performance_deadline": deadline},
            "rights": [number for _id, number in rights],
            "documents": list(data.get("documents") or []),
            "clauses": list(data.get("clauses") or []),
        }
        if clean(data.get("debtor")):
            application["debtor"] = clean(data.get("debtor"))
        return self.pledges.file(actor, application, received=day)  # type: ignore[attr-defined]
