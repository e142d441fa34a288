"""Demo pledges on top of the demo register, made through the real services (so every event, notice
and audit entry is what a clerk's work would leave): registered, changed, cancelled, refused, awaiting
correction and freshly filed applications, deterministic from the seed."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select

from ipdesk.domain.pledges.application import WAIVABLE_CODES, CancellationTrigger
from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import DomainError
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.uow import reading
from ipdesk.storage.schema import PartyRow, PledgePledgorRow, PledgeRow, RightOwnerRow, RightRow

DOCS = ["application_form", "pledge_contract", "id_or_commitment", "main_contract"]
#: The note every demo application carries (how a resumed load finds the ones already made).
DEMO_NOTE = "演示数据"
CLAUSES = ["parties", "debt", "deadline", "rights_list", "guarantee_scope", "pledge_term"]


def _candidates(engine: Engine, as_of: date) -> tuple[dict[int, list[tuple[str, date]]], list[int]]:
    """Rights a firm could pledge today, grouped by their single owner; and the banks / agencies."""
    horizon = as_of + timedelta(days=3 * 365)
    with reading(engine) as session:
        rows = session.execute(
            select(RightOwnerRow.party_id, RightRow.number, RightRow.expiry_date, RightRow.kind)
            .join(RightRow, RightRow.id == RightOwnerRow.right_id)
            .join(PartyRow, PartyRow.id == RightOwnerRow.party_id)
            .where(RightRow.legal_status == "in_force", RightRow.expiry_date > horizon,
                   ~RightRow.invalidation_requested, ~RightRow.ownership_dispute, ~RightRow.court_preservation,
                   RightRow.kind.in_(["invention", "utility_model", "software"]), PartyRow.kind == "enterprise",
                   RightRow.owner_names.not_like("%；%"))
            .order_by(RightRow.number).limit(3000)
        ).all()
        pledgees = list(session.execute(select(PartyRow.id).where(PartyRow.kind.in_(["bank", "guarantee"]))
                                        .order_by(PartyRow.id)).scalars())
    by_owner: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for owner, number, expiry, _kind in rows:
        if expiry is not None:  # the query asked for expiry_date > horizon
            by_owner[owner].append((number, expiry))
    return dict(sorted(by_owner.items())), pledgees


def add_demo_pledges(engine: Engine, actor: Actor, *, seed: int = 2026, as_of: date | None = None,
                     count: int = 40, clock: Clock | None = None) -> dict[str, Any]:
    """File ``count`` applications and take them to a realistic mix of states; returns counts by state."""
    clock = clock if clock is not None else OfficeClock()
    as_of = as_of or clock.today()
    rng = random.Random(seed * 7919 + 17)
    svc = PledgeService(engine, clock=clock)
    owners, pledgees = _candidates(engine, as_of)
    if not owners or not pledgees:
        return {}
    outcome: dict[str, int] = defaultdict(int)
    owner_ids = list(owners)
    rng.shuffle(owner_ids)
    done = _demo_pledgors(engine)
    for owner in owner_ids[:count]:
        # Every draw for this owner is made before anything is filed (and whether or not it is), so a load
        # that was interrupted continues with exactly the pledges it would have made: an owner who already
        # has its demo pledge is passed over. (Each right has one owner here, so owners never share rights.)
        picked = owners[owner][: rng.choice([1, 1, 1, 2, 3])]
        plan = rng.random()
        recent = plan < 0.22  # still in the office: filed in the last week
        applied = as_of - timedelta(days=rng.randint(0, 6) if recent else rng.randint(20, 420))
        years = rng.choice([1, 1, 2, 2, 3])
        deadline = min(applied + timedelta(days=365 * years), min(e for _n, e in picked) - timedelta(days=30))
        amount = Decimal(rng.choice([50, 80, 100, 150, 200, 300, 500, 800, 1000, 1500, 3000])) * 10000
        pledgee = pledgees[rng.randrange(len(pledgees))]
        registered_on = applied + timedelta(days=rng.randint(1, 4))
        later = registered_on + timedelta(days=rng.randint(30, 300))
        if owner in done:
            outcome["already"] += 1
            continue
        docs = list(DOCS)
        if plan < 0.10:
            docs.remove("id_or_commitment")  # → correction notice
        clauses = list(CLAUSES) + (["forfeiture"] if 0.22 <= plan < 0.27 else [])
        data = {
            "application_date": applied.isoformat(), "pledgors": [f"#{owner}"],
            "pledgee": f"#{pledgee}",
            "debt": {"type": "loan", "amount": str(amount), "performance_deadline": deadline.isoformat()},
            "rights": [n for n, _e in picked], "documents": docs, "clauses": clauses,
            "notes": DEMO_NOTE,
        }
        try:
            rec = svc.file(actor, data, received=applied)
            if recent:
                if plan < 0.10:
                    svc.examine(actor, rec.id, as_of=applied)
                outcome["pending" if plan >= 0.10 else "correction"] += 1
                continue
            if 0.22 <= plan < 0.27:
                _confirmed(svc, svc.refuse(actor, rec.id, on=applied + timedelta(days=2)))
                outcome["refused"] += 1
                continue
            result = svc.examine(actor, rec.id, as_of=applied + timedelta(days=1))
            for code in sorted({f.code for f in result.failed} & WAIVABLE_CODES):
                svc.record_waiver(actor, rec.id, code, "当事人已知悉上述情形，仍要求办理质押登记。",
                                  on=applied + timedelta(days=1))
            _confirmed(svc, svc.register(actor, rec.id, on=registered_on))
            if plan > 0.85 and later <= as_of:
                _confirmed(svc, svc.cancel(actor, rec.id, CancellationTrigger.REPAID, on=later))
                outcome["cancelled"] += 1
            elif plan > 0.72 and later <= as_of:
                svc.change(actor, rec.id, secured_amount=amount + 1_000_000, on=later)
                outcome["changed"] += 1
            else:
                outcome["registered"] += 1
        except DomainError:  # a rule refused this random combination: skip it, the rest is still useful
            outcome["skipped"] += 1
    return dict(outcome)


#: Who files the demo's applications when the one loading the demo may not (an administrator).
DEMO_CLERK = Actor("dengji", Role.CLERK)
#: Who confirms the demo's decisions when the office has maker-checker on (the demo approver's name).
DEMO_APPROVER = Actor("shenhe", Role.APPROVER)


def _confirmed(svc: PledgeService, record: PledgeRecord) -> None:
    """A decision the demo prepared (maker-checker on) is confirmed by the demo approver, as an office would."""
    if record.pending is not None:
        svc.confirm(DEMO_APPROVER, record.pending.id)


def _demo_pledgors(engine: Engine) -> set[int]:
    """The owners that already have their demo pledge (a load interrupted part-way)."""
    with reading(engine) as session:
        return set(session.execute(
            select(PledgePledgorRow.party_id).join(PledgeRow, PledgeRow.id == PledgePledgorRow.pledge_id)
            .where(PledgeRow.notes == DEMO_NOTE)
        ).scalars())
