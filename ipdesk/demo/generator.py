"""A realistic, deterministic demo data set: Chinese firms, banks, agencies and rights of every kind.

``load_demo_data(engine, actor, rights=N, seed=S)`` fills an *empty* register with about N rights and
``max(80, N / 15)`` parties. The rows are a pure function of ``(seed, as_of)`` (``as_of`` defaults to
today; it decides which rights are expired, pending or in the annual-fee late period, so statuses stay
consistent with the calendar). Only ``created_at`` / ``updated_at`` carry the real load time.

What is in it (DOMAIN.md §0, §5–§8):

- Parties: enterprises named 地名 + 字号 + 行业 + 有限公司 / 股份有限公司 with valid USCCs (GB 32100 check
  character, and a GB 11714 check on the organisation code) registered in real Jiangsu, Zhejiang, Guangdong,
  Beijing and Sichuan divisions; bank branches (中国银行股份有限公司镇江分行 …), guarantee agencies,
  insurers, evaluators, IP agencies, a few universities, individuals (resident ID with its ISO 7064 check)
  and foreign parties (registration number, no USCC).
- Rights: inventions, utility models and designs with valid 12-digit numbers (and some pre-2003 8-digit
  ones, now expired), PCT national-phase inventions, trademarks with Nice classes and similarity groups
  (including same-owner similar marks, for the bundling rule), software and work copyrights with an
  explicit expiry; titles composed from technical term lists; about 10 % co-owned with shares summing to
  100; statuses pending / in force / late period / terminated / invalidated / expired, and the flags
  (invalidation requested, ownership dispute, court preservation); IPC main classes and bound products.
  Expiry dates come from :func:`ipdesk.domain.registry.terms.compute_expiry`.

The load is a bulk path (:mod:`ipdesk.storage.registry.bulk`): executemany in chunks inside one transaction
(so memory stays flat at a million rights), with the secondary indexes and the full-text triggers set aside
and rebuilt at the end, and one audit entry (``demo.load``) for the whole load. The rows are drawn by
:mod:`ipdesk.demo.parties` and :mod:`ipdesk.demo.rights`.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from ipdesk.demo.rights import RightDraws
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.services import audit
from ipdesk.services.bulk_reading import collector_paused
from ipdesk.services.uow import collect_changes, note_all, reading, transaction
from ipdesk.storage.registry import bulk
from ipdesk.storage.schema import AuditRow

register(
    {
        "demo.not_empty": (
            "登记簿中已有 {rights} 项权利、{parties} 个当事人：演示数据只能载入空数据库",
            ("the register already holds {rights} rights and {parties} parties: demo data loads only into an "
             "empty database"),
        ),
        "demo.cancelled": ("已取消载入演示数据，未写入任何数据", "demo data loading cancelled; nothing was written"),
        "demo.size": (
            "演示数据的权利数量应在 1–{max} 之间：{value}",
            "the number of demo rights must be 1-{max}: {value}",
        ),
    }
)

MAX_RIGHTS = 5_000_000
CHUNK = 10_000
ProgressFn = Callable[[int, int], Any]


@dataclass(frozen=True)
class DemoSummary:
    """What a load wrote."""

    seed: int
    as_of: date
    rights: int
    parties: int
    owner_links: int
    co_owned: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    parties_by_kind: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    pledges: dict[str, int] = field(default_factory=dict)
    #: What the load changed: rights and parties in bulk, the demo pledges, the audit log.
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)
    #: True when this run finished a load that had been interrupted after its register was written.
    resumed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "pledges": dict(self.pledges),
            "seed": self.seed, "as_of": self.as_of.isoformat(), "rights": self.rights,
            "parties": self.parties,
            "owner_links": self.owner_links, "co_owned": self.co_owned, "by_kind": dict(self.by_kind),
            "by_status": dict(self.by_status), "parties_by_kind": dict(self.parties_by_kind),
            "seconds": round(self.seconds, 2),
            **({"resumed": True} if self.resumed else {}),
        }


def load_demo_data(
    engine: Engine,
    actor: Actor,
    *,
    rights: int = 2000,
    seed: int = 2026,
    as_of: date | None = None,
    progress: ProgressFn | None = None,
    chunk: int = CHUNK,
    pledges: int = 0,
    clock: Clock | None = None,
    users: bool = False,
) -> DemoSummary:
    """Fill an empty register with a deterministic demo data set; one audit entry for the whole load.

    Args:
        rights: how many rights (parties: ``max(80, rights // 15)``).
        seed: the random seed; the same seed and ``as_of`` give the same rows.
        as_of: the day the data set is "current" on (statuses, late periods, expiry); default today on
            ``clock`` (the workstation's office clock; default the system clock in the office zone), which
            also stamps the rows and the audit entries.
        progress: called as ``progress(done, total)`` after each chunk of rights is written (the indexes are
            built after the last chunk); returning True cancels the load and nothing is written.
        pledges: then file that many demo applications through the pledge services (registered, changed,
            cancelled, refused, awaiting correction, pending); each with its own events and audit entries.
        users: then, in a database without users, one account per role (:mod:`ipdesk.demo.users`).

    Raises:
        PermissionDenied: the actor may not load demo data.
        RuleRefusal: the register is not empty (``demo.not_empty``), ``rights`` is out of range
            (``demo.size``) or the progress callback cancelled (``demo.cancelled``).
    """
    actor.require(Action.LOAD_DEMO_DATA)
    if not 1 <= rights <= MAX_RIGHTS:
        raise RuleRefusal(Problem("demo.size", "rights", {"max": MAX_RIGHTS, "value": rights}))
    started = time.perf_counter()
    clock = clock if clock is not None else OfficeClock()
    as_of = as_of or clock.today()
    interrupted = interrupted_load(engine)
    with collect_changes() as seen:  # the bulk load, then one transaction per demo pledge
        if interrupted is None:
            with collector_paused():  # millions of short-lived rows: the collector would rescan the growing heap
                summary = _load(engine, actor, rights, seed, as_of, progress, chunk, started, clock,
                                {"pledges": pledges, "users": users})
        else:
            # The register of an earlier load is there (it is written all or nothing), what came after it
            # is not all there: finish that load as it was planned, on its own seed and day.
            summary = _summary_of(interrupted)
            seed, as_of = summary.seed, summary.as_of
            pledges, users = interrupted["plan"].get("pledges", 0), bool(interrupted["plan"].get("users"))
        if pledges:
            from ipdesk.demo.pledges import DEMO_CLERK, add_demo_pledges

            # an office's applications are filed by its clerks: the loading administrator may not decide
            filer = actor if actor.may(Action.REGISTER_PLEDGE) else DEMO_CLERK
            made = add_demo_pledges(engine, filer, seed=seed, as_of=as_of, count=pledges, clock=clock)
            summary = dataclasses.replace(summary, pledges=made, seconds=time.perf_counter() - started)
        if users:
            from ipdesk.demo.users import add_demo_users

            add_demo_users(engine, clock)
        if pledges or users:
            with transaction(engine, clock) as session:  # the load is whole: a later run refuses, not resumes
                audit.record(session, actor, "demo.complete", "demo", None,
                             "演示数据载入完成" + ("（续完中断的载入）" if interrupted is not None else ""), None,
                             {"pledges": summary.pledges, "resumed": interrupted is not None})
    return dataclasses.replace(summary, changes=seen.changes, resumed=interrupted is not None)


def interrupted_load(engine: Engine) -> dict[str, Any] | None:
    """What the last demo load recorded (``demo.load``'s state) when it planned pledges or accounts after
    the register and did not finish them (no ``demo.complete`` after it); else None."""
    with reading(engine) as session:
        last = session.execute(
            select(AuditRow.action, AuditRow.after).where(AuditRow.action.in_(("demo.load", "demo.complete")))
            .order_by(AuditRow.seq.desc()).limit(1)
        ).first()
    if last is None or last.action != "demo.load":
        return None
    state = json.loads(last.after or "{}")
    plan = state.get("plan") or {}
    return state if plan.get("pledges") or plan.get("users") else None


def _summary_of(state: dict[str, Any]) -> DemoSummary:
    fields = {f.name for f in dataclasses.fields(DemoSummary)}
    kept = {k: v for k, v in state.items() if k in fields and k not in ("as_of", "changes", "pledges")}
    return DemoSummary(**kept, as_of=date.fromisoformat(state["as_of"]))


def _load(engine: Engine, actor: Actor, rights: int, seed: int, as_of: date, progress: ProgressFn | None,
          chunk: int, started: float, clock: Clock, plan: dict[str, Any]) -> DemoSummary:
    gen = RightDraws(seed, as_of, rights, clock.now())
    with transaction(engine, clock) as session:
        conn = session.connection()
        in_register, parties = bulk.count_register(conn)
        if in_register or parties:
            raise RuleRefusal(Problem("demo.not_empty", params={"rights": in_register, "parties": parties}))

        def on_chunk(done: int, total: int) -> None:
            if progress is not None and progress(done, total) is True:
                raise RuleRefusal(Problem("demo.cancelled"))  # the transaction rolls the whole load back

        with bulk.large_cache(conn):
            gen.make_parties(max(80, rights // 15))
            done = bulk.load_register(conn, gen.parties, gen.rights(), rights, chunk=chunk, on_chunk=on_chunk)
        summary = DemoSummary(
            seed=gen.seed, as_of=gen.as_of, rights=done, parties=len(gen.parties),
            owner_links=gen.owner_links, co_owned=gen.co_owned, by_kind=dict(sorted(gen.kinds.items())),
            by_status=dict(sorted(gen.statuses.items())),
            parties_by_kind=dict(sorted(Counter(p["kind"] for p in gen.parties).items())),
        )
        after = summary.to_json()
        after.pop("seconds")
        after["plan"] = plan  # what follows the register: a run interrupted after it continues from here
        note_all(session, "rights")
        note_all(session, "parties")
        audit.record(session, actor, "demo.load", "demo", None,
                     f"载入演示数据：{summary.rights} 项权利、{summary.parties} 个当事人（种子 {seed}）", None, after)
    return DemoSummary(**{**summary.__dict__, "seconds": time.perf_counter() - started})


__all__ = ["CHUNK", "MAX_RIGHTS", "DemoSummary", "interrupted_load", "load_demo_data"]
