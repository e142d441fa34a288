"""What the state-binding audit log costs: a registration with and without its commit-time binding.

Registers N pledges (each one right, its own parties) on a fresh SQLite file through PledgeService and
prints the median time of ``register`` and of the part spent binding the state (read the records back,
HMAC them, replace their ``audit_state`` rows, hash and write the entries) and writing the checkpoint.
Also times the demo loader's binding of every record it wrote, and ``audit verify`` over the result.

    .venv/bin/python benchmarks/bench_audit.py [--n 40] [--demo 20000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ipdesk.config import AppConfig, sqlite_url
from ipdesk.demo.generator import load_demo_data
from ipdesk.domain.notices.notice import _patent_number
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.audit import binding
from ipdesk.services.workstation import open_workstation
from tests.helpers.factories import application_data, invention_data, make_uscc

ADMIN = Actor("bench", Role.ADMIN)
D = date(2026, 11, 16)


def timed(module, name, bucket):
    original = getattr(module, name)

    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            bucket.append(time.perf_counter() - t)
    setattr(module, name, wrapper)


def unbound_finalize(session) -> None:
    """The log as it was before state binding: link and write the entries, bind nothing."""
    from ipdesk.services.audit.log import PENDING, entry_hash

    pending = session.info.pop(PENDING, None)
    cached = session.info.pop("audit_head", None)
    if not pending or cached is None:
        return
    prev = cached[1].hash
    for row in pending:
        row.prev_hash = prev
        row.hash = prev = entry_hash(prev, row)
    cached[1].hash = prev
    session.add_all(pending)


def registrations(ws, bank, n: int, offset: int, bind_t: list[float]) -> list[tuple[float, float]]:
    out = []
    for i in range(offset, offset + n):
        firm = ws.parties.create(ADMIN, {"kind": "enterprise", "name": f"企业{i}", "uscc": make_uscc(1 + i)})
        right = ws.rights.create(ADMIN, invention_data([firm.id], number=_patent_number(2017, 1, 600000 + i)))
        rec = ws.pledges.file(ADMIN, application_data({"firm": firm, "bank": bank, "right": right}), received=D)
        bind_t.clear()
        t = time.perf_counter()
        ws.pledges.register(ADMIN, rec.id, on=D)
        out.append((time.perf_counter() - t, sum(bind_t)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--demo", type=int, default=20000)
    args = ap.parse_args()
    bind_t: list[float] = []
    timed(binding, "finalize", bind_t)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        ws = open_workstation(AppConfig(data_dir=data, database_url=sqlite_url(data / "bench.sqlite3")), ADMIN)
        bank = ws.parties.create(ADMIN, {"kind": "bank", "name": "中国银行镇江分行", "uscc": make_uscc(900)})
        bound = registrations(ws, bank, args.n, 0, bind_t)
        t = time.perf_counter()
        report = ws.audit.verify()
        print(f"audit verify ({report.records} records, {report.entries} entries): "
              f"{time.perf_counter() - t:.2f} s, ok={report.ok}")
        real = binding.finalize
        binding.finalize = unbound_finalize
        plain = registrations(ws, bank, args.n, args.n, [])
        binding.finalize = real
        with_ms = statistics.median(r[0] for r in bound) * 1000
        without_ms = statistics.median(r[0] for r in plain) * 1000
        finalize_ms = statistics.median(r[1] for r in bound) * 1000
        print(f"registration: {with_ms:.1f} ms with state binding, {without_ms:.1f} ms without "
              f"(median of {args.n} each; commit-time binding incl. the flush {finalize_ms:.1f} ms)")
        ws.close()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        ws = open_workstation(AppConfig(data_dir=data, database_url=sqlite_url(data / "bench.sqlite3")), ADMIN)
        bind_t.clear()
        t = time.perf_counter()
        load_demo_data(ws.engine, ADMIN, rights=args.demo, seed=2026, as_of=D, clock=ws.clock)
        whole = time.perf_counter() - t
        print(f"demo load of {args.demo} rights: {whole:.2f} s, of which binding {sum(bind_t):.2f} s "
              f"({sum(bind_t) / whole:.0%})")
        t = time.perf_counter()
        report = ws.audit.verify()
        print(f"audit verify ({report.records} records): {time.perf_counter() - t:.2f} s, ok={report.ok}")
        ws.close()


if __name__ == "__main__":
    main()
