"""The custodian's worklist (fees due in the next 60 days of the rights in custody) at 1 M rights, next to raw SQL.

A fresh SQLite file is migrated and filled by ``load_demo_data`` (granted patents track their fees: paid
through the current patent year, the previous one in the late period), or reused with ``--keep``. Then
``--custody`` of its tracked patents are put into custody agreements (plain SQL, 20 custodians) and
``CustodyService.worklist(60)`` runs through the service layer while a hook records the SQL it sends; the
same statements are replayed on a plain ``sqlite3`` connection (the baseline). Both are medians of ``--runs``.
The service figure includes the fee engine's band and amount for every fee listed.

    .venv/bin/python benchmarks/bench_custody.py                 # 1 M rights, 10 000 in custody
    .venv/bin/python benchmarks/bench_custody.py --rights 100k --custody 100000 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_rights import Recorder, replay  # type: ignore[import-not-found]
from sqlalchemy import text

from ipdesk.config import AppConfig
from ipdesk.demo import generator as demo_data
from ipdesk.domain.shared.clock import FixedClock
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.workstation import Workstation
from ipdesk.storage import migrate
from ipdesk.storage.engine import make_engine

ACTOR = Actor("bench", Role.ADMIN)
AS_OF = date(2026, 11, 21)
TARGET_MS = 200


def size(text_value: str) -> int:
    t = text_value.lower()
    return int(float(t[:-1]) * (1_000_000 if t.endswith("m") else 1000)) if t[-1] in "km" else int(t)


def prepare(path: Path, rights: int, custody: int) -> None:
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade_to_head(engine)
    started = time.perf_counter()
    demo_data.load_demo_data(engine, ACTOR, rights=rights, seed=2026, as_of=AS_OF)
    print(f"loaded {rights:,} rights in {time.perf_counter() - started:.0f} s")
    with engine.begin() as conn:
        parties = conn.execute(text("SELECT id FROM parties ORDER BY id LIMIT 20")).scalars().all()
        now = datetime.now(UTC).isoformat(sep=" ")
        for n, party in enumerate(parties, 1):
            conn.execute(text("INSERT INTO custody_agreements (id, custodian_id, reference, starts_on, payer, notes,"
                              " created_at, updated_at, version) VALUES (:id, :p, :ref, '2026-01-01', 'custodian',"
                              " '', :now, :now, 1)"), {"id": n, "p": party, "ref": f"TG-{n:03d}", "now": now})
        # Every k-th tracked patent, spread over the agreements (a custodian's rights come from all years).
        tracked = conn.execute(text("SELECT count(*) FROM rights WHERE fees_paid_through IS NOT NULL")).scalar_one()
        step = max(1, tracked // max(1, custody))
        conn.execute(text(
            "INSERT INTO custody_rights (agreement_id, right_id, active_right_id, added_on) "
            "SELECT 1 + (rn % :agreements), id, id, '2026-01-01' FROM ("
            "  SELECT id, row_number() OVER (ORDER BY id) AS rn FROM rights WHERE fees_paid_through IS NOT NULL"
            ") WHERE rn % :step = 0 LIMIT :limit"), {"agreements": len(parties), "step": step, "limit": custody})
        conn.execute(text("ANALYZE"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rights", default="1m")
    parser.add_argument("--custody", type=int, default=10_000, help="rights in custody")
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep the loaded database in this folder and reuse it")
    args = parser.parse_args()
    n = size(args.rights)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="ipdesk-bench-custody-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"custody-{n}-{args.custody}.sqlite3"
    if not path.exists():
        prepare(path, n, args.custody)
    engine = make_engine(f"sqlite:///{path}")
    config = AppConfig(data_dir=workdir / "data", database_url=f"sqlite:///{path}")
    ws = Workstation(config=config, engine=engine, actor=ACTOR, clock=FixedClock(datetime(2026, 11, 21, 2, tzinfo=UTC)))
    recorder = Recorder(engine)
    in_custody = ws.custody.worklist  # warm-up below
    in_custody(args.days)
    times, raws, count = [], [], 0
    raw = sqlite3.connect(path)
    for _ in range(args.runs):
        recorder.on = True
        started = time.perf_counter()
        count = len(in_custody(args.days))
        times.append((time.perf_counter() - started) * 1000)
        recorder.on = False
        statements = recorder.take()
        raws.append(replay(raw, statements) * 1000)
    total = raw.execute("SELECT count(*) FROM custody_rights").fetchone()[0]
    ipdesk_ms, raw_ms = statistics.median(times), statistics.median(raws)
    print(f"{n:,} rights, {total:,} in custody, worklist of the next {args.days} days: {count:,} fees")
    print(f"{'operation':<34}{'ipdesk ms':>10}{'raw SQL ms':>12}{'ratio':>8}  target")
    print(f"{'custody worklist (service)':<34}{ipdesk_ms:>10.1f}{raw_ms:>12.1f}{ipdesk_ms / raw_ms:>8.1f}  "
          f"< {TARGET_MS} ms {'ok' if ipdesk_ms < TARGET_MS else 'MISSED'}")
    plan = raw.execute("EXPLAIN QUERY PLAN " + statements[0][0], statements[0][1]).fetchall() if statements else []
    for row in plan:
        print("  plan:", row[-1])
    raw.close()
    ws.close()


if __name__ == "__main__":
    main()
