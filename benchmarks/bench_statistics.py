"""The pledge statistics at 200 k pledges: each grouping through the service, next to the same SQL run raw.

Fills a fresh migrated database (SQLite in a temporary folder, or ``--database URL``, which it empties first:
give it a throwaway PostgreSQL) with N pledges over ten years — registered, cancelled, refused and pending,
all four families, 50 banks, 5,000 pledgors in 300 regions — then times ``PledgeStatistics.pledges`` for each
grouping and replays the statements it sent on the engine's bare DB-API connection (the baseline).
Each figure is the median of ``--runs`` runs after a warm-up.

    .venv/bin/python benchmarks/bench_statistics.py [--n 200000] [--runs 5] [--database URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert, text

from ipdesk.config import sqlite_url
from ipdesk.domain.statistics.pledges import Dimension, Unit
from ipdesk.services.statistics.pledges import PledgeStatistics
from ipdesk.storage import migrate
from ipdesk.storage.engine import make_engine
from ipdesk.storage.schema import Base, PartyRow, PledgePledgorRow, PledgeRow

GROUPINGS = ["(totals)", "year", "year,family", "family", "bank", "region", "year,bank"]
STATUSES = ["registered"] * 70 + ["cancelled"] * 15 + ["refused"] * 5 + ["applied"] * 10
FAMILIES = ["patent"] * 55 + ["trademark"] * 30 + ["copyright"] * 5 + ["mixed"] * 10


def fill(engine, n: int) -> None:
    rnd = random.Random(2026)
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
        start = date(2016, 1, 1)
        for i in range(1, n + 1):
            status = rnd.choice(STATUSES)
            applied = start + timedelta(days=rnd.randrange(3650))
            registered = applied + timedelta(days=5) if status in ("registered", "cancelled") else None
            batch.append({"id": i, "application_no": f"A{i:08d}",
                          "registration_no": f"R{i:08d}" if registered else None,
                          "status": status, "family": rnd.choice(FAMILIES), "application_date": applied,
                          "clock_start": applied, "pledgee_id": rnd.randint(1, banks), "debt_type": "loan",
                          "secured_amount": Decimal(rnd.randrange(100_000, 500_000_000)) / 100,
                          "performance_deadline": applied + timedelta(days=730), "registered_on": registered})
            links.append({"pledge_id": i, "party_id": banks + rnd.randint(1, firms), "position": 0})
            if len(batch) == 20_000:
                conn.execute(insert(PledgeRow.__table__), batch)
                conn.execute(insert(PledgePledgorRow.__table__), links)
                batch, links = [], []
        if batch:
            conn.execute(insert(PledgeRow.__table__), batch)
            conn.execute(insert(PledgePledgorRow.__table__), links)
        conn.execute(text("ANALYZE"))  # both engines: plan the queries on the filled tables


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
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--database", help="a throwaway database URL (emptied!); default a temporary SQLite file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or sqlite_url(Path(tmp) / "bench.sqlite3")
        engine = make_engine(url)
        if args.database:
            with engine.begin() as conn:
                Base.metadata.drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        migrate.upgrade_to_head(engine)
        t = time.perf_counter()
        fill(engine, args.n)
        print(f"{engine.dialect.name}: {args.n:,} pledges loaded in {time.perf_counter() - t:.1f} s")
        service = PledgeStatistics(engine)
        sent: list[tuple[str, object]] = []

        @event.listens_for(engine, "before_cursor_execute")
        def record(conn, cursor, statement, parameters, context, executemany):
            sent.append((statement, parameters))

        print(f"{'grouping':<14}{'ipdesk ms':>11}{'raw SQL ms':>12}{'ratio':>8}   rows")
        for grouping in GROUPINGS:
            dims = () if grouping == "(totals)" else tuple(Dimension(d) for d in grouping.split(","))
            sent.clear()
            result = service.pledges(dims, unit=Unit.YI)
            statements = [s for s in sent if s[0].lstrip().upper().startswith("SELECT")]
            ours = median_ms(lambda dims=dims: service.pledges(dims, unit=Unit.YI), args.runs)

            def raw(statements=statements):
                conn = engine.raw_connection()
                try:
                    cur = conn.cursor()
                    for sql, params in statements:
                        cur.execute(sql, params)
                        cur.fetchall()
                finally:
                    conn.close()
            base = median_ms(raw, args.runs)
            print(f"{grouping:<14}{ours:>11.1f}{base:>12.1f}{ours / base:>8.2f}   {len(result.rows)}"
                  f"{'' if ours < 500 else '   OVER 500 ms'}")
        engine.dispose()


if __name__ == "__main__":
    main()
