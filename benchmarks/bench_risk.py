"""The early-warning scan at 100 k and 1 M rights: a full scan, then an incremental scan after one change.

A fresh SQLite file is migrated and filled by ``load_demo_data`` (granted patents track their fees, some in
their late period, some flagged with disputes, invalidation requests or preservation), or reused with
``--keep``. Every ``--every``-th right in force is then pledged, one right a pledge, registered (plain SQL,
50 banks). The figures: ``RiskService.scan(full=True)``, then one right gains an ownership dispute through
the register service and ``RiskService.scan()`` runs incrementally (it reads only the pledges the audit log
shows changed). Targets (issue 10): full < 60 s, incremental < 1 s.

    .venv/bin/python benchmarks/bench_risk.py --rights 100k
    .venv/bin/python benchmarks/bench_risk.py --rights 1m --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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
NOW = datetime(2026, 11, 21, 2, tzinfo=UTC)
TARGETS = {"full": 60.0, "incremental": 1.0}


def size(text_value: str) -> int:
    t = text_value.lower()
    return int(float(t[:-1]) * (1_000_000 if t.endswith("m") else 1000)) if t[-1] in "km" else int(t)


def prepare(path: Path, rights: int, every: int) -> None:
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade_to_head(engine)
    started = time.perf_counter()
    demo_data.load_demo_data(engine, ACTOR, rights=rights, seed=2026, as_of=AS_OF)
    print(f"loaded {rights:,} rights in {time.perf_counter() - started:.0f} s")
    now = NOW.isoformat(sep=" ")
    with engine.begin() as conn:
        bank = conn.execute(text("SELECT id FROM parties ORDER BY id LIMIT 1")).scalar_one()
        conn.execute(text(
            "INSERT INTO pledges (id, application_no, registration_no, status, family, application_date, clock_start,"
            " pledgee_id, debt_type, secured_amount, performance_deadline, guarantee_scope, documents, clauses,"
            " valuation_declared, foreign_language_id, licensed_before, waivers, other_grounds, notes, registered_on,"
            " cancellation_trigger, pledgor_names, pledgee_name, created_at, updated_at, version) "
            "SELECT rn, 'ZY' || rn, 'Y' || rn, 'registered', 'patent', '2026-01-05', '2026-01-05', :bank, 'loan',"
            " 1000000.00, date('2027-01-05', '+' || (rn % 1000) || ' days'), '', '', '', 0, 0, 0, '', '', '',"
            " '2026-01-10', '', '', '', :now, :now, 1 FROM ("
            "  SELECT id, row_number() OVER (ORDER BY id) AS rn FROM rights WHERE legal_status IN ('in_force',"
            "  'late_fee') AND kind IN ('invention', 'utility_model', 'design')) WHERE rn % :every = 0"),
            {"bank": bank, "now": now, "every": every})
        conn.execute(text(
            "INSERT INTO pledge_rights (pledge_id, right_id, position, active_right_id) "
            "SELECT rn, id, 0, id FROM ("
            "  SELECT id, row_number() OVER (ORDER BY id) AS rn FROM rights WHERE legal_status IN ('in_force',"
            "  'late_fee') AND kind IN ('invention', 'utility_model', 'design')) WHERE rn % :every = 0"),
            {"every": every})
        conn.execute(text("ANALYZE"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rights", default="100k")
    parser.add_argument("--every", type=int, default=4, help="pledge every n-th patent in force")
    parser.add_argument("--keep", type=Path, help="keep the loaded database in this folder and reuse it")
    args = parser.parse_args()
    n = size(args.rights)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="ipdesk-bench-risk-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"risk-{n}-{args.every}.sqlite3"
    if not path.exists():
        prepare(path, n, args.every)
    engine = make_engine(f"sqlite:///{path}")
    config = AppConfig(data_dir=workdir / "data", database_url=f"sqlite:///{path}")
    ws = Workstation(config=config, engine=engine, actor=ACTOR, clock=FixedClock(NOW))
    with engine.connect() as conn:
        pledges = conn.execute(text("SELECT count(*) FROM pledges")).scalar_one()
        right_id = conn.execute(text("SELECT right_id FROM pledge_rights ORDER BY pledge_id LIMIT 1")).scalar_one()
    started = time.perf_counter()
    full = ws.risk.scan(full=True)
    full_s = time.perf_counter() - started
    right = ws.rights.get(right_id)
    data = {"kind": right.kind.value, "number": right.display_number, "title": right.title,
            "filing_date": right.filing_date, "grant_date": right.grant_date, "legal_status": right.legal_status.value,
            "fees_paid_through": right.fees_paid_through, "fee_reduction": right.fee_reduction,
            "invalidation_requested": right.invalidation_requested, "court_preservation": right.court_preservation,
            "ownership_dispute": True,
            "owners": [{"party_id": o.party_id, "share": str(o.share)} for o in right.owners]}
    ws.rights.update(ACTOR, right_id, data)
    started = time.perf_counter()
    incremental = ws.risk.scan()
    incremental_s = time.perf_counter() - started
    open_signals = ws.risk.count_open()
    print(f"{n:,} rights, {pledges:,} registered pledges; {open_signals:,} open signals after the scans")
    print(f"{'scan':<14}{'pledges':>10}{'raised':>9}{'cleared':>9}{'seconds':>10}  target")
    for name, result, seconds in (("full", full, full_s), ("incremental", incremental, incremental_s)):
        target = TARGETS[name]
        print(f"{name:<14}{result.pledges:>10,}{result.raised:>9,}{result.cleared:>9,}{seconds:>10.2f}  "
              f"< {target:g} s {'ok' if seconds < target else 'MISSED'}")
    ws.close()


if __name__ == "__main__":
    main()
