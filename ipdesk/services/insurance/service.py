"""Insurance policies: enter one (eligibility checked right by right, the subsidy computed from the scheme
in force), read them through the insurer scoping, a pledge's cover, and the subsidy summary of a year.

Every command checks ``Action.MANAGE_INSURANCE`` first, runs in one transaction, writes one audit entry
on the policy (entity ``policy``: its rights and claims are part of its audited state) and returns what it
changed. A policy belongs to its insurer: an insurer officer enters only its own insurer's policies and
sees only those (another insurer's policy is *not found*).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from ipdesk.domain.custody.monitoring import MonitoringKind, MonitoringStatus
from ipdesk.domain.insurance.amounts import ZERO, Subsidy, subsidy
from ipdesk.domain.insurance.eligibility import RightFacts, reasons
from ipdesk.domain.insurance.rules import InsuranceRules
from ipdesk.domain.registry.rights import LegalStatus, RightKind
from ipdesk.domain.shared.changes import Changed, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.domain.users.scoping import owner_for_new
from ipdesk.services import audit
from ipdesk.services.insurance import settings as insurance_settings
from ipdesk.services.insurance.inputs import PolicyInput, parse_policy
from ipdesk.services.insurance.records import PolicyRecord, m, record_of, records_of
from ipdesk.services.office.settings import format_number, next_number
from ipdesk.services.registry.status import STORED, StatusFacts, StatusSource
from ipdesk.services.uow import changes_so_far, reading, transaction
from ipdesk.services.users.scoping import get_scoped, scoped
from ipdesk.storage.custody.monitoring_tables import MonitoringEntryRow
from ipdesk.storage.insurance.tables import PolicyRightRow, PolicyRow
from ipdesk.storage.schema import PartyRow, PledgeRightRow, PledgeRow, RightRow

ENTITY = "policy"
WHAT = "保单"
POLICY_NO_FORMAT = "BX{year}{seq:06d}"
_DISPUTES = (MonitoringKind.INFRINGEMENT.value, MonitoringKind.LITIGATION.value, MonitoringKind.ADMINISTRATIVE.value)

register({
    "insurance.own_insurer": ("保险经办只能录入本公司（{name}）的保单", "an insurer officer enters only its own "
                                                                       "insurer's ({name}) policies"),
    "insurance.policy_no_taken": ("保单号 {policy_no} 已存在", "policy no. {policy_no} exists"),
})


@dataclass(frozen=True)
class PledgeCover:
    """A pledge's insurance: the policies covering any of its rights, the rights without active cover on
    ``as_of``, and whether the cover ends before the debt's performance deadline."""

    pledge_id: int
    performance_deadline: date
    policies: tuple[PolicyRecord, ...]
    uncovered: tuple[str, ...]
    cover_ends: date | None

    @property
    def ends_before_deadline(self) -> bool:
        return self.cover_ends is None or self.cover_ends < self.performance_deadline


class InsuranceService:
    def __init__(self, engine: Engine, clock: Clock | None = None, status: StatusSource = STORED):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.status = status  # the fee engine's legal status for tracked patents (set by the workstation)

    # --- rules -----------------------------------------------------------------------------------
    def rules(self) -> InsuranceRules:
        with reading(self.engine) as session:
            return insurance_settings.load(session)

    def save_rules(self, actor: Actor, rules: InsuranceRules) -> Changes:
        actor.require(Action.ADMINISTER)
        with transaction(self.engine, self.clock) as session:
            insurance_settings.store(session, actor, rules)
            return changes_so_far(session)

    # --- queries ---------------------------------------------------------------------------------
    def get(self, actor: Actor, policy_id: int, as_of: date | None = None) -> PolicyRecord:
        with reading(self.engine) as session:
            row = get_scoped(session, PolicyRow, policy_id, actor, what=WHAT, owner_attr="insurer_id")
            return record_of(session, row, as_of or self.clock.today())

    def find(self, actor: Actor, number: str, as_of: date | None = None) -> PolicyRecord:
        """By policy number or ``#id``; another insurer's policy reads as not found."""
        text = number.strip()
        if text.startswith("#") and text[1:].isdigit():
            return self.get(actor, int(text[1:]), as_of)
        with reading(self.engine) as session:
            found = session.execute(scoped(select(PolicyRow.id).where(PolicyRow.policy_no == text),
                                           PolicyRow.insurer_id, actor)).scalar_one_or_none()
        if found is None:
            raise NotFound(Problem("not_found", params={"what": WHAT, "key": number}))
        return self.get(actor, found, as_of)

    def list(self, actor: Actor, *, as_of: date | None = None, active_only: bool = False,
             right_ids: Sequence[int] | None = None, limit: int = 1000) -> list[PolicyRecord]:
        """The policies the actor may see, latest start first (of some rights, or only those in force)."""
        day = as_of or self.clock.today()
        query = scoped(select(PolicyRow).order_by(PolicyRow.starts_on.desc(), PolicyRow.id.desc()),
                       PolicyRow.insurer_id, actor).limit(limit)
        if active_only:
            query = query.where(PolicyRow.starts_on <= day, PolicyRow.ends_on >= day)
        if right_ids is not None:
            query = query.where(PolicyRow.id.in_(select(PolicyRightRow.policy_id)
                                                 .where(PolicyRightRow.right_id.in_(list(right_ids)))))
        with reading(self.engine) as session:
            return records_of(session, list(session.execute(query).scalars()), day)

    def ending(self, actor: Actor, start: date, end: date) -> builtins.list[PolicyRecord]:
        """Policies whose cover ends between ``start`` and ``end`` (the workbench's "cover ending this month")."""
        query = scoped(select(PolicyRow).where(PolicyRow.ends_on >= start, PolicyRow.ends_on <= end)
                       .order_by(PolicyRow.ends_on, PolicyRow.id), PolicyRow.insurer_id, actor)
        with reading(self.engine) as session:
            return records_of(session, list(session.execute(query).scalars()), self.clock.today())

    def cover_of_pledge(self, actor: Actor, pledge_id: int, as_of: date | None = None) -> PledgeCover:
        day = as_of or self.clock.today()
        with reading(self.engine) as session:
            pledge = session.get(PledgeRow, pledge_id)
            if pledge is None:
                raise NotFound(Problem("not_found", params={"what": "质押登记", "key": pledge_id}))
            rights = list(session.execute(select(RightRow.id, RightRow.display_number).join(
                PledgeRightRow, PledgeRightRow.right_id == RightRow.id).where(PledgeRightRow.pledge_id == pledge_id)
                .order_by(PledgeRightRow.position)))
            deadline = pledge.performance_deadline
        policies = [p for p in self.list(actor, as_of=day, right_ids=[r[0] for r in rights]) if p.end >= day]
        until: dict[int, date] = {}
        for rid, _ in rights:
            # Cover runs from a policy in force today through any later policy starting by the day after.
            for start, end in sorted((p.start, p.end) for p in policies if any(r == rid for r, _ in p.rights)):
                if rid not in until:
                    if start <= day <= end:
                        until[rid] = end
                elif start <= until[rid] + timedelta(days=1):
                    until[rid] = max(until[rid], end)
        uncovered = tuple(display for rid, display in rights if rid not in until)
        ends = min(until.values()) if rights and not uncovered else None
        return PledgeCover(pledge_id, deadline, tuple(policies), uncovered, ends)

    def subsidy_summary(self, actor: Actor, year: int) -> builtins.list[dict[str, Any]]:
        """Per policyholder, the policies starting in ``year``: count, premium, subsidy and its own share."""
        in_year = (PolicyRow.starts_on >= date(year, 1, 1), PolicyRow.starts_on <= date(year, 12, 31))
        totals = cast(Select[Any], select(PolicyRow.holder_id, func.count(), func.sum(PolicyRow.premium),
                                          func.sum(PolicyRow.subsidy), func.sum(PolicyRow.insured_pays))
                      .where(*in_year).group_by(PolicyRow.holder_id))
        query = scoped(totals, PolicyRow.insurer_id, actor)
        with reading(self.engine) as session:
            rows = session.execute(query).all()
            names = dict(session.execute(select(PartyRow.id, PartyRow.name)
                                         .where(PartyRow.id.in_([r[0] for r in rows] or [0]))).all())
        return [{"holder": names.get(h, ""), "holder_id": h, "policies": n, "premium": m(Decimal(p)),
                 "subsidy": m(Decimal(s)), "insured_pays": m(Decimal(i))}
                for h, n, p, s, i in sorted(rows, key=lambda r: names.get(r[0], ""))]

    # --- commands --------------------------------------------------------------------------------
    def add(self, actor: Actor, data: dict[str, Any]) -> Changed[PolicyRecord]:
        """Enter a policy; refused with every reason if a right is not eligible (nothing written)."""
        actor.require(Action.MANAGE_INSURANCE)
        own = owner_for_new(actor)
        if own is not None and not data.get("insurer"):
            data = {**data, "insurer": f"#{own}"}
        today = self.clock.today()
        with transaction(self.engine, self.clock) as session:
            policy = parse_policy(session, data)
            if own is not None and policy.insurer_id != own:
                party = session.get(PartyRow, own)
                raise RuleRefusal(Problem("insurance.own_insurer", "insurer", {"name": party.name if party else own}))
            rules = insurance_settings.load(session)
            problems = self._eligibility(session, policy, rules, today)
            if problems:
                raise RuleRefusal(problems)
            given = self._subsidy(session, policy, rules)
            number = policy.policy_no or format_number(POLICY_NO_FORMAT, today.year,
                                                       next_number(session, "policy", today.year))
            if session.execute(select(PolicyRow.id).where(PolicyRow.policy_no == number)).first():
                raise ValidationError(Problem("insurance.policy_no_taken", "policy_no", {"policy_no": number}))
            row = PolicyRow(
                policy_no=number, product=policy.product.value, insurer_id=policy.insurer_id,
                holder_id=policy.holder_id, insured_id=policy.insured_id, pledge_id=policy.pledge_id,
                limit_total=policy.limit_total, limit_per_right=policy.limit_per_right,
                deductible=policy.deductible, premium=policy.premium,
                subsidy_class=given.cls.value if given.cls else "", subsidy_nth=given.nth, subsidy_rate=given.rate,
                subsidy=given.amount, insured_pays=given.insured_pays, starts_on=policy.start, ends_on=policy.end,
                retroactive_on=policy.retroactive, coinsurance_share=policy.coinsurance, consent=policy.consent,
                notes=policy.notes,
                rights=[PolicyRightRow(right_id=r.id, position=i) for i, r in enumerate(policy.rights)],
            )
            session.add(row)
            session.flush()
            record = record_of(session, row, today)
            audit.record(session, actor, "insurance.add", ENTITY, row.id, f"录入保单 {number}", None,
                         {k: v for k, v in record.to_json().items() if k not in ("claims", "status", "as_of")})
            return Changed(record, changes_so_far(session))

    # --- rules applied ---------------------------------------------------------------------------
    def _eligibility(self, session: Session, policy: PolicyInput, rules: InsuranceRules,
                     today: date) -> builtins.list[Problem]:
        rule = rules.eligibility_on(policy.start, policy.product)
        if rule is None:
            return []
        rows = policy.rights
        statuses = self.status.statuses([StatusFacts(RightKind(r.kind), LegalStatus(r.legal_status), r.filing_date,
                                                     r.grant_date, r.fees_paid_through) for r in rows], today)
        open_cases = set(session.execute(select(MonitoringEntryRow.right_id).where(
            MonitoringEntryRow.right_id.in_([r.id for r in rows]),
            MonitoringEntryRow.status == MonitoringStatus.OPEN.value,
            MonitoringEntryRow.kind.in_(_DISPUTES))).scalars())
        problems: builtins.list[Problem] = []
        for row, (status, _) in zip(rows, statuses, strict=True):
            facts = RightFacts(row.display_number, RightKind(row.kind).is_patent,
                               status in (LegalStatus.IN_FORCE, LegalStatus.LATE_FEE), status.value, row.expiry_date,
                               len(row.owners), row.ownership_dispute or row.id in open_cases)
            problems += reasons(rule, facts, policy.start, policy.consent)
        return problems

    @staticmethod
    def _subsidy(session: Session, policy: PolicyInput, rules: InsuranceRules) -> Subsidy:
        scheme = rules.subsidy_on(policy.start, policy.product)
        year = policy.start.year
        earlier = select(func.count()).where(PolicyRow.holder_id == policy.holder_id, PolicyRow.subsidy_nth > 0)
        if scheme is not None and scheme.counting == "year":
            earlier = earlier.where(PolicyRow.starts_on >= date(year, 1, 1), PolicyRow.starts_on <= date(year, 12, 31))
        nth = int(session.execute(earlier).scalar_one()) + 1
        used = session.execute(select(func.coalesce(func.sum(PolicyRow.subsidy), 0)).where(
            PolicyRow.holder_id == policy.holder_id, PolicyRow.starts_on >= date(year, 1, 1),
            PolicyRow.starts_on <= date(year, 12, 31))).scalar_one()
        given, problems = subsidy(scheme, policy.subsidy_class, policy.premium, nth, Decimal(used or ZERO),
                                  policy.subsidy, year)
        if problems:
            raise ValidationError(problems)
        if scheme is None or policy.subsidy_class is None:
            return Subsidy(None, 0, Decimal(0), ZERO, given.used, given.by_rate, given.amount, given.insured_pays)
        return given
