"""Claims on a policy: entered → checked → approved / rejected → paid, with the amounts claimed, assessed,
approved and paid; the deductible and the limit left (aggregate and per right) applied exactly to the fen.

A claim is filed within the policy's term for at most the limit left; approval pays the assessed covered
costs less the deductible, within the limit left; payment is at most the approved amount. Each step is one
transaction and one audit entry on the policy; a claim on another insurer's policy is *not found*.
"""

from __future__ import annotations

import builtins
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ipdesk.domain.insurance.amounts import approved_amount
from ipdesk.domain.insurance.products import CLAIM_STATUS_LABELS, CLAIM_STEPS, ClaimStatus
from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.shared.changes import Changed
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import check_length, clean, parse_date, required
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import DomainError, NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.insurance.inputs import LABELS, money
from ipdesk.services.insurance.records import ClaimRecord, PolicyRecord, claim_of, m, record_of
from ipdesk.services.insurance.service import ENTITY, WHAT
from ipdesk.services.uow import changes_so_far, reading, transaction
from ipdesk.services.users.scoping import get_scoped, scoped
from ipdesk.storage.insurance.tables import ClaimRow, PolicyRow
from ipdesk.storage.schema import RightRow

CLAIM = "理赔"

register({
    "insurance.claim_outside_term": ("出险（报案）日 {on} 不在保险期间 {start} 至 {end} 内",
                                     "the claim date {on} is outside the policy term {start} to {end}"),
    "insurance.date_in_future": ("日期 {date} 晚于今天 {today}", "the date {date} is after today {today}"),
    "insurance.claim_over_limit": ("索赔金额 {amount} 元超过剩余赔偿限额 {left} 元",
                                   "the claim {amount} exceeds the limit left, {left}"),
    "insurance.claim_right": ("{right} 不在该保单的保险标的中", "{right} is not covered by this policy"),
    "insurance.claim_right_needed": ("该保单保有多项专利：请指明索赔所涉专利",
                                     "the policy covers several rights: name the one claimed on"),
    "insurance.claim_step": ("理赔 {claim} 为“{status}”，不能{step}", "claim {claim} is {status}: it cannot be {step}"),
    "insurance.assessed_over_claimed": ("核定损失 {assessed} 元超过索赔金额 {claimed} 元",
                                        "the assessed amount {assessed} exceeds the amount claimed {claimed}"),
    "insurance.paid_over_approved": ("赔付金额 {paid} 元超过核定赔付金额 {approved} 元",
                                     "the payment {paid} exceeds the approved amount {approved}"),
    "insurance.date_before": ("日期 {date} 早于{what} {before}", "the date {date} is before the {what} {before}"),
})
_STEP_WORDS = {ClaimStatus.CHECKED: ("审核", "checked"), ClaimStatus.APPROVED: ("核定", "approved"),
               ClaimStatus.REJECTED: ("拒赔", "rejected"), ClaimStatus.PAID: ("赔付", "paid")}


class ClaimService:
    def __init__(self, engine: Engine, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    # --- queries ---------------------------------------------------------------------------------
    def find(self, actor: Actor, number: str) -> ClaimRecord:
        """By claim number or ``#id``; a claim on another insurer's policy reads as not found."""
        text = number.strip()
        with reading(self.engine) as session:
            if text.startswith("#") and text[1:].isdigit():
                row = get_scoped(session, ClaimRow, int(text[1:]), actor, what=CLAIM, owner_attr="insurer_id")
            else:
                found = session.execute(scoped(select(ClaimRow).where(ClaimRow.claim_no == text),
                                               ClaimRow.insurer_id, actor)).scalar_one_or_none()
                if found is None:
                    raise NotFound(Problem("not_found", params={"what": CLAIM, "key": number}))
                row = found
            policy = session.get_one(PolicyRow, row.policy_id)
            return self._claim(session, policy, row.id, self.clock.today())

    def list(self, actor: Actor, *, open_only: bool = False, limit: int = 1000) -> list[ClaimRecord]:
        """Claims the actor may see, newest first (``open_only``: not yet paid or rejected)."""
        query = scoped(select(ClaimRow).order_by(ClaimRow.id.desc()), ClaimRow.insurer_id, actor).limit(limit)
        if open_only:
            query = query.where(ClaimRow.status.in_([s.value for s in (ClaimStatus.ENTERED, ClaimStatus.CHECKED,
                                                                      ClaimStatus.APPROVED)]))
        with reading(self.engine) as session:
            rows = list(session.execute(query).scalars())
            numbers = dict(session.execute(select(PolicyRow.id, PolicyRow.policy_no)
                                           .where(PolicyRow.id.in_({r.policy_id for r in rows} or {0}))).all())
            displays = dict(session.execute(select(RightRow.id, RightRow.display_number).where(
                RightRow.id.in_({r.right_id for r in rows if r.right_id is not None} or {0}))).all())
            return [claim_of(r, numbers[r.policy_id], displays) for r in rows]

    # --- commands --------------------------------------------------------------------------------
    def file(self, actor: Actor, policy_id: int, data: dict[str, Any]) -> Changed[ClaimRecord]:
        """Enter a claim (``amount``, ``on``, ``case``, optional ``right`` and ``documents``)."""
        actor.require(Action.MANAGE_INSURANCE)
        today = self.clock.today()
        with transaction(self.engine, self.clock) as session:
            row = get_scoped(session, PolicyRow, policy_id, actor, what=WHAT, owner_attr="insurer_id", lock=True)
            policy = record_of(session, row, today)
            problems: list[Problem] = []
            amount = money(data, "amount", problems, needed=True, positive=True)
            on, found = parse_date(data.get("on") or today, "on", LABELS["on"])
            problems += found
            case = clean(data.get("case"))
            problems += check_length(case, 4000, "case", LABELS["case"]) or ([] if case else
                                                                            [required("case", LABELS["case"])])
            right_id = self._right(session, policy, data.get("right"), problems)
            if on is not None:
                if on > today:
                    problems.append(Problem("insurance.date_in_future", "on",
                                            {"date": on.isoformat(), "today": today.isoformat()}))
                elif not policy.start <= on <= policy.end:
                    problems.append(Problem("insurance.claim_outside_term", "on", {
                        "on": on.isoformat(), "start": policy.start.isoformat(), "end": policy.end.isoformat()}))
            if amount is not None and not problems:
                left = policy.remaining(right_id)
                if amount > left:
                    problems.append(Problem("insurance.claim_over_limit", "amount",
                                            {"amount": m(amount), "left": m(left)}))
            if problems:
                raise ValidationError(problems)
            assert amount is not None and on is not None
            n = int(session.execute(select(func.count()).where(ClaimRow.policy_id == row.id)).scalar_one()) + 1
            claim = ClaimRow(claim_no=f"{row.policy_no}-{n:02d}", policy_id=row.id, insurer_id=row.insurer_id,
                             right_id=right_id, status=ClaimStatus.ENTERED.value, filed_on=on, case_text=case,
                             documents=clean(data.get("documents")), claimed=amount)
            session.add(claim)
            row.version += 1
            session.flush()
            audit.record(session, actor, "insurance.claim", ENTITY, row.id,
                         f"保单 {row.policy_no} 报案 {claim.claim_no}", None,
                         {"claim_no": claim.claim_no, "claimed": amount, "on": on, "right_id": right_id, "case": case})
            return Changed(self._claim(session, row, claim.id, today), changes_so_far(session))

    def check(self, actor: Actor, claim_id: int, *, on: date | None = None) -> Changed[ClaimRecord]:
        return self._step(actor, claim_id, ClaimStatus.CHECKED, on)

    def approve(self, actor: Actor, claim_id: int, assessed: Decimal, *,
                on: date | None = None) -> Changed[ClaimRecord]:
        """Approve on ``assessed`` covered costs: less the deductible, within the limit left."""
        return self._step(actor, claim_id, ClaimStatus.APPROVED, on, amount=assessed)

    def reject(self, actor: Actor, claim_id: int, reason: str, *, on: date | None = None) -> Changed[ClaimRecord]:
        return self._step(actor, claim_id, ClaimStatus.REJECTED, on, reason=reason)

    def pay(self, actor: Actor, claim_id: int, amount: Decimal | None = None, *,
            on: date | None = None) -> Changed[ClaimRecord]:
        """Record the payment (default the approved amount, never more)."""
        return self._step(actor, claim_id, ClaimStatus.PAID, on, amount=amount)

    # --- the one path of the steps ---------------------------------------------------------------
    def _step(self, actor: Actor, claim_id: int, target: ClaimStatus, on: date | None, *,
              amount: Decimal | None = None, reason: str = "") -> Changed[ClaimRecord]:
        actor.require(Action.MANAGE_INSURANCE)
        today = self.clock.today()
        day = on or today
        with transaction(self.engine, self.clock) as session:
            claim = get_scoped(session, ClaimRow, claim_id, actor, what=CLAIM, owner_attr="insurer_id")
            row = get_scoped(session, PolicyRow, claim.policy_id, actor, what=WHAT, owner_attr="insurer_id", lock=True)
            status = ClaimStatus(claim.status)
            if target not in CLAIM_STEPS[status]:
                raise RuleRefusal(Problem("insurance.claim_step", "claim", {
                    "claim": claim.claim_no, "status": CLAIM_STATUS_LABELS[status][0], "step": _STEP_WORDS[target][0]}))
            self._check_day(day, today, claim)
            policy = record_of(session, row, today)
            before = {"status": claim.status, "approved": claim.approved, "paid": claim.paid}
            if target is ClaimStatus.CHECKED:
                claim.checked_on = day
            elif target is ClaimStatus.REJECTED:
                claim.decided_on, claim.reason = day, clean(reason)
            elif target is ClaimStatus.APPROVED:
                assessed = self._amount(amount, "assessed")
                if assessed > claim.claimed:
                    raise ValidationError(Problem("insurance.assessed_over_claimed", "assessed", {
                        "assessed": m(assessed), "claimed": m(claim.claimed)}))
                left = policy.remaining(claim.right_id, other_than=claim.id)
                claim.assessed, claim.decided_on = assessed, day
                claim.approved = approved_amount(assessed, row.deductible, left)
            else:
                approved = claim.approved if claim.approved is not None else Decimal("0.00")
                paid = approved if amount is None else self._amount(amount, "paid")
                if paid > approved:
                    raise ValidationError(Problem("insurance.paid_over_approved", "amount",
                                                  {"paid": m(paid), "approved": m(approved)}))
                claim.paid, claim.paid_on = paid, day
            claim.status = target.value
            row.version += 1
            session.flush()
            audit.record(session, actor, f"insurance.claim_{target.value}", ENTITY, row.id,
                         f"理赔 {claim.claim_no} {_STEP_WORDS[target][0]}", before,
                         {"status": claim.status, "on": day, "assessed": claim.assessed, "approved": claim.approved,
                          "paid": claim.paid, "reason": claim.reason})
            return Changed(self._claim(session, row, claim.id, today), changes_so_far(session))

    @staticmethod
    def _amount(amount: Decimal | None, field: str) -> Decimal:
        if amount is None:
            raise ValidationError(Problem("required", field, {"label": "金额"}))
        if amount < 0:
            raise ValidationError(Problem("insurance.amount_negative", field, {"label": "金额", "value": m(amount)}))
        return amount.quantize(Decimal("0.01"))

    @staticmethod
    def _check_day(day: date, today: date, claim: ClaimRow) -> None:
        if day > today:
            raise ValidationError(Problem("insurance.date_in_future", "on",
                                          {"date": day.isoformat(), "today": today.isoformat()}))
        last = max(d for d in (claim.filed_on, claim.checked_on, claim.decided_on) if d is not None)
        if day < last:
            raise ValidationError(Problem("insurance.date_before", "on",
                                          {"date": day.isoformat(), "what": "上一步", "before": last.isoformat()}))

    @staticmethod
    def _right(session: Session, policy: PolicyRecord, given: Any, problems: builtins.list[Problem]) -> int | None:
        text = clean(given)
        if not text:
            if len(policy.rights) == 1:
                return policy.rights[0][0]
            if policy.limit_per_right is not None:
                problems.append(Problem("insurance.claim_right_needed", "right"))
            return None
        try:
            parsed = parse_right_number(text)
        except DomainError as err:
            problems.extend(err.problems)
            return None
        found = session.execute(select(RightRow.id).where(RightRow.number == parsed.number)).scalar_one_or_none()
        if found is not None and any(rid == found for rid, _ in policy.rights):
            return int(found)
        problems.append(Problem("insurance.claim_right", "right", {"right": parsed.display}))
        return None

    @staticmethod
    def _claim(session: Session, row: PolicyRow, claim_id: int, today: date) -> ClaimRecord:
        return next(c for c in record_of(session, row, today).claims if c.id == claim_id)
