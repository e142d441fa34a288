"""The pledge statistics at 200 k pledges: each grouping through the service, next to the same SQL run raw.

Fills a fresh migrated database (SQLite in a temporary folder, or ``--database URL``, which it empties first:
give it a throwaway PostgreSQL) with N pledges over ten years — registered, cancelled, refused and pending,
all four families, 1-2 rights each among ``--rights`` rights, 50 banks, 5,000 pledgors in 300 regions, their
events — then times each figure of ``PledgeStatistics`` (every grouping, by month, time to decision, the
pledged rights) and replays the statements it sent on the engine's bare DB-API connection (the baseline), and
times the 14-day deadline digest.
Each figure is the median of ``--runs`` runs after a warm-up.

    .venv/bin/python benchmarks/bench_statistics.py [--n 200000] [--rights 1000000] [--runs 5] [--database URL]
        [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert, text

from ipdesk.config import sqlite_url
from ipdesk.domain.registry.terms import add_months, add_years
from ipdesk.domain.shared.clock import FixedClock
from ipdesk.domain.shared.permissions import SYSTEM
from ipdesk.domain.statistics.pledges import Dimension, Unit
from ipdesk.services import pledge_grouping
from ipdesk.services.fees.service import FeeService
from ipdesk.services.loans.service import LoanService
from ipdesk.services.statistics.digest import DigestService
from ipdesk.services.statistics.pledges import PledgeStatistics
from ipdesk.storage import migrate
from ipdesk.storage.engine import make_engine
from ipdesk.storage.schema import (
    PartyRow,
    PledgeEventRow,
    PledgePledgorRow,
    PledgeRightRow,
    PledgeRow,
    RightRow,
    load_all,
)

GROUPINGS = ["(totals)", "year", "year,family", "family", "bank", "region", "year,bank", "kind", "year,kind"]
STATUSES = ["registered"] * 70 + ["cancelled"] * 15 + ["refused"] * 5 + ["applied"] * 10
FAMILIES = ["patent"] * 55 + ["trademark"] * 30 + ["copyright"] * 5 + ["mixed"] * 10
KINDS = {"patent": ["invention", "utility_model", "design"], "trademark": ["trademark"],
         "copyright": ["copyright", "software"], "mixed": ["invention", "trademark"]}
TODAY = date(2026, 12, 1)
PATENT_YEARS = {"invention": 20, "utility_model": 10, "design": 10}  # designs filed before 2021-06-01: 10


def fill(engine, n: int, rights: int) -> None:
    """``n`` pledges of 1-2 rights each among ``rights`` rights (the rest never pledged), with their events."""
    rnd = random.Random(2026)
    facts = random.Random(7)
    banks, firms = 50, 5000
    regions = [f"{rnd.randint(11, 65)}{rnd.randint(1, 20):02d}00" for _ in range(300)]
    with engine.begin() as conn:
        conn.execute(insert(PartyRow.__table__), [
            {"id": i, "kind": "bank", "name": f"银行{i}", "name_key": f"b{i}", "region": ""}
            for i in range(1, banks + 1)])
        conn.execute(insert(PartyRow.__table__), [
            {"id": banks + i, "kind": "enterprise", "name": f"企业{i}", "name_key": f"f{i}",
             "region": regions[i % len(regions)]} for i in range(1, firms + 1)])
        batch: list[dict] = []
        links: list[dict] = []
        held: list[dict] = []
        events: list[dict] = []
        right_rows: list[dict] = []
        start = date(2016, 1, 1)
        next_right = 1

        def flush() -> None:
            for table, rows in ((RightRow, right_rows), (PledgeRow, batch), (PledgePledgorRow, links),
                                (PledgeRightRow, held), (PledgeEventRow, events)):
                if rows:
                    conn.execute(insert(table.__table__), rows)
                    rows.clear()

        def add_right(kind: str) -> int:
            nonlocal next_right
            rid = next_right
            next_right += 1
            patent = kind in ("invention", "utility_model", "design")
            # Most fees paid ahead; one in twenty in its late period (what a well-kept register looks like).
            ahead = rnd.randrange(1, 366) if rnd.random() < 0.95 else -rnd.randrange(1, 180)
            due = TODAY + timedelta(days=ahead) if patent else None
            row = {"id": rid, "kind": kind, "number": f"N{rid:09d}", "display_number": f"N{rid:09d}",
                   "title": f"一种装置{rid}", "legal_status": "in_force", "fees_next_due": due,
                   "fees_paid_through": None, "filing_date": None, "grant_date": None, "fee_reduction": None,
                   "invalidation_requested": rnd.random() < 0.01}
            if due is not None:
                # The facts the fee engine reads (the digest's annual fees of pledged patents): the fee of year
                # N+1 falls due on the N-th anniversary of filing; granted within two years; some with 费减.
                # From their own generator, so the pledges and their figures stay what they were.
                through = facts.randint(2, PATENT_YEARS[kind] - 2)
                row["fees_paid_through"] = through
                row["filing_date"] = add_years(due, -through)
                row["grant_date"] = add_months(row["filing_date"], facts.randint(8, 24))
                row["fee_reduction"] = 85 if facts.random() < 0.4 else None
            right_rows.append(row)
            return rid

        for i in range(1, n + 1):
            status = rnd.choice(STATUSES)
            family = rnd.choice(FAMILIES)
            # Undecided applications were filed in the last weeks (an office decides within its service level).
            applied = (TODAY - timedelta(days=rnd.randrange(1, 30)) if status == "applied"
                       else start + timedelta(days=rnd.randrange(3650)))
            decided = applied + timedelta(days=rnd.randrange(2, 30))
            registered = decided if status in ("registered", "cancelled") else None
            # drawn in the order they always were, so a fresh load is the same register as before
            pledgee, amount = rnd.randint(1, banks), Decimal(rnd.randrange(100_000, 500_000_000)) / 100
            firm = rnd.randint(1, firms)
            kinds = KINDS[family] if family == "mixed" else [rnd.choice(KINDS[family])]
            if family != "mixed" and rnd.random() < 0.3:
                kinds.append(rnd.choice(KINDS[family]))
            batch.append({"id": i, "application_no": f"A{i:08d}",
                          "registration_no": f"R{i:08d}" if registered else None,
                          "status": status, "family": family, "application_date": applied,
                          "clock_start": applied, "sla_deadline": applied + timedelta(days=20),
                          "pledgee_id": pledgee, "debt_type": "loan", "secured_amount": amount,
                          "performance_deadline": applied + timedelta(days=730), "registered_on": registered,
                          "refused_on": decided if status == "refused" else None,
                          "cancelled_on": decided + timedelta(days=400) if status == "cancelled" else None,
                          # what filing stores (ipdesk.services.pledge_grouping)
                          "rights_kind": pledge_grouping.kind_of(kinds),
                          "pledgor_region": pledge_grouping.region_of(regions[firm % len(regions)])})
            links.append({"pledge_id": i, "party_id": banks + firm, "position": 0})
            for pos, kind in enumerate(kinds):
                rid = add_right(kind)
                held.append({"pledge_id": i, "right_id": rid, "position": pos,
                             "active_right_id": rid if status == "registered" else None})
            events.append({"pledge_id": i, "on_date": applied, "kind": "applied", "actor": "bench"})
            if registered:
                events.append({"pledge_id": i, "on_date": registered, "kind": "registered", "actor": "bench"})
                if rnd.random() < 0.1:
                    events.append({"pledge_id": i, "on_date": registered + timedelta(days=90), "kind": "changed",
                                   "actor": "bench"})
            if status == "cancelled":
                events.append({"pledge_id": i, "on_date": decided + timedelta(days=400), "kind": "cancelled",
                               "actor": "bench"})
            if len(batch) == 20_000:
                flush()
        flush()
        while next_right <= rights:  # the rest of the register, never pledged
            add_right(rnd.choice(["invention", "utility_model", "trademark", "software"]))
            if len(right_rows) == 50_000:
                flush()
        flush()
        conn.execute(text("ANALYZE"))  # both engines: plan the queries on the filled tables


def loaded(engine, n: int, rights: int) -> bool:
    """Whether the database already holds this benchmark's data (then it is reused, not loaded again)."""
    try:
        with engine.connect() as conn:
            return (conn.scalar(text("SELECT count(*) FROM pledges")) == n
                    and conn.scalar(text("SELECT count(*) FROM rights")) == rights)
    except Exception:  # no tables yet
        return False


STATISTICS_INDEXES = ("ix_pledges_statistics", "ix_pledge_events_kind_date")


def replay(engine, statements) -> None:
    """The statements on the engine's bare DB-API connection (the baseline)."""
    conn = engine.raw_connection()
    try:
        cur = conn.cursor()
        for sql, params in statements:
            cur.execute(sql, params)
            cur.fetchall()
    finally:
        conn.close()


def set_indexes(engine, on: bool) -> None:
    indexes = [i for t in load_all().tables.values() for i in t.indexes if i.name in STATISTICS_INDEXES]
    with engine.begin() as conn:
        for index in indexes:
            index.create(conn) if on else index.drop(conn)
        conn.execute(text("ANALYZE"))


def median_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--rights", type=int, default=1_000_000, help="rights in the register (pledged or not)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--database", help="a throwaway database URL (emptied and loaded, unless it already holds "
                                       "N pledges: then reused, migrated to head); default a temporary SQLite file")
    ap.add_argument("--keep", type=Path, help="keep the SQLite file in this folder and reuse it next time")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        url = args.database or sqlite_url(folder / f"bench-{args.n}-{args.rights}.sqlite3")
        engine = make_engine(url)
        if loaded(engine, args.n, args.rights):
            migrate.upgrade_to_head(engine)  # a revision since the last run (an index) applies to the kept data
            print(f"{engine.dialect.name}: reusing {args.n:,} pledges, {args.rights:,} rights; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        else:
            with engine.begin() as conn:
                load_all().drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
            migrate.upgrade_to_head(engine)
            t = time.perf_counter()
            fill(engine, args.n, args.rights)
            print(f"{engine.dialect.name}: {args.n:,} pledges, {args.rights:,} rights loaded in "
                  f"{time.perf_counter() - t:.1f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        if engine.dialect.name == "postgresql":  # as autovacuum leaves an office's tables: the visibility map set
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        clock = FixedClock(datetime(2026, 12, 1, 2, tzinfo=UTC))
        service = PledgeStatistics(engine, clock)
        sent: list[tuple[str, object]] = []

        @event.listens_for(engine, "before_cursor_execute")
        def record(conn, cursor, statement, parameters, context, executemany):
            sent.append((statement, parameters))

        figures = [(g, lambda g=g: service.pledges(() if g == "(totals)" else
                                                   tuple(Dimension(d) for d in g.split(",")), unit=Unit.YI))
                   for g in GROUPINGS]
        figures += [("months", service.monthly), ("decisions", service.decisions),
                    ("pledged rights", service.pledged_rights)]
        statements: dict[str, list] = {}
        ours: dict[str, float] = {}
        with_indexes: dict[str, float] = {}
        rows: dict[str, int] = {}
        for name, fn in figures:  # each figure next to its own SQL, measured right after it (same load)
            sent.clear()
            rows[name] = len(fn().rows)
            statements[name] = [s for s in sent if s[0].lstrip().upper().startswith("SELECT")]
            ours[name] = median_ms(fn, args.runs)
            with_indexes[name] = median_ms(lambda name=name: replay(engine, statements[name]), args.runs)
        # The same SQL without the statistics' covering indexes (dropped, then built again): what they buy.
        set_indexes(engine, False)
        without = {name: median_ms(lambda name=name: replay(engine, statements[name]), args.runs)
                   for name, _fn in figures}
        set_indexes(engine, True)
        print(f"{'figure':<16}{'ipdesk ms':>11}{'raw SQL ms':>12}{'ratio':>8}{'raw, no index':>15}   rows")
        for name, _fn in figures:
            print(f"{name:<16}{ours[name]:>11.1f}{with_indexes[name]:>12.1f}{ours[name] / with_indexes[name]:>8.2f}"
                  f"{without[name]:>15.1f}   {rows[name]}{'' if ours[name] < 500 else '   OVER 500 ms'}")
        digests = DigestService(engine, FeeService(engine, clock=clock), LoanService(engine, clock), clock)
        digest = digests.digest(SYSTEM, 14)
        ms = median_ms(lambda: digests.digest(SYSTEM, 14), args.runs)
        print(f"{'digest 14 days':<16}{ms:>11.1f}{'':>12}{'':>8}   {len(digest.items)}"
              f"{'' if ms < 500 else '   OVER 500 ms'}")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
